// Maps a backend error to the form: the message for one field, or for the
// whole form when it concerns none.
import type { ApiError } from "./api";
import { errorText } from "./i18n.svelte";

export type FieldErrors = Record<string, string>;

export function toFieldErrors(e: ApiError): { fields: FieldErrors; form: string } {
  if (e.field) return { fields: { [e.field]: errorText(e) }, form: "" };
  return { fields: {}, form: errorText(e) };
}

/** Field errors with a whole-form message, if any, under `form`. */
export function formErrors(e: ApiError): FieldErrors {
  const { fields, form } = toFieldErrors(e);
  return form ? { ...fields, form } : fields;
}

/** A typed whole number (an input may hold a number or text), or null. */
export function wholeNumber(value: unknown): number | null {
  const text = String(value ?? "").trim();
  return /^-?\d+$/.test(text) ? Number(text) : null;
}

/** The list with `value` ticked on or off (a group of checkboxes). */
export const toggle = (list: string[], value: string, on: boolean): string[] =>
  on ? [...list, value] : list.filter((x) => x !== value);
