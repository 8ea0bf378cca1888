import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import CaseTimeline from "./CaseTimeline.svelte";
import { i18n } from "../lib/i18n.svelte";
import type { CaseDetail } from "../lib/api";

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
