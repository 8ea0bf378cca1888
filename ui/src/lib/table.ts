// The columns of a DataTable and how its rows are sorted.

export interface Column<T> {
  key: string;
  label: string;
  /** The cell's text: what is shown (unless the table's cell snippet draws
   *  it), searched by screen readers, and the title of a cut-off cell. */
  text: (row: T) => string;
  /** What the column sorts by; without it the column cannot be sorted. */
  sort?: (row: T) => string | number | null;
  /** Long text is cut to one line with an ellipsis; the full text stays
   *  in the page (screen readers read it) and shows on hover. */
  truncate?: boolean;
  /** Numbers: right-aligned and never wrapped. */
  numeric?: boolean;
  /** Short values (a date, a badge, a reference) that must never wrap. */
  nowrap?: boolean;
}

export type Direction = "ascending" | "descending";

/** `rows` sorted by `column` (a stable sort; empty values last). */
export function sortRows<T>(rows: readonly T[], column: Column<T> | undefined, direction: Direction): T[] {
  const out = [...rows];
  if (!column?.sort) return out;
  const by = column.sort;
  const sign = direction === "ascending" ? 1 : -1;
  return out
    .map((row, i) => ({ row, i, v: by(row) }))
    .sort((a, b) => {
      const empty = (v: unknown) => v === null || v === "";
      if (empty(a.v) || empty(b.v)) return empty(a.v) === empty(b.v) ? a.i - b.i : empty(a.v) ? 1 : -1;
      const c = typeof a.v === "number" && typeof b.v === "number"
        ? a.v - b.v
        : String(a.v).localeCompare(String(b.v), "nl", { numeric: true, sensitivity: "base" });
      return c === 0 ? a.i - b.i : c * sign;
    })
    .map((x) => x.row);
}
