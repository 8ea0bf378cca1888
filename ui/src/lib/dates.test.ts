import { describe, expect, it } from "vitest";
import { isoFromTyped, todayTyped } from "./dates";

describe("dates as users type them", () => {
  it("reads day-month-year and ISO, and refuses days that do not exist", () => {
    expect(isoFromTyped("3-2-2026")).toBe("2026-02-03");
    expect(isoFromTyped(" 28-12-2026 ")).toBe("2026-12-28");
    expect(isoFromTyped("2026-12-29")).toBe("2026-12-29");
    expect(isoFromTyped("31-2-2026")).toBeNull();
    expect(isoFromTyped("morgen")).toBeNull();
    expect(isoFromTyped("12/28/2026")).toBeNull();
  });

  it("prefills today as dd-mm-jjjj", () => {
    expect(todayTyped(new Date(2026, 2, 2))).toBe("02-03-2026");
  });
});
