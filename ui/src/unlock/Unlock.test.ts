import { fireEvent, render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it } from "vitest";
import Unlock from "./Unlock.svelte";
import { app } from "../lib/app.svelte";
import { i18n } from "../lib/i18n.svelte";
import type { SessionInfo } from "../lib/api";

const session: SessionInfo = {
  vault_id: "v",
  dir: "/kluis",
  organisation: "Stichting Öztürk",
  user: { id: "u", login: "ayse", display_name: "Ayşe", roles: ["hr"], created_at: "2026-11-23T10:00:00Z", not_holder_of: [] },
  compartments: ["org", "hr"],
  idle_lock_seconds: 300,
  warnings: [],
};

describe("unlock screen", () => {
  beforeEach(() => {
    i18n.language = "nl";
    app.phase = "unlock";
    app.dir = "/kluis";
    app.session = null;
    app.lastLogin = "";
  });

  it("after a lock asks only for the passphrase, and puts focus back there after a wrong one", async () => {
    app.lastLogin = "ayse";
    mockIPC((cmd) => {
      if (cmd === "unlock") throw { code: "WrongPassphrase", message: "wrong", field: "passphrase", reason: null };
      return null;
    });
    render(Unlock);
    const login = screen.getByLabelText("Inlognaam") as HTMLInputElement;
    const pass = screen.getByLabelText("Wachtwoordzin") as HTMLInputElement;
    expect(login.value).toBe("ayse");
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(pass);
    await fireEvent.input(pass, { target: { value: "fout" } });
    login.focus();
    await fireEvent.click(screen.getByText("Ontgrendelen"));
    await new Promise((r) => setTimeout(r, 10));
    expect(login.value).toBe("ayse");
    expect(document.activeElement).toBe(pass);
  });

  it("shows a wrong passphrase in Dutch and clears the field, then unlocks", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "unlock") {
        const req = (args as { req: { passphrase: string } }).req;
        if (req.passphrase !== "goede zin") {
          throw { code: "WrongPassphrase", message: "the passphrase or recovery key does not open this slot", field: null, reason: null };
        }
        return session;
      }
      return null;
    });
    render(Unlock);
    await fireEvent.input(screen.getByLabelText("Inlognaam"), { target: { value: "ayse" } });
    const pass = screen.getByLabelText("Wachtwoordzin") as HTMLInputElement;
    await fireEvent.input(pass, { target: { value: "foute zin" } });
    await fireEvent.click(screen.getByRole("button", { name: "Ontgrendelen" }));
    expect(await screen.findByText("Deze wachtwoordzin of herstelsleutel klopt niet.")).toBeTruthy();
    expect(pass.value).toBe("");
    expect(app.phase).toBe("unlock");

    await fireEvent.input(pass, { target: { value: "goede zin" } });
    await fireEvent.click(screen.getByRole("button", { name: "Ontgrendelen" }));
    await screen.findByText("Ontgrendelen");
    await new Promise((r) => setTimeout(r, 0));
    expect(app.phase).toBe("open");
    expect(app.session?.organisation).toBe("Stichting Öztürk");
    expect(calls.filter((c) => c === "unlock")).toHaveLength(2);
  });

  it("speaks English after switching", async () => {
    mockIPC((cmd) => {
      if (cmd === "preferences") return { language: "nl", vault_dir: null };
      if (cmd === "unlock") throw { code: "UnknownUser", message: "x", field: null, reason: null };
      return null;
    });
    render(Unlock);
    await fireEvent.click(screen.getByText("English"));
    expect(screen.getByRole("heading", { name: "Unlock the vault" })).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Login name"), { target: { value: "nobody" } });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "x" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByText("There is no user with this login name in this vault.")).toBeTruthy();
  });
});

describe("recent vaults", () => {
  it("lists the vaults used before and switches to one", async () => {
    i18n.language = "nl";
    app.phase = "unlock";
    app.dir = "/kluis";
    app.lastLogin = "ayse";
    let prefs = { language: "nl", vault_dir: "/kluis", recent_vaults: ["/kluis", "/klanten/Gemeente Ideeën"] };
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "preferences") return prefs;
      if (cmd === "vault_status") return { exists: true };
      if (cmd === "set_preferences") {
        const p = (args as { prefs: typeof prefs }).prefs;
        prefs = { ...p, recent_vaults: [p.vault_dir, "/kluis"] };
      }
      return null;
    });
    render(Unlock);
    const other = await screen.findByText("Gemeente Ideeën");
    expect(screen.queryByText("kluis", { selector: "button" })).toBeNull();
    await fireEvent.click(other);
    await new Promise((r) => setTimeout(r, 0));
    expect(app.dir).toBe("/klanten/Gemeente Ideeën");
    expect(app.lastLogin).toBe("");
    expect(calls).toContain("set_preferences");
  });
});
