// Unfinished forms, kept while the vault is open: leaving a screen half-way
// (to look something up in another case, say) loses nothing. Drafts live in
// this module's memory only — never in web storage or on disk — and are
// forgotten on every lock, with the rest of the session.

const drafts = new Map<string, unknown>();

/** The draft kept under `key`, if any. */
export function draft<T>(key: string): T | undefined {
  return drafts.get(key) as T | undefined;
}

/** Keeps `value` under `key`, or forgets the key when the form is empty. */
export function keep(key: string, value: unknown, empty: boolean) {
  if (empty) drafts.delete(key);
  else drafts.set(key, structuredClone(value));
}

/** Forgets one draft (the form was saved or cancelled). */
export function drop(key: string) {
  drafts.delete(key);
}

/** The drafts of one case: a conversation being written, a correction. */
export const caseDraftKeys = (reference: string) => ({
  conversation: `conversation:${reference}`,
  correction: `case:edit:${reference}`,
});

/** Forgets the drafts of a case (it was destroyed). */
export function forgetCase(reference: string) {
  for (const key of Object.values(caseDraftKeys(reference))) drafts.delete(key);
}

/** Forgets every draft (on lock). */
export function forgetDrafts() {
  drafts.clear();
}
