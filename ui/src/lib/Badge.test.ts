import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Badge from "./Badge.svelte";
import { daysLate, dueState, DUE_LOOK, isoToday } from "./due";

describe("badges", () => {
  it("say their state in a word with an icon, never by colour alone", () => {
    const { container } = render(Badge, { label: "te laat", tone: "danger", icon: "alert", id: "b" });
    const badge = container.querySelector("#b") as HTMLElement;
    expect(badge.textContent?.trim()).toBe("te laat");
    expect(badge.dataset.tone).toBe("danger");
    expect(badge.querySelector("svg[aria-hidden='true']")?.getAttribute("data-icon")).toBe("alert");
  });

  it("a due date is later, today or late, with its days", () => {
    expect(dueState("2026-12-03", "2026-12-02")).toBe("later");
    expect(dueState("2026-12-02", "2026-12-02")).toBe("today");
    expect(dueState("2026-11-30", "2026-12-02")).toBe("late");
    expect(daysLate("2026-11-30", "2026-12-02")).toBe(2);
    expect(daysLate("2026-12-30", "2026-12-02")).toBe(0);
    expect(daysLate("2026-03-28", "2026-03-30")).toBe(2);
    expect(DUE_LOOK.late.icon).not.toBe(DUE_LOOK.later.icon);
    expect(isoToday(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
