// The entries of a Timeline: what happened to a record, in date order.

export interface TimelineEntry {
  /** Unique within the timeline ("conversation-12"). */
  id: string;
  /** yyyy-mm-dd. */
  date: string;
  /** What kind of entry (conversation, intervention, follow-up, …). */
  kind: string;
  /** The kind as the reader sees it. */
  kindLabel: string;
  title: string;
}

/** Oldest first (newest first when `newestFirst`); entries of one day keep
 *  the order they were given in. */
export function inDateOrder<E extends TimelineEntry>(entries: readonly E[], newestFirst = false): E[] {
  const sign = newestFirst ? -1 : 1;
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? -sign : sign))
    .map((x) => x.e);
}
