import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import DataTable from "./DataTable.svelte";
import { sortRows, type Column } from "./table";

interface Row { ref: string; name: string; minutes: number; closed: string | null }
const rows: Row[] = [
  { ref: "VP-2026-010", name: "Çağrı Öztürk", minutes: 45, closed: null },
  { ref: "VP-2026-002", name: "Ayşe Yılmaz-van den Berg de Groot-Ëlbers", minutes: 300, closed: "2026-03-01" },
  { ref: "VP-2026-001", name: "ëlise", minutes: 5, closed: "2026-01-02" },
];
const columns: Column<Row>[] = [
  { key: "ref", label: "Referentie", text: (r) => r.ref, sort: (r) => r.ref, nowrap: true },
  { key: "name", label: "Melder", text: (r) => r.name, sort: (r) => r.name, truncate: true },
  { key: "minutes", label: "Tijd", text: (r) => String(r.minutes), sort: (r) => r.minutes, numeric: true },
  { key: "closed", label: "Gesloten", text: (r) => r.closed ?? "", sort: (r) => r.closed },
];
const refs = () => [...document.querySelectorAll("tbody tr td[data-column='ref']")].map((td) => td.textContent?.trim());

describe("data tables", () => {
  it("count their rows, sort on a header and say so to screen readers", async () => {
    render(DataTable<Row>, { id: "t", caption: "Meldingen", count: "3 meldingen", columns, rows, key: (r: Row) => r.ref });
    expect(screen.getByText("3 meldingen")).toBeTruthy();
    expect(refs()).toEqual(["VP-2026-010", "VP-2026-002", "VP-2026-001"]);
    const header = document.querySelector("button[data-column='ref']") as HTMLButtonElement;
    await fireEvent.click(header);
    expect(refs()).toEqual(["VP-2026-001", "VP-2026-002", "VP-2026-010"]);
    expect(header.closest("th")?.getAttribute("aria-sort")).toBe("ascending");
    await fireEvent.click(header);
    expect(refs()).toEqual(["VP-2026-010", "VP-2026-002", "VP-2026-001"]);
    expect(header.closest("th")?.getAttribute("aria-sort")).toBe("descending");
    await fireEvent.click(document.querySelector("button[data-column='minutes']") as HTMLButtonElement);
    expect(refs()).toEqual(["VP-2026-001", "VP-2026-010", "VP-2026-002"]);
  });

  it("cut long text to one line and keep all of it for screen readers and on hover", () => {
    render(DataTable<Row>, { id: "t", caption: "Meldingen", count: "3", columns, rows, key: (r: Row) => r.ref });
    const cut = document.querySelectorAll("td[data-column='name'] .cut")[1] as HTMLElement;
    expect(cut.textContent).toBe(rows[1].name);
    expect(cut.title).toBe(rows[1].name);
    expect(document.querySelector("td[data-column='ref']")?.classList.contains("nowrap")).toBe(true);
    expect(document.querySelector("td[data-column='minutes']")?.classList.contains("numeric")).toBe(true);
  });

  it("sort words the Dutch way, numbers as numbers and empty values last", () => {
    const byName = sortRows(rows, columns[1], "ascending").map((r) => r.name[0]);
    expect(byName).toEqual(["A", "Ç", "ë"]);
    const byClosed = sortRows(rows, columns[3], "descending").map((r) => r.ref);
    expect(byClosed).toEqual(["VP-2026-002", "VP-2026-001", "VP-2026-010"]);
    expect(sortRows(rows, undefined, "ascending")).toEqual(rows);
  });
});
