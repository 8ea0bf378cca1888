import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Attachments from "./Attachments.svelte";
import { i18n } from "../lib/i18n.svelte";
import type { AttachmentPreview, CaseDetail } from "../lib/api";

function caseWith(names: string[]): CaseDetail {
  return {
    reference: "VP-2026-001",
    attachments: names.map((file_name, i) => ({
      id: i + 1,
      file_name,
      media_type: "application/octet-stream",
      size: 1000,
      added_at: "2026-03-03T10:00:00Z",
    })),
  } as unknown as CaseDetail;
}

async function open(name: string, preview: AttachmentPreview) {
  i18n.language = "nl";
  mockIPC((cmd) => (cmd === "attachment_preview" ? preview : null));
  render(Attachments, { c: caseWith([name]), onchange: () => {} });
  await fireEvent.click(screen.getByText("Bekijken"));
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
    expect(screen.queryByText("Cc")).toBeNull();
    expect(screen.getByText("Zoals besproken: de ideeën.")).toBeTruthy();
    expect(screen.getByText(/foto\.jpg/)).toBeTruthy();
  });

  it("explains a password-protected PDF instead of failing", async () => {
    await open("slot.pdf", { kind: "unavailable", reason: "encrypted" });
    expect(await screen.findByText(/met een wachtwoord beveiligd/)).toBeTruthy();
  });
});
