// How a complaint's steps read: the state of a step (done, not possible,
// stopped, due on a day) and the urgency of a due step as a badge. Shared by the register, the complaint and the dashboard.
import type { ScheduledStep, Urgency } from "../lib/api";
import type { IconName } from "../lib/Icon.svelte";
import type { Tone } from "../lib/Badge.svelte";

/** How an urgency looks: late and due today stand out, the warnings less. */
export const URGENCY_LOOK: Record<Urgency, { tone: Tone; icon: IconName }> = {
  half: { tone: "info", icon: "clock" },
  three_quarters: { tone: "warning", icon: "clock" },
  ninety_percent: { tone: "warning", icon: "alert" },
  due: { tone: "warning", icon: "alert" },
  overdue: { tone: "danger", icon: "alert" },
};

export type StepState =
  | { kind: "done"; on: string }
  | { kind: "not_possible" }
  | { kind: "paused" }
  | { kind: "due"; on: string; provisional: boolean }
  | { kind: "no_term" };

export function stepState(s: ScheduledStep): StepState {
  if (s.done_on) return { kind: "done", on: s.done_on };
  if (s.not_possible) return { kind: "not_possible" };
  if (s.paused) return { kind: "paused" };
  if (s.due) return { kind: "due", on: s.due, provisional: s.provisional };
  return { kind: "no_term" };
}

/** The urgency of an open step on `today` (yyyy-mm-dd), as the core
 *  computes it: past, today, or 90/75/50 % of the term gone. */
export function urgencyOn(s: ScheduledStep, today: string): Urgency | null {
  if (s.done_on || s.not_possible || !s.due) return null;
  if (today > s.due) return "overdue";
  if (today === s.due) return "due";
  const start = s.start ?? s.due;
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const whole = day(s.due) - day(start);
  const gone = day(today) - day(start);
  if (whole <= 0 || gone <= 0) return null;
  const percent = Math.floor((gone * 100) / whole);
  if (percent >= 90) return "ninety_percent";
  if (percent >= 75) return "three_quarters";
  if (percent >= 50) return "half";
  return null;
}
