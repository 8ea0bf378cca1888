import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Attachments from "./Attachments.svelte";
import { i18n } from "./i18n.svelte";
import type { AttachmentPreview, WrittenFile } from "./api";

async function open(name: string, preview: AttachmentPreview) {
  i18n.language = "nl";
  const asked: number[] = [];
  const load = async (id: number) => {
    asked.push(id);
    return preview;
  };
  const save = async (): Promise<WrittenFile> => ({ path: "", bytes: 0, missing_characters: [] });
  const { component } = render(Attachments, { load, save });
  // The record's page lists the attachment and asks to show it.
  await component.show(1, name);
  expect(asked).toEqual([1]);
  expect(document.querySelector("#attachment-add")).toBeNull();
}

describe("viewing an attachment", () => {
  it("shows the first pages of a PDF and says how many there are", async () => {
    const page = "data:image/png;base64,iVBORw0KGgo=";
    await open("verslag.pdf", { kind: "pages", pages: [page, page], page_count: 34 });
    expect(await screen.findByAltText("Pagina 2 van 34")).toBeTruthy();
    expect(screen.getByText(/De eerste 2 van 34 pagina's worden getoond/)).toBeTruthy();
  });

  it("shows an e-mail's headers, text and the files inside it", async () => {
    await open("bericht.msg", {
      kind: "message",
      message: {
        from: "Çağrı Öztürk <cagri@example.nl>",
        to: "Vertrouwenspersoon",
        cc: null,
        date: "2026-03-03 09:15 UTC",
        subject: "Melding",
        body: "Zoals besproken: de ideeën.",
        attachments: ["foto.jpg"],
      },
    });
    expect(await screen.findByText("Çağrı Öztürk <cagri@example.nl>")).toBeTruthy();
    expect(screen.getByText("Onderwerp")).toBeTruthy();
    expect(screen.getByText(/^03-03-2026 \d\d:15$/)).toBeTruthy();
    expect(screen.queryByText("Cc")).toBeNull();
    expect(screen.getByText("Zoals besproken: de ideeën.")).toBeTruthy();
    expect(screen.getByText(/foto\.jpg/)).toBeTruthy();
  });

  it("explains a password-protected PDF instead of failing", async () => {
    await open("slot.pdf", { kind: "unavailable", reason: "encrypted" });
    expect(await screen.findByText(/met een wachtwoord beveiligd/)).toBeTruthy();
  });
});
