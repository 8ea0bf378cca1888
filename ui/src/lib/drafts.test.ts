import { describe, expect, it } from "vitest";
import { caseDraftKeys, draft, forgetCase, forgetDrafts, keep } from "./drafts";

describe("drafts", () => {
  it("keeps a copy, forgets empty forms, a destroyed case's drafts and everything on lock", () => {
    forgetDrafts();
    const typed = { notes: "Gesprek met Ayşe" };
    keep("case:new", typed, false);
    typed.notes = "changed afterwards";
    expect(draft<{ notes: string }>("case:new")?.notes).toBe("Gesprek met Ayşe");
    keep("case:new", typed, true);
    expect(draft("case:new")).toBeUndefined();

    const keys = caseDraftKeys("VP-2026-001");
    keep(keys.conversation, { notes: "x" }, false);
    keep(keys.correction, { name: "y" }, false);
    keep(caseDraftKeys("VP-2026-002").conversation, { notes: "z" }, false);
    forgetCase("VP-2026-001");
    expect(draft(keys.conversation)).toBeUndefined();
    expect(draft(keys.correction)).toBeUndefined();
    expect(draft(caseDraftKeys("VP-2026-002").conversation)).toBeDefined();
    forgetDrafts();
    expect(draft(caseDraftKeys("VP-2026-002").conversation)).toBeUndefined();
  });
});
