import { fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { describe, expect, it } from "vitest";
import ActionForm from "./ActionForm.svelte";
import DangerZone from "./DangerZone.svelte";
import { actionForms, closeForm } from "./action-forms.svelte";

const form = (name: string) =>
  createRawSnippet(() => ({ render: () => `<form><label for="${name}">Notities</label><textarea id="${name}"></textarea></form>` }));

describe("action forms", () => {
  it("open from their button or shortcut, one at a time, and close with Escape", async () => {
    closeForm();
    render(ActionForm, { id: "add-conversation", label: "Gesprek vastleggen", shortcut: "g", children: form("notes") });
    render(ActionForm, { id: "add-follow-up", label: "Opvolging toevoegen", draft: true, children: form("follow") });
    expect(document.querySelector("#notes")).toBeNull();
    expect(screen.getByText(/concept bewaard/)).toBeTruthy();
    await fireEvent.keyDown(window, { key: "g" });
    expect(actionForms.open).toBe("add-conversation");
    expect(document.querySelector("#notes")).toBeTruthy();
    await fireEvent.click(document.querySelector("#add-follow-up") as HTMLButtonElement);
    expect(document.querySelector("#notes")).toBeNull();
    expect(document.querySelector("#follow")).toBeTruthy();
    // Typing a "g" in a field does not open another form.
    await fireEvent.keyDown(document.querySelector("#follow") as HTMLElement, { key: "g" });
    expect(actionForms.open).toBe("add-follow-up");
    await fireEvent.keyDown(document.querySelector("#follow") as HTMLElement, { key: "Escape" });
    expect(actionForms.open).toBeNull();
    expect(document.querySelector("#add-follow-up")).toBeTruthy();
  });
});

describe("danger zones", () => {
  it("stand apart with a heading that names what cannot be undone", () => {
    const children = createRawSnippet(() => ({ render: () => `<button class="danger">Vernietigen</button>` }));
    render(DangerZone, { id: "destroy", title: "Melding vernietigen", body: "Dit kan niet ongedaan worden gemaakt.", children });
    const zone = document.querySelector("section#destroy") as HTMLElement;
    expect(zone.getAttribute("aria-labelledby")).toBe("destroy-title");
    expect(zone.querySelector("h2")?.textContent?.trim()).toBe("Melding vernietigen");
    expect(zone.querySelector("button.danger")).toBeTruthy();
  });
});
