import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import RegisterSettingsView from "./RegisterSettingsView.svelte";
import { i18n } from "../lib/i18n.svelte";

describe("register settings", () => {
  it("renames a nature and explains why one in use cannot be deleted", async () => {
    i18n.language = "nl";
    const changes: unknown[] = [];
    let natures = [{ id: 3, code: "bullying", name: "pesten", retired: false }];
    mockIPC((cmd, args) => {
      if (cmd === "register_settings") return { reference_prefix: "VP", k: 5, retention_months: 12, grace_days: 30 };
      if (cmd === "natures") return natures;
      if (cmd === "change_natures") {
        const req = (args as { req: { action: string; name?: string } }).req;
        changes.push(req);
        if (req.action === "delete") throw { code: "Conflict", message: "in use", field: "nature", reason: "in_use" };
        natures = [{ ...natures[0], name: req.name ?? natures[0].name }];
        return natures;
      }
      return null;
    });
    render(RegisterSettingsView);
    const name = (await screen.findByLabelText("pesten")) as HTMLInputElement;
    await fireEvent.input(name, { target: { value: "pesten en buitensluiten" } });
    await fireEvent.click(screen.getByText("Hernoemen"));
    await new Promise((r) => setTimeout(r, 0));
    expect(changes[0]).toEqual({ action: "rename", id: 3, name: "pesten en buitensluiten" });
    await fireEvent.click(screen.getByText("Verwijderen"));
    expect(await screen.findByText(/laat hem vervallen in plaats van verwijderen/)).toBeTruthy();
  });
});
