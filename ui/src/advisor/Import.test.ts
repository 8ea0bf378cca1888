import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Import from "./Import.svelte";
import { i18n } from "../lib/i18n.svelte";

describe("importing a register", () => {
  it("lists every wrong line and says nothing was imported", async () => {
    i18n.language = "nl";
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "plugin:dialog|open") return "/home/vp/register.csv";
      if (cmd === "import_cases") {
        asked.push((args as { req: unknown }).req);
        return {
          imported: 0,
          problems: [
            { line: 3, column: "datum_eerste_contact", reason: "invalid_date" },
            { line: 5, column: "kanaal", reason: "required" },
          ],
        };
      }
      return null;
    });
    let done = 0;
    render(Import, { ondone: () => done++ });
    await fireEvent.click(screen.getByText("Bestand kiezen en importeren…"));
    expect(await screen.findByText(/er is niets geïmporteerd/)).toBeTruthy();
    expect(screen.getByText(/regel 3 — datum_eerste_contact: Vul een geldige datum in/)).toBeTruthy();
    expect(screen.getByText(/regel 5 — kanaal: Vul dit in/)).toBeTruthy();
    expect(asked[0]).toEqual({ path: "/home/vp/register.csv", skip_invalid: false });
    expect(done).toBe(0);
  });
});
