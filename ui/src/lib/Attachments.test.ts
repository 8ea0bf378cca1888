import { fireEvent, render, screen } from "@testing-library/svelte";
import CaseTimeline from "./CaseTimeline.svelte";
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
  const { component } = render(Attachments, { c: caseWith([name]), onchange: () => {} });
  // The case's timeline lists the attachment and asks to show it.
  await component.show(1, name);
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

describe("the case timeline", () => {
  it("lists attachments and follow-ups in date order, shows an attachment and marks a follow-up done", async () => {
    i18n.language = "nl";
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return c;
    });
    const c = {
      ...caseWith(["verslag.pdf"]),
      conversations: [{ id: 1, held_on: "2026-03-01", minutes: 45, mode: "in_person", with_whom: null, notes: "Eerste gesprek met Ayşe", next_step: null }],
      interventions: [],
      consents: [],
      follow_ups: [{ id: 7, due_on: "2026-03-02", what: "Terugbellen", done_on: null }],
    } as unknown as CaseDetail;
    const shown: string[] = [];
    render(CaseTimeline, { c, onchange: () => {}, onshow: (a: { file_name: string }) => shown.push(a.file_name), onexport: () => {} });
    const kinds = [...document.querySelectorAll("#case-timeline li")].map((li) => (li as HTMLElement).dataset.kind);
    expect(kinds).toEqual(["conversation", "follow_up", "attachment"]);
    expect(screen.getByText(/dagen te laat/)).toBeTruthy();
    await fireEvent.click(screen.getByText("Bekijken"));
    expect(shown).toEqual(["verslag.pdf"]);
    await fireEvent.click(screen.getByText("Gedaan"));
    expect(calls.some((x) => (x as [string])[0] === "follow_up_done")).toBe(true);
  });
});
