// Typed calls into the Rust core. Every backend type comes from the
// generated `types.ts` and every command from the generated `commands.ts`;
// nothing here is hand-written about the backend.
import type { ApiError } from "./types";

export * from "./types";

/** Whether a thrown value is an error from the backend. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Anything else thrown (a bug, a lost connection) as an Internal error. */
export function asApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return { code: "Internal", message: String(e), field: null, reason: null };
}

export { api } from "./commands";

/** The event the shell sends when the vault locks itself. */
export const LOCKED_EVENT = "vault-locked";
