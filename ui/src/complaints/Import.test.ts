import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Import from "./Import.svelte";
import { i18n } from "../lib/i18n.svelte";

describe("importing a complaints register", () => {
  it("seals the import to the users ticked and names a taken reference", async () => {
    i18n.language = "en";
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "plugin:dialog|open") return "/home/hr/klachten.xlsx";
      if (cmd === "complaint_users") {
        return [
          { id: "u-ayse", display_name: "Ayşe Yılmaz" },
          { id: "u-hanna", display_name: "Hanna de Boer" },
        ];
      }
      if (cmd === "import_complaints") {
        asked.push((args as { req: unknown }).req);
        return { imported: 2, problems: [{ line: 4, column: "referentie", reason: "taken" }] };
      }
      return null;
    });
    let done = 0;
    render(Import, { me: "u-ayse", ondone: () => done++ });
    await fireEvent.click(screen.getByLabelText(/Only these users/));
    expect(await screen.findByText(/Hanna de Boer/)).toBeTruthy();
    await fireEvent.click(screen.getByText("Choose a file and import…"));
    expect(await screen.findByText("2 complaints imported.")).toBeTruthy();
    expect(screen.getByText(/line 4 — referentie: This reference is already in the register/)).toBeTruthy();
    expect(asked[0]).toEqual({
      path: "/home/hr/klachten.xlsx",
      skip_invalid: false,
      access: { who: "only", users: ["u-ayse"] },
    });
    expect(done).toBe(1);
  });
});
