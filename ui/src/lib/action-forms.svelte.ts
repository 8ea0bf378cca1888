// Which ActionForm of the screen is open: one at a time, so the screen
// shows the record and at most one form to add to it.

export const actionForms = $state({ open: null as string | null });

export function openForm(id: string): void {
  actionForms.open = id;
}

export function closeForm(id?: string): void {
  if (id === undefined || actionForms.open === id) actionForms.open = null;
}

/** Whether a key press is meant for a field, not for a shortcut. */
export function typing(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  return Boolean(target && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable));
}
