import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import About from "./About.svelte";
import { i18n } from "./i18n.svelte";

describe("About box", () => {
  it("shows the version the core reports, and closes with Escape back to its link", async () => {
    i18n.language = "en";
    mockIPC((cmd) =>
      cmd === "about"
        ? {
            version: "9.8.7",
            licence: "EUPL-1.2",
            identifier: "nl.vertrouwd.desktop",
            config_dir: "/home/ayşe/.config/nl.vertrouwd.desktop",
            default_vault_dir: "/home/ayşe/.local/share/nl.vertrouwd.desktop/vault",
          }
        : null,
    );
    render(About);
    const link = screen.getByRole("button", { name: "About Vertrouwd" });
    await fireEvent.click(link);
    const dialog = await screen.findByRole("dialog", { name: "About Vertrouwd" });
    expect(dialog.textContent).toContain("9.8.7");
    expect(dialog.textContent).toContain("EUPL-1.2");
    expect(dialog.textContent).toContain("/home/ayşe/.local/share/nl.vertrouwd.desktop/vault");
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(link);
  });
});
