// The app's top-level state: which screen, which vault, who is signed in.
// After a lock nothing about the session stays here: the screens that
// showed vault content are unmounted, so their DOM is gone.
import type { ApiError, SessionInfo } from "./api";
import { api, asApiError } from "./api";
import { forgetDrafts } from "./drafts";
import { resetNavigation } from "./navigation.svelte";
import { clearToasts } from "./toasts.svelte";

export type Phase = "loading" | "wizard" | "unlock" | "open";

export const app = $state({
  phase: "loading" as Phase,
  dir: "",
  session: null as SessionInfo | null,
  /** Why the unlock screen is shown after having been open. */
  lockedBecause: "" as "" | "idle" | "user",
  /** Who last unlocked this vault in this window (memory only), so the
   *  unlock screen after a lock asks only for the passphrase. */
  lastLogin: "",
});

export function enter(session: SessionInfo) {
  app.session = session;
  app.lastLogin = session.user.login;
  app.lockedBecause = "";
  app.phase = "open";
}

/** Forgets the session and shows the unlock screen. */
export function forget(because: "idle" | "user") {
  forgetDrafts();
  resetNavigation();
  clearToasts();
  app.session = null;
  app.lockedBecause = because;
  app.phase = "unlock";
}

export async function lockNow() {
  try {
    await api.lock();
  } finally {
    forget("user");
  }
}

/** Turns anything thrown by a call into an ApiError; a Locked answer
 * also takes the user back to the unlock screen. */
export function handle(e: unknown): ApiError {
  const err = asApiError(e);
  if (err.code === "Locked" && app.phase === "open") forget("idle");
  return err;
}
