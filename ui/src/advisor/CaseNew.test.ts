import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import CaseNew from "./CaseNew.svelte";
import { i18n } from "../lib/i18n.svelte";
import { forget } from "../lib/app.svelte";
import { forgetDrafts } from "../lib/drafts";

const natures = [
  { id: 3, code: "bullying", name: "pesten", retired: false },
  { id: 4, code: "discrimination", name: "discriminatie", retired: false },
  { id: 9, code: null, name: "oude aard", retired: true },
];

describe("a new report", () => {
  it("sends what was typed and keeps it, with the message at the field, when refused", async () => {
    i18n.language = "nl";
    forgetDrafts();
    const sent: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "natures") return natures;
      if (cmd === "add_case") {
        sent.push((args as { req: Record<string, unknown> }).req);
        throw { code: "Validation", message: "first_contact: in_future", field: "first_contact", reason: "in_future" };
      }
      return null;
    });
    render(CaseNew, { oncreated: () => {}, oncancel: () => {} });
    expect(await screen.findByText("pesten")).toBeTruthy();
    expect(screen.queryByText("oude aard")).toBeNull();
    await fireEvent.click(screen.getByLabelText("discriminatie"));
    await fireEvent.change(screen.getByLabelText("Discriminatiegrond"), { target: { value: "age" } });
    const date = screen.getByLabelText("Datum eerste contact") as HTMLInputElement;
    await fireEvent.input(date, { target: { value: "01-01-2099" } });
    await fireEvent.input(screen.getByLabelText("Naam melder"), { target: { value: "Çağrı Öztürk" } });
    await fireEvent.click(screen.getByText("Nog een persoon"));
    await fireEvent.change(document.getElementById("relation-0") as HTMLSelectElement, { target: { value: "colleague" } });
    await fireEvent.input(document.getElementById("person_name-0") as HTMLInputElement, { target: { value: "Noël Bakker" } });
    await fireEvent.click(screen.getByText("Melding vastleggen"));
    expect(await screen.findByText(/Deze datum ligt in de toekomst/)).toBeTruthy();
    expect(sent[0]).toMatchObject({
      first_contact: "01-01-2099",
      natures: [{ nature_id: 4, ground: "age" }],
      reporter: { name: "Çağrı Öztürk" },
      persons: [{ relation: "colleague", name: "Noël Bakker" }],
    });
    expect(date.value).toBe("01-01-2099");
    expect((screen.getByLabelText("Naam melder") as HTMLInputElement).value).toBe("Çağrı Öztürk");
  });

  it("keeps an unsaved report while the vault is open and forgets it on a lock", async () => {
    i18n.language = "nl";
    forgetDrafts();
    mockIPC((cmd) => (cmd === "natures" ? natures : cmd === "departments" ? [] : null));
    const nameField = () => screen.getByLabelText("Naam melder") as HTMLInputElement;

    const first = render(CaseNew, { oncreated: () => {}, oncancel: () => {} });
    await screen.findByText("pesten");
    expect(screen.queryByText(/teruggezet/)).toBeNull();
    await fireEvent.input(nameField(), { target: { value: "Ayşe Yılmaz" } });
    first.unmount();

    const second = render(CaseNew, { oncreated: () => {}, oncancel: () => {} });
    expect(await screen.findByText(/niet opgeslagen invoer is teruggezet/)).toBeTruthy();
    expect(nameField().value).toBe("Ayşe Yılmaz");
    await fireEvent.click(screen.getByText("Leeg formulier"));
    expect(nameField().value).toBe("");
    expect(screen.queryByText(/teruggezet/)).toBeNull();
    await fireEvent.input(nameField(), { target: { value: "Çağrı Öztürk" } });
    second.unmount();

    forget("user");
    render(CaseNew, { oncreated: () => {}, oncancel: () => {} });
    await screen.findByText("pesten");
    expect(nameField().value).toBe("");
    expect(screen.queryByText(/teruggezet/)).toBeNull();
  });
});
