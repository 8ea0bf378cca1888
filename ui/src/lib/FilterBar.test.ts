import { render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { describe, expect, it } from "vitest";
import FilterBar from "./FilterBar.svelte";

describe("filter bars", () => {
  it("are one labelled search region around the list's filters", () => {
    const children = createRawSnippet(() => ({
      render: () => `<div><label class="grow">Zoeken <input id="q" type="search" /></label><label>Status <select id="s"><option>Alle</option></select></label></div>`,
    }));
    render(FilterBar, { label: "Meldingen filteren", id: "filters", children });
    const bar = screen.getByRole("search", { name: "Meldingen filteren" });
    expect(bar.id).toBe("filters");
    expect(bar.querySelector("#q")).toBeTruthy();
    expect(screen.getByLabelText(/Status/)).toBe(bar.querySelector("#s"));
  });
});
