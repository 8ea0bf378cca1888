import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Settings from "./Settings.svelte";
import { i18n } from "../lib/i18n.svelte";
import type { SessionInfo } from "../lib/api";

const session: SessionInfo = {
  vault_id: "v",
  dir: "/kluis",
  organisation: "Org",
  user: { id: "u", login: "hanna", display_name: "Hanna", roles: ["hr"], created_at: "2026-11-23T10:00:00Z", not_holder_of: [] },
  compartments: ["org", "hr"],
  idle_lock_seconds: 3,
  warnings: [],
};

describe("settings", () => {
  it("keeps an idle lock set in seconds unless the minutes are changed", async () => {
    i18n.language = "nl";
    const updates: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "settings") return { organisation: "Org", idle_lock_seconds: 3 };
      if (cmd === "update_settings") {
        updates.push((args as { req: unknown }).req);
        return { organisation: "Org", idle_lock_seconds: 3 };
      }
      return null;
    });
    render(Settings, { session });
    const minutes = (await screen.findByLabelText(/Automatisch vergrendelen/)) as HTMLInputElement;
    await new Promise((r) => setTimeout(r, 0));
    expect(minutes.value).toBe("1");
    await fireEvent.click(screen.getByText("Opslaan"));
    await screen.findByText(/Opgeslagen/);
    expect(updates[0]).toMatchObject({ organisation: "Org", idle_lock_seconds: null });
    await fireEvent.input(minutes, { target: { value: "10" } });
    await fireEvent.click(screen.getByText("Opslaan"));
    await new Promise((r) => setTimeout(r, 0));
    expect(updates[1]).toMatchObject({ idle_lock_seconds: 600 });
  });
});
