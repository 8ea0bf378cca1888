import { describe, expect, it } from "vitest";
import { wholeNumber } from "./forms";

describe("typed numbers", () => {
  it("reads whole numbers from text or number inputs and nothing else", () => {
    expect(wholeNumber("45")).toBe(45);
    expect(wholeNumber(" 2026 ")).toBe(2026);
    expect(wholeNumber(30)).toBe(30);
    expect(wholeNumber("-15")).toBe(-15);
    for (const bad of ["", "abc", "4,5", "4.5", "1e3", null, undefined]) expect(wholeNumber(bad)).toBeNull();
  });
});
