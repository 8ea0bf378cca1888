// The keys of every register's list: "/" focuses the search, "n" starts a
// new record — never while a field has focus or with a modifier held.
import { typing } from "./action-forms.svelte";

/** Listens on the window until the returned function is called. */
export function listShortcuts(focusSearch: () => void, onnew: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") {
      e.preventDefault();
      focusSearch();
    } else if (e.key === "n") {
      e.preventDefault();
      onnew();
    }
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
