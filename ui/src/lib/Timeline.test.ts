import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Timeline from "./Timeline.svelte";
import { inDateOrder, type TimelineEntry } from "./timeline";
import { i18n } from "./i18n.svelte";

const entries: TimelineEntry[] = [
  { id: "c-2", date: "2026-03-04", kind: "conversation", kindLabel: "Gesprek", title: "Tweede gesprek" },
  { id: "f-1", date: "2026-02-10", kind: "follow_up", kindLabel: "Opvolging", title: "Terugbellen" },
  { id: "c-1", date: "2026-02-10", kind: "conversation", kindLabel: "Gesprek", title: "Eerste gesprek" },
  { id: "a-1", date: "2026-05-01", kind: "attachment", kindLabel: "Bijlage", title: "verslag.pdf" },
];

describe("timelines", () => {
  it("list every kind of entry in date order, a day's entries as given", () => {
    i18n.language = "nl";
    const { container } = render(Timeline, { id: "tl", label: "Verloop", entries });
    const items = [...container.querySelectorAll("li")];
    expect(items.map((li) => li.querySelector("h3")?.textContent)).toEqual(["Terugbellen", "Eerste gesprek", "Tweede gesprek", "verslag.pdf"]);
    expect(items[0].querySelector("time")?.textContent).toBe("10-02-2026");
    expect(items[0].querySelector("time")?.getAttribute("datetime")).toBe("2026-02-10");
    expect(items.map((li) => li.dataset.kind)).toEqual(["follow_up", "conversation", "conversation", "attachment"]);
  });

  it("can put the newest first", () => {
    expect(inDateOrder(entries, true).map((e) => e.id)).toEqual(["a-1", "c-2", "f-1", "c-1"]);
  });
});
