import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it } from "vitest";
import Wizard from "./Wizard.svelte";
import { app } from "../lib/app.svelte";
import { i18n } from "../lib/i18n.svelte";

describe("setup wizard", () => {
  beforeEach(() => {
    i18n.language = "nl";
    app.phase = "wizard";
    app.dir = "/home/ayse/.local/share/nl.vertrouwd.desktop/vault";
  });

  async function toPassphraseStep() {
    await fireEvent.click(screen.getByText("Nieuwe kluis aanmaken"));
    await fireEvent.click(screen.getByText("Volgende"));
    await fireEvent.click(screen.getByText("Volgende"));
    expect(await screen.findByText("Vul dit in.")).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Naam van de organisatie"), { target: { value: "Gemeente Çağrı" } });
    await fireEvent.click(screen.getByText("Volgende"));
    await fireEvent.input(screen.getByLabelText("Uw naam"), { target: { value: "Ayşe Yılmaz" } });
    expect((screen.getByLabelText("Inlognaam") as HTMLInputElement).value).toBe("ayşe");
    await fireEvent.click(screen.getByLabelText(/^Vertrouwenspersoon/));
    await fireEvent.click(screen.getByText("Volgende"));
  }

  it("refuses a weak passphrase with the backend's verdict, keeping the other answers", async () => {
    const requests: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "passphrase_strength") return { score: 1, acceptable: false, hint: "too_guessable" };
      if (cmd === "create_vault") {
        requests.push(args);
        throw { code: "Validation", message: "passphrase: weak", field: "passphrase", reason: "weak" };
      }
      return null;
    });
    render(Wizard);
    await toPassphraseStep();
    await fireEvent.input(screen.getByLabelText("Wachtwoordzin"), { target: { value: "wachtwoord" } });
    await fireEvent.input(screen.getByLabelText("Herhaal de wachtwoordzin"), { target: { value: "wachtwoord" } });
    expect(await screen.findByText("Te makkelijk te raden. Voeg een paar ongewone woorden toe.")).toBeTruthy();
    await fireEvent.click(screen.getByText("Kluis aanmaken"));
    expect(await screen.findByText("Deze wachtwoordzin is te zwak.")).toBeTruthy();
    // A new passphrase takes the old verdict away at once.
    await fireEvent.input(screen.getByLabelText("Wachtwoordzin"), { target: { value: "paars konijn fietst 42 keer" } });
    expect(screen.queryByText("Deze wachtwoordzin is te zwak.")).toBeNull();
    expect(requests).toHaveLength(1);
    const req = (requests[0] as { req: { organisation: string; roles: string[]; login: string } }).req;
    expect(req.organisation).toBe("Gemeente Çağrı");
    expect(req.roles).toEqual(["advisor"]);
    expect(req.login).toBe("ayşe");
  });

  it("asks for an explicit confirmation before combining advisor and HR, and sends it", async () => {
    const requests: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "passphrase_strength") return { score: 4, acceptable: true, hint: null };
      if (cmd === "create_vault") {
        requests.push(args);
        throw { code: "DiskFull", message: "disk full", field: null, reason: null };
      }
      return null;
    });
    render(Wizard);
    await fireEvent.click(screen.getByText("Nieuwe kluis aanmaken"));
    await fireEvent.click(screen.getByText("Volgende"));
    await fireEvent.input(screen.getByLabelText("Naam van de organisatie"), { target: { value: "Org" } });
    await fireEvent.click(screen.getByText("Volgende"));
    await fireEvent.input(screen.getByLabelText("Uw naam"), { target: { value: "Çağrı Öztürk" } });
    await fireEvent.click(screen.getByLabelText(/^Vertrouwenspersoon/));
    expect(screen.queryByText(/Vertrouwenspersoon en HR of leidinggevende in één persoon/)).toBeNull();
    await fireEvent.click(screen.getByLabelText(/^HR/));
    expect(screen.getByText(/Vertrouwenspersoon en HR of leidinggevende in één persoon/)).toBeTruthy();
    await fireEvent.click(screen.getByText("Volgende"));
    expect(await screen.findByText(/Bevestig dat u de rol van vertrouwenspersoon wilt combineren/)).toBeTruthy();
    await fireEvent.click(screen.getByLabelText(/Ik begrijp dit en wil de rollen toch combineren/));
    await fireEvent.click(screen.getByText("Volgende"));
    await fireEvent.input(screen.getByLabelText("Wachtwoordzin"), { target: { value: "paars konijn fietst 42 keer" } });
    await fireEvent.input(screen.getByLabelText("Herhaal de wachtwoordzin"), { target: { value: "paars konijn fietst 42 keer" } });
    await fireEvent.click(screen.getByText("Kluis aanmaken"));
    await screen.findByText(/De schijf is vol/);
    const req = (requests[0] as { req: { roles: string[]; confirm_combined_roles: boolean } }).req;
    expect(req.roles).toEqual(["advisor", "hr"]);
    expect(req.confirm_combined_roles).toBe(true);
  });

  it("shows the recovery key, saves the sheet, and waits for the confirmation", async () => {
    const sheetRequests: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "passphrase_strength") return { score: 4, acceptable: true, hint: null };
      if (cmd === "preferences") return { language: "nl", vault_dir: null };
      if (cmd === "plugin:dialog|save") return "/home/ayse/herstelblad.pdf";
      if (cmd === "write_recovery_sheet") {
        sheetRequests.push(args);
        return { path: "/home/ayse/herstelblad.pdf", bytes: 12000 };
      }
      if (cmd === "create_vault")
        return {
          vault_id: "v",
          recovery: { recovery_key: "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HJKM" },
          session: { vault_id: "v", dir: "/x", organisation: "Gemeente Çağrı", user: { id: "u", login: "ayşe", display_name: "Ayşe Yılmaz", roles: ["advisor"], created_at: "2026-11-23T10:00:00Z" }, compartments: ["org", "advisor"], idle_lock_seconds: 300 },
        };
      return null;
    });
    render(Wizard);
    await toPassphraseStep();
    await fireEvent.input(screen.getByLabelText("Wachtwoordzin"), { target: { value: "paars konijn fietst 42 keer" } });
    await fireEvent.input(screen.getByLabelText("Herhaal de wachtwoordzin"), { target: { value: "paars konijn fietst 42 keer" } });
    await fireEvent.click(screen.getByText("Kluis aanmaken"));
    expect(await screen.findByText("HJKM")).toBeTruthy();
    await fireEvent.click(screen.getByText("Herstelblad opslaan als PDF…"));
    expect(await screen.findByText(/bevat uw sleutel onversleuteld/)).toBeTruthy();
    const sheet = (sheetRequests[0] as { req: { recovery_key: string; language: string } }).req;
    expect(sheet).toMatchObject({ recovery_key: "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HJKM", language: "nl" });
    const finish = screen.getByText("Naar Vertrouwd") as HTMLButtonElement;
    expect(finish.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText(/opgeschreven/));
    await fireEvent.input(screen.getByLabelText(/laatste vier tekens/), { target: { value: "hjkm" } });
    expect(finish.disabled).toBe(false);
    await fireEvent.click(finish);
    expect(app.phase).toBe("open");
  });
});
