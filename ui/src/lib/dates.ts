// Today as every register's forms prefill it: dd-mm-jjjj (the core also
// reads 2026-03-02 and 2-3-2026).
export function todayTyped(now: Date = new Date()): string {
  const d = String(now.getDate()).padStart(2, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  return `${d}-${m}-${now.getFullYear()}`;
}
