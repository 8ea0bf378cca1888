import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import VaultWarnings from "./VaultWarnings.svelte";
import { i18n } from "./i18n.svelte";

describe("what unlocking found", () => {
  it("names the colleague whose key was replaced, and says so of the user's own key", () => {
    i18n.language = "nl";
    render(VaultWarnings, {
      warnings: [
        { kind: "key_changed", compartment: "hr", user: "Piet Pieters" },
        { kind: "key_changed", compartment: "org", user: "you" },
      ],
    });
    const alert = document.querySelector("#vault-key-changed");
    expect(alert?.getAttribute("role")).toBe("alert");
    expect(screen.getByText(/voor Piet Pieters een andere sleutel/)).toBeTruthy();
    expect(screen.getByText(/noemt voor u een sleutel die niet de uwe is/)).toBeTruthy();
    expect(document.querySelector("#vault-warnings")).toBeNull();
  });
});
