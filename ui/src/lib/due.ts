// Where a date with a term stands today: not yet, today, or late. The same
// words for an advisor's follow-up, a complaint's term or a training's
// deadline.
import type { IconName } from "./Icon.svelte";
import type { Tone } from "./Badge.svelte";

export type DueState = "later" | "today" | "late";

/** `due` and `today` as yyyy-mm-dd. */
export function dueState(due: string, today: string): DueState {
  if (due < today) return "late";
  if (due === today) return "today";
  return "later";
}

/** Days `due` lies before `today` (0 when not late). */
export function daysLate(due: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`);
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.round(ms / 86_400_000));
}

/** How a due state looks as a badge. */
export const DUE_LOOK: Record<DueState, { tone: Tone; icon: IconName }> = {
  later: { tone: "neutral", icon: "clock" },
  today: { tone: "warning", icon: "clock" },
  late: { tone: "danger", icon: "alert" },
};

/** Today on this computer, as yyyy-mm-dd. */
export function isoToday(now: Date = new Date()): string {
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${m}-${d}`;
}
