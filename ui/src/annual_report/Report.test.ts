import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import Report from "./Report.svelte";
import { i18n } from "../lib/i18n.svelte";

const cell = (category: string, value: number | null, hidden: string | null = null) => ({ category, label: category, value, hidden, percent: null });

// This year: not over, so nothing can be published yet.
const year = new Date().getFullYear();

function preview(firstYear: number | null) {
  return {
    figures: {
      year,
      ...(firstYear ? { first_year: firstYear } : {}),
      complaints: { year, k: 5, received: firstYear ? cell("received", null, "differencing") : cell("received", 3, null), not_readable: cell("not_readable", 0), breakdowns: [], median_days: null, on_time_percent: null,
                    appendix: firstYear ? [{ breakdown: "complaints", category: null, reason: "differencing" }] : [] },
      releases: [],
      combined: null,
    },
    published: null,
    previous: null,
    comparisons: firstYear ? [] : [{ figure: "received", this_year: 3, this_hidden: null, last_year: null, last_hidden: null, change: null, not_comparable: "not_published" }],
    trend: [],
  };
}

describe("HR's annual report", () => {
  it("takes three years together, checked against the years published", async () => {
    i18n.language = "nl";
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "hr_annual_report_preview") return preview(null);
      if (cmd === "hr_three_year_report_preview") return preview(year - 2);
      if (cmd === "hr_annual_report_texts") return { year, introduction: "", conclusions: "", awb_summary: "" };
      if (cmd === "report_actions") return [];
      return null;
    });
    render(Report);
    await fireEvent.input(document.querySelector("#report-year") as HTMLInputElement, { target: { value: String(year) } });
    await fireEvent.click(document.querySelector("#report-three-years") as HTMLInputElement);
    await fireEvent.submit(document.querySelector("#report-form") as HTMLFormElement);
    expect(await screen.findByText(new RegExp(`De jaren ${year - 2} tot en met ${year} samen`))).toBeTruthy();
    expect(calls).toContain("hr_three_year_report_preview");
    expect(calls).not.toContain("hr_annual_report_preview");
    expect(document.querySelector("#report-received")?.textContent).toBe("×");
    expect(document.querySelector("#report-publish")).toBeNull();
    expect(document.querySelector("#report-comparisons")).toBeNull();
    expect(screen.getByText(/het verschil met een ander overzicht/)).toBeTruthy();

    // One year again: the ordinary preview, beside last year.
    await fireEvent.click(document.querySelector("#report-three-years") as HTMLInputElement);
    await waitFor(() => expect(calls).toContain("hr_annual_report_preview"));
    await waitFor(() => expect(document.querySelector("#report-comparisons")).not.toBeNull());
  });
});
