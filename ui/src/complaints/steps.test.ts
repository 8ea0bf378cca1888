import { describe, expect, it } from "vitest";
import type { ScheduledStep } from "../lib/api";
import { stepState, urgencyOn } from "./steps";

const step = (over: Partial<ScheduledStep> = {}): ScheduledStep => ({
  key: "response",
  start: "2026-03-01",
  due: "2026-03-21",
  done_on: null,
  not_possible: false,
  provisional: false,
  paused: false,
  set_by_hand: false,
  ...over,
});

describe("a complaint's steps", () => {
  it("warn at half, three quarters and ninety percent of the term, then today and late", () => {
    expect(urgencyOn(step(), "2026-03-10")).toBeNull();
    expect(urgencyOn(step(), "2026-03-11")).toBe("half");
    expect(urgencyOn(step(), "2026-03-16")).toBe("three_quarters");
    expect(urgencyOn(step(), "2026-03-19")).toBe("ninety_percent");
    expect(urgencyOn(step(), "2026-03-21")).toBe("due");
    expect(urgencyOn(step(), "2026-03-22")).toBe("overdue");
  });

  it("a step done, not possible or stopped is never urgent", () => {
    expect(urgencyOn(step({ done_on: "2026-03-02" }), "2026-04-01")).toBeNull();
    expect(urgencyOn(step({ not_possible: true }), "2026-04-01")).toBeNull();
    expect(urgencyOn(step({ due: null, paused: true }), "2026-04-01")).toBeNull();
  });

  it("say what state a step is in", () => {
    expect(stepState(step({ done_on: "2026-03-02" }))).toEqual({ kind: "done", on: "2026-03-02" });
    expect(stepState(step({ not_possible: true }))).toEqual({ kind: "not_possible" });
    expect(stepState(step({ due: null, paused: true }))).toEqual({ kind: "paused" });
    expect(stepState(step({ provisional: true }))).toEqual({ kind: "due", on: "2026-03-21", provisional: true });
    expect(stepState(step({ due: null }))).toEqual({ kind: "no_term" });
  });
});
