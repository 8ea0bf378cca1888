import { describe, expect, it } from "vitest";
import { saveRecordForm } from "./record-form";
import { i18n } from "./i18n.svelte";
import { toasts, clearToasts } from "./toasts.svelte";

describe("saving an add-form", () => {
  it("hands the answer back, says so and closes; an error stays on its field and the form stays open", async () => {
    i18n.language = "nl";
    clearToasts();
    const seen: string[] = [];
    let closed = 0;
    const done = { onchange: (a: string) => seen.push(a), saved: "Opvolging gepland.", close: () => closed++ };
    expect(await saveRecordForm(async () => "VP-2026-001 bijgewerkt", done)).toEqual({});
    expect([seen, closed, toasts.list.map((t) => t.text)]).toEqual([["VP-2026-001 bijgewerkt"], 1, ["Opvolging gepland."]]);
    const errors = await saveRecordForm(async () => {
      throw { code: "Validation", message: "due_on: invalid_date", field: "due_on", reason: "invalid_date" };
    }, done);
    expect(Object.keys(errors)).toEqual(["due_on"]);
    expect(errors.due_on).toMatch(/geldige datum/);
    expect([seen.length, closed]).toEqual([1, 1]);
    clearToasts();
  });
});
