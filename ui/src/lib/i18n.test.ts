import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nl } from "./i18n/nl";
import { en } from "./i18n/en";
import { errorText, formatBytes, formatDate, formatDateTime, i18n, t, tn } from "./i18n.svelte";
import { errorCodeValues, reasonValues } from "./api";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f: string) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(svelte|ts)$/.test(f) && !f.endsWith(".test.ts") ? [p] : [];
  });
}

describe("translations", () => {
  it("Dutch and English have the same keys and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [k, v] of [...Object.entries(nl), ...Object.entries(en)]) {
      expect(v.trim(), k).not.toBe("");
    }
  });

  it("every key the code asks for exists", () => {
    const used = new Set<string>();
    for (const file of sources(join(dirname(fileURLToPath(import.meta.url)), ".."))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\("([a-z_.0-9]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const file of sources(join(dirname(fileURLToPath(import.meta.url)), ".."))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\btn\("([a-z_.0-9]+)"/g)) {
        used.add(`${m[1]}.one`);
        used.add(`${m[1]}.other`);
      }
    }
    const missing = [...used].filter((k) => !(k in nl));
    expect(missing).toEqual([]);
  });

  it("every error code has a text in both languages", () => {
    for (const lang of ["nl", "en"] as const) {
      i18n.language = lang;
      for (const code of errorCodeValues) {
        const text = errorText({ code, message: "x", field: null, reason: null });
        expect(text, `${lang} ${code}`).not.toMatch(/^error\./);
        if (code !== "Internal") expect(text, `${lang} ${code} has its own text`).not.toBe(t("error.Internal"));
      }
    }
    i18n.language = "nl";
  });

  it("every reason an input is refused for has a text of its own", () => {
    const missing = reasonValues.filter((r) => !(`validation.${r}` in nl));
    expect(missing).toEqual([]);
  });

  it("fills parameters and falls back to the reason of a validation error", () => {
    expect(t("home.greeting", { name: "Çağrı" })).toBe("Welkom, Çağrı");
    expect(errorText({ code: "Validation", message: "", field: "passphrase", reason: "weak" })).toBe(nl["validation.weak"]);
    expect(errorText({ code: "Conflict", message: "", field: "login", reason: "taken" })).toBe(nl["validation.taken"]);
  });
});

describe("file sizes", () => {
  it("a small file is not shown as 0 KB, nor in bytes", () => {
    i18n.language = "nl";
    expect(formatBytes(248)).toBe("1 KB");
    expect(formatBytes(0)).toBe("1 KB");
    expect(formatBytes(54_000)).toBe("53 KB");
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    i18n.language = "en";
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
  });
});

describe("dates and counts", () => {
  it("one date format, with the time after it and no comma, and plurals", () => {
    i18n.language = "nl";
    expect(formatDate("2026-03-02")).toBe("02-03-2026");
    expect(formatDateTime("2026-03-02T09:05:00")).toBe("02-03-2026 09:05");
    expect(tn("advisor.register.count", 1)).toBe("1 melding");
    expect(tn("advisor.register.count", 0)).toBe("0 meldingen");
    expect(tn("audit.verify.ok", 1, { compartment: "HR" })).toBe("HR: in orde (1 regel in het logboek)");
    i18n.language = "en";
    expect(formatDateTime("2026-03-02T09:05:00")).toBe("2026-03-02 09:05");
    expect(tn("advisor.register.count", 3)).toBe("3 cases");
    i18n.language = "nl";
  });
});
