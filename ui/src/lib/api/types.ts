// Generated from vertrouwd-core's api types. Do not edit by hand:
// run `make bindings` after changing a type in Rust.

export type SecretText = string;

export type ErrorCode = "Locked" | "WrongPassphrase" | "UnknownUser" | "NotAVault" | "VaultExists" | "Validation" | "Forbidden" | "Conflict" | "NotFound" | "Corrupt" | "TooNew" | "OtherVault" | "DiskFull" | "ReadOnly" | "Busy" | "Internal";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For `Validation`: the input concerned, e.g. `login`.
 */
field: string | null, 
/**
 * For `Validation`: why, e.g. `required`, `too_long`, `weak`, `mismatch`.
 */
reason: string | null, };

export type Role = "advisor" | "hr" | "manager";

export type UserInfo = { id: string, login: string, display_name: string, roles: Array<Role>, created_at: string, };

export type Settings = { organisation: string, idle_lock_seconds: number, };

export type Strength = { 
/**
 * 0 (very weak) to 4 (very strong).
 */
score: number, acceptable: boolean, 
/**
 * Why it is not acceptable, as a key the UI translates.
 */
hint: StrengthHint | null, };

export type StrengthHint = "too_short" | "too_guessable" | "contains_name";

export type VaultStatus = { dir: string, exists: boolean, unlocked: boolean, };

export type CreateVaultRequest = { dir: string, organisation: string, display_name: string, login: string, roles: Array<Role>, passphrase: SecretText, passphrase_repeat: SecretText, };

export type RecoveryKeyShown = { 
/**
 * Eight groups of four characters.
 */
recovery_key: string, };

export type CreatedVault = { session: SessionInfo, recovery: RecoveryKeyShown, vault_id: string, };

export type UnlockRequest = { dir: string, login: string, passphrase: SecretText, };

export type RecoveryResetRequest = { dir: string, login: string, recovery_key: SecretText, new_passphrase: SecretText, new_passphrase_repeat: SecretText, };

export type SessionInfo = { vault_id: string, dir: string, organisation: string, user: UserInfo, 
/**
 * The compartments this user's keys open: `org`, `hr`, `advisor`.
 */
compartments: Array<string>, idle_lock_seconds: number, };

export type AddUserRequest = { display_name: string, login: string, roles: Array<Role>, passphrase: SecretText, passphrase_repeat: SecretText, };

export type AddedUser = { user: UserInfo, recovery: RecoveryKeyShown, };

export type ChangePassphraseRequest = { current: SecretText, new_passphrase: SecretText, new_passphrase_repeat: SecretText, };

export type RemoveUserRequest = { user_id: string, 
/**
 * Why the user is removed; kept in the encrypted users directory.
 */
reason: string, };

export type RemovedUser = { 
/**
 * Compartments whose keys were rotated.
 */
rotated: Array<string>, };

export type AuditRequest = { compartment: string, limit: number | null, before: number | null, };

export type AuditRow = { seq: number, at: string, actor_id: string, 
/**
 * The actor's display name, when the directory knows them.
 */
actor_name: string | null, action: string, object: string | null, 
/**
 * The display name of the object when it is a user.
 */
object_name: string | null, };

export type SettingsUpdate = { organisation: string | null, idle_lock_seconds: number | null, };

export type PathRequest = { path: string, };

export type BackupResult = { path: string, bytes: number, files: number, created_at: string, };

export type BackupSummary = { vault_id: string, created_at: string, files: Array<string>, bytes: number, };

export type RestoreRequest = { from: string, dir: string, login: string, passphrase: SecretText, };

export type CompartmentReport = { compartment: string, ok: boolean, problems: Array<string>, audit_entries: number | null, };

export type VerifyReport = { ok: boolean, compartments: Array<CompartmentReport>, };

export type RestoreResult = { dir: string, vault_id: string, report: VerifyReport, };

export type StrengthRequest = { passphrase: SecretText, 
/**
 * Words the passphrase should not lean on (names, organisation).
 */
context: Array<string>, };

export type Language = "nl" | "en";

export type RecoverySheetRequest = { 
/**
 * Where to write the PDF (outside the vault folder).
 */
path: string, 
/**
 * The key just shown; it is checked against the user's slot first.
 */
recovery_key: SecretText, language: Language, };

export type WrittenFile = { path: string, bytes: number, };

export type Preferences = { language: Language, 
/**
 * The vault folder used last; `None` means the default folder.
 */
vault_dir: string | null, };
