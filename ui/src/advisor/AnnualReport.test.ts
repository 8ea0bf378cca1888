import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import AnnualReport from "./AnnualReport.svelte";
import { i18n } from "../lib/i18n.svelte";
import type { SessionInfo } from "../lib/api";

const session: SessionInfo = {
  vault_id: "v",
  dir: "/tmp/kluis",
  idle_lock_seconds: 300,
  user: { id: "u", login: "vera", display_name: "Vera", roles: ["advisor", "hr"], created_at: "2026-01-01T00:00:00Z", not_holder_of: [] },
  organisation: "Gemeente Ideeën",
  compartments: ["org", "advisor", "hr"],
  warnings: [],
};

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
    render(AnnualReport, { props: { session } });
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

  it("gives the jaarverslag to HR in the vault, with the words typed saved first", async () => {
    i18n.language = "nl";
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "annual_report_texts") return { year: 2026, introduction: "", signals: "", recommendations: "" };
      if (cmd === "update_annual_report_texts") return (args as { req: object }).req;
      if (cmd === "statistics_preview") return { release: {}, flags: [], released_on: "2026-11-23" };
      if (cmd === "send_annual_report") return { release: {}, file: null, published: true };
      return null;
    });
    render(AnnualReport, { props: { session } });
    await screen.findByText(/vrijgegeven op/);
    const send = document.querySelector("#annual-send") as HTMLButtonElement;
    await fireEvent.click(send);
    expect(await screen.findByText("Kies hoe HR het krijgt: als bestand of in deze kluis.")).toBeTruthy();
    expect(calls.some(([c]) => c === "send_annual_report")).toBe(false);

    const signals = (await screen.findByLabelText("Signalen aan de werkgever")) as HTMLTextAreaElement;
    await fireEvent.input(signals, { target: { value: "Werkdruk" } });
    await fireEvent.click(document.querySelector("#annual-send-publish") as HTMLInputElement);
    await fireEvent.click(send);
    expect(await screen.findByText("Klaargezet voor HR in deze kluis.")).toBeTruthy();
    const names = calls.map(([c]) => c);
    expect(names.indexOf("update_annual_report_texts")).toBeLessThan(names.indexOf("send_annual_report"));
    expect(calls.find(([c]) => c === "send_annual_report")?.[1]).toEqual({
      req: { year: new Date().getFullYear(), language: "nl", path: null, publish: true },
    });
  });
});
