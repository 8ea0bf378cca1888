// The interface language: Dutch by default, English complete.
import { nl, type Key } from "./i18n/nl";
import { en } from "./i18n/en";
import type { ApiError, Language } from "./api/types";
import { CODE_LABELS } from "./api/labels";

export type { Key };

const dictionaries: Record<Language, Record<Key, string>> = { nl, en };

export const i18n = $state({ language: "nl" as Language });

/** The text for `key` in the current language, with `{name}` filled in. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.language][key] ?? nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A text that depends on a count: `${key}.one` for 1, else
 *  `${key}.other`, with `{n}` filled in ("1 melding", "3 meldingen"). */
export function tn(key: string, n: number, params: Record<string, string | number> = {}): string {
  const k = `${key}.${n === 1 ? "one" : "other"}`;
  return hasKey(k) ? t(k, { n, ...params }) : k;
}

export function hasKey(key: string): key is Key {
  return key in nl;
}

/** A translated sentence for an error from the backend. */
export function errorText(e: ApiError): string {
  if (e.reason) {
    const specific = `validation.${e.field}.${e.reason}`;
    if (e.field && hasKey(specific)) return t(specific);
    const k = `validation.${e.reason}`;
    if (hasKey(k)) return t(k);
  }
  const k = `error.${e.code}`;
  return hasKey(k) ? t(k) : t("error.Internal");
}

/** A moment as people read it, in local time: the date as `formatDate`
 *  writes it (dd-mm-jjjj in Dutch), then uu:mm. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  return `${formatDate(day)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function formatBytes(n: number): string {
  const locale = i18n.language === "nl" ? "nl-NL" : "en-GB";
  // Nobody thinks in bytes: a small file is "1 KB", never "0 KB".
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024)).toLocaleString(locale)} KB`;
  return `${(n / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** A date given as yyyy-mm-dd, as people read it (dd-mm-jjjj in Dutch). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  if (!y || !m || !d) return iso;
  return i18n.language === "nl" ? `${d}-${m}-${y}` : `${y}-${m}-${d}`;
}

/** Minutes as hours and minutes: 1:05. */
export function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The label of one of the register's codes (channel, role, outcome, …). */
export function codeLabel(code: string): string {
  const label = CODE_LABELS[code];
  return label ? label[i18n.language] : code;
}
