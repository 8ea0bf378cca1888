// Today as every register's forms prefill it: dd-mm-jjjj (the core also
// reads 2026-03-02 and 2-3-2026).
export function todayTyped(now: Date = new Date()): string {
  const d = String(now.getDate()).padStart(2, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  return `${d}-${m}-${now.getFullYear()}`;
}

/** A typed date (3-2-2026, 03-02-2026 or 2026-02-03) as yyyy-mm-dd, or
 *  null when it is not a day of the calendar. */
export function isoFromTyped(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : ((m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(t)) ? [m[3], m[2], m[1]] : []);
  if (!y || !mo || !d) return null;
  const iso = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso ? null : iso;
}
