import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import AnnualReport from "./AnnualReport.svelte";
import { i18n } from "../lib/i18n.svelte";

describe("the jaarverslag screen", () => {
  it("keeps the texts and writes the report only once the year is released", async () => {
    i18n.language = "nl";
    const calls: [string, unknown][] = [];
    let released: string | null = null;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "annual_report_texts") return { year: 2026, introduction: "", signals: "Werkdruk", recommendations: "" };
      if (cmd === "update_annual_report_texts") return (args as { req: object }).req;
      if (cmd === "statistics_preview") return { release: {}, flags: [], released_on: released };
      return null;
    });
    render(AnnualReport);
    const signals = (await screen.findByLabelText("Signalen aan de werkgever")) as HTMLTextAreaElement;
    await waitFor(() => expect(signals.value).toBe("Werkdruk"));
    expect(screen.getByText("jaarcijfers nog niet vrijgegeven")).toBeTruthy();
    expect((document.querySelector("#annual-write") as HTMLButtonElement).disabled).toBe(true);
    expect((document.querySelector("#annual-save") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.input(signals, { target: { value: "Werkdruk in de **zorg**" } });
    await fireEvent.submit(document.querySelector("#annual-texts") as HTMLFormElement);
    const update = calls.find(([c]) => c === "update_annual_report_texts");
    expect(update?.[1]).toEqual({ req: { year: new Date().getFullYear(), introduction: "", signals: "Werkdruk in de **zorg**", recommendations: "" } });

    released = "2026-11-23";
    const year = document.querySelector("#annual-year") as HTMLInputElement;
    await fireEvent.change(year, { target: { value: "2026" } });
    await screen.findByText(/vrijgegeven op/);
    expect((document.querySelector("#annual-write") as HTMLButtonElement).disabled).toBe(false);
  });
});
