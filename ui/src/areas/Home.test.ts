import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Home from "./Home.svelte";
import { i18n } from "../lib/i18n.svelte";
import { navigation, resetNavigation } from "../lib/navigation.svelte";
import { isoToday } from "../lib/due";
import type { SessionInfo } from "../lib/api";

const session: SessionInfo = {
  vault_id: "v",
  dir: "/tmp/kluis",
  idle_lock_seconds: 300,
  user: { id: "u", login: "ayse", display_name: "Ayşe Yılmaz", roles: ["advisor"], created_at: "2026-01-01T00:00:00Z", not_holder_of: [] },
  organisation: "Stichting Voorbeeld",
  compartments: ["org", "advisor"],
  warnings: [],
};

describe("the home screen", () => {
  it("lists due follow-ups as links with what is due and how late, and opens the case", async () => {
    i18n.language = "nl";
    resetNavigation();
    const today = isoToday();
    const threeDaysAgo = isoToday(new Date(Date.now() - 3 * 86_400_000));
    mockIPC((cmd) => {
      if (cmd === "list_cases")
        return [
          { id: 1, reference: "VP-2026-004", first_contact: "2026-01-02", closed_on: null, reporter_name: null, natures: [], conversations: 1, minutes: 30, next_follow_up: threeDaysAgo, next_follow_up_what: "Terugbellen over rooster" },
          { id: 2, reference: "VP-2026-007", first_contact: "2026-02-02", closed_on: null, reporter_name: null, natures: [], conversations: 1, minutes: 30, next_follow_up: today, next_follow_up_what: "Mail naar Çağrı" },
        ];
      return null;
    });
    render(Home, { session });
    const link = await screen.findByRole("button", { name: "Melding VP-2026-004 openen: Terugbellen over rooster" });
    expect(screen.getByText("Terugbellen over rooster")).toBeTruthy();
    expect(screen.getByText("3 dagen te laat")).toBeTruthy();
    expect(screen.getByText("vandaag")).toBeTruthy();
    await fireEvent.click(link);
    expect(navigation.route).toBe("advisor");
    expect(navigation.target).toEqual({ kind: "case", id: "VP-2026-004" });
  });
});
