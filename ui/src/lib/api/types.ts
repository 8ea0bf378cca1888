// Generated from vertrouwd-core's api types. Do not edit by hand:
// run `make bindings` after changing a type in Rust.

export type SecretText = string;

export type ErrorCode = "Locked" | "WrongPassphrase" | "UnknownUser" | "NotAVault" | "VaultExists" | "Validation" | "Forbidden" | "Conflict" | "NotFound" | "Corrupt" | "TooNew" | "OtherVault" | "DiskFull" | "ReadOnly" | "Busy" | "Untrusted" | "Internal";

export const errorCodeValues: readonly ErrorCode[] = ["Locked", "WrongPassphrase", "UnknownUser", "NotAVault", "VaultExists", "Validation", "Forbidden", "Conflict", "NotFound", "Corrupt", "TooNew", "OtherVault", "DiskFull", "ReadOnly", "Busy", "Untrusted", "Internal"];

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For `Validation`: the input concerned, e.g. `login`.
 */
field: string | null, 
/**
 * For `Validation`: why, e.g. `required`, `too_long`, `weak`, `mismatch`.
 */
reason: Reason | null, };

export type Role = "advisor" | "hr" | "manager";

export const roleValues: readonly Role[] = ["advisor", "hr", "manager"];

export type UserInfo = { id: string, login: string, display_name: string, roles: Array<Role>, created_at: string, 
/**
 * Compartments (of those the viewer holds) whose holders list does not
 * know this user's key slot: the slot opens nothing there.
 */
not_holder_of: Array<string>, };

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

export const strengthHintValues: readonly StrengthHint[] = ["too_short", "too_guessable", "contains_name"];

export type VaultStatus = { dir: string, exists: boolean, unlocked: boolean, };

export type CreateVaultRequest = { dir: string, organisation: string, display_name: string, login: string, roles: Array<Role>, passphrase: SecretText, passphrase_repeat: SecretText, 
/**
 * Needed when the roles combine advisor with hr or manager: the user
 * confirms that they know this weakens the advisor's independence.
 */
confirm_combined_roles: boolean, };

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
compartments: Array<string>, idle_lock_seconds: number, 
/**
 * What unlocking found that the user should know.
 */
warnings: Array<SessionWarning>, };

export type SessionWarning = { "kind": "refused", compartment: string, reason: string, } | { "kind": "first_use", compartment: string, } | { "kind": "rolled_back", compartment: string, } | { "kind": "keyring_rolled_back" };

export type UnknownSlot = { user_id: string, 
/**
 * The compartments the slot claims.
 */
claims: Array<string>, 
/**
 * The directory lists this user as removed.
 */
removed: boolean, };

export type AddUserRequest = { display_name: string, login: string, roles: Array<Role>, passphrase: SecretText, passphrase_repeat: SecretText, 
/**
 * As for a new vault: advisor combined with hr or manager.
 */
confirm_combined_roles: boolean, };

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

export type CompartmentCheck = { compartment: string, ok: boolean, problems: Array<string>, audit_entries: number | null, };

export type VaultCheck = { ok: boolean, compartments: Array<CompartmentCheck>, };

export type RestoreResult = { dir: string, vault_id: string, check: VaultCheck, };

export type StrengthRequest = { passphrase: SecretText, 
/**
 * Words the passphrase should not lean on (names, organisation).
 */
context: Array<string>, };

export type Language = "nl" | "en";

export const languageValues: readonly Language[] = ["nl", "en"];

export type RecoverySheetRequest = { 
/**
 * Where to write the PDF (outside the vault folder).
 */
path: string, 
/**
 * The key just shown; it is checked against the user's slot first.
 */
recovery_key: SecretText, language: Language, };

export type WrittenFile = { path: string, bytes: number, 
/**
 * Characters a PDF could not print (no glyph in its font), e.g. emoji.
 */
missing_characters: Array<string>, };

export type Preferences = { language: Language, 
/**
 * The vault folder used last; `None` means the default folder.
 */
vault_dir: string | null, };

export type Channel = "in_person" | "phone" | "video" | "email" | "other";

export const channelValues: readonly Channel[] = ["in_person", "phone", "video", "email", "other"];

export type ReporterRole = "employee" | "manager" | "intern" | "temporary" | "volunteer" | "former_employee" | "external";

export const reporterRoleValues: readonly ReporterRole[] = ["employee", "manager", "intern", "temporary", "volunteer", "former_employee", "external"];

export type Relation = "manager" | "colleague" | "subordinate" | "third_party" | "unknown";

export const relationValues: readonly Relation[] = ["manager", "colleague", "subordinate", "third_party", "unknown"];

export type Ground = "origin" | "sex_gender" | "sexual_orientation" | "religion_belief" | "age" | "disability_illness" | "other";

export const groundValues: readonly Ground[] = ["origin", "sex_gender", "sexual_orientation", "religion_belief", "age", "disability_illness", "other"];

export type Gender = "female" | "male" | "other";

export const genderValues: readonly Gender[] = ["female", "male", "other"];

export type InterventionKind = "shelter_advice" | "complaints_info" | "referral" | "informal_solution" | "formal_complaint_support" | "signal_to_employer" | "aftercare";

export const interventionKindValues: readonly InterventionKind[] = ["shelter_advice", "complaints_info", "referral", "informal_solution", "formal_complaint_support", "signal_to_employer", "aftercare"];

export type Referral = "company_doctor" | "social_work" | "psychologist" | "hr" | "police" | "integrity_desk" | "whistleblowers" | "legal_aid";

export const referralValues: readonly Referral[] = ["company_doctor", "social_work", "psychologist", "hr", "police", "integrity_desk", "whistleblowers", "legal_aid"];

export type Outcome = "resolved_informally" | "formal_complaint" | "referred" | "contact_lost" | "no_action_wanted" | "ongoing";

export const outcomeValues: readonly Outcome[] = ["resolved_informally", "formal_complaint", "referred", "contact_lost", "no_action_wanted", "ongoing"];

export type EarlyDestruction = "reporter_request" | "recorded_in_error" | "no_longer_needed" | "legal_obligation";

export const earlyDestructionValues: readonly EarlyDestruction[] = ["reporter_request", "recorded_in_error", "no_longer_needed", "legal_obligation"];

export type Nature = { id: number, 
/**
 * Set for the shipped defaults (`discrimination`, ...), so the UI can
 * translate them while they keep their shipped name.
 */
code: string | null, name: string, retired: boolean, };

export type NatureChoice = { nature_id: number, ground: Ground | null, };

export type Reporter = { name: string, phone: string | null, email: string | null, 
/**
 * Preferred way and time to be contacted.
 */
contact_preference: string | null, };

export type Person = { relation: Relation, name: string | null, };

export type CaseInput = { 
/**
 * Left empty, the next free reference (VP-2026-001) is given.
 */
reference: string | null, first_contact: string, channel: Channel, 
/**
 * `None` for an anonymous reporter.
 */
reporter: Reporter | null, reporter_role: ReporterRole, department: string | null, gender: Gender | null, natures: Array<NatureChoice>, persons: Array<Person>, outcome: Outcome | null, };

export type CaseSummary = { id: number, reference: string, first_contact: string, closed_on: string | null, 
/**
 * The reporter's name; `None` when anonymous.
 */
reporter_name: string | null, natures: Array<string>, conversations: number, minutes: number, 
/**
 * The earliest follow-up not yet done, and what it is.
 */
next_follow_up: string | null, next_follow_up_what: string | null, };

export type Conversation = { id: number, held_on: string, minutes: number, mode: Channel, with_whom: string | null, notes: string, next_step: string | null, };

export type ConversationInput = { held_on: string, minutes: number, mode: Channel, with_whom: string | null, notes: string, next_step: string | null, };

export type Intervention = { id: number, kind: InterventionKind, referral: Referral | null, on_date: string, note: string | null, };

export type InterventionInput = { kind: InterventionKind, referral: Referral | null, on_date: string, note: string | null, };

export type FollowUp = { id: number, due_on: string, what: string, done_on: string | null, };

export type CaseDetail = { id: number, reference: string, first_contact: string, channel: Channel, closed_on: string | null, reporter: Reporter | null, reporter_role: ReporterRole, department: string | null, gender: Gender | null, natures: Array<NatureChoice>, persons: Array<Person>, outcome: Outcome | null, conversations: Array<Conversation>, interventions: Array<Intervention>, follow_ups: Array<FollowUp>, consents: Array<Consent>, attachments: Array<Attachment>, 
/**
 * Conversations plus other recorded time, in minutes.
 */
minutes: number, };

export type CaseFilter = { 
/**
 * Words to find in references, names and notes.
 */
text: string | null, status: CaseStatus | null, nature_id: number | null, 
/**
 * Cases first made in this year.
 */
year: number | null, 
/**
 * Only cases with a follow-up due on or before today.
 */
follow_up_due: boolean, 
/**
 * At most this many cases (the newest); all when absent.
 */
limit: number | null, };

export type CaseStatus = "open" | "closed";

export const caseStatusValues: readonly CaseStatus[] = ["open", "closed"];

export type Hidden = "below_k" | "protects_another";

export const hiddenValues: readonly Hidden[] = ["below_k", "protects_another"];

export type Cell = { 
/**
 * A stable code (`bullying`, `employee`, `q1`) or, for an entry the
 * organisation added, its name.
 */
category: string, 
/**
 * The category as readers see it (Dutch).
 */
label: string, 
/**
 * The count, when shown.
 */
value: number | null, hidden: Hidden | null, percent: number | null, };

export type Withheld = "total_below2k" | "cannot_protect" | "left_out";

export const withheldValues: readonly Withheld[] = ["total_below2k", "cannot_protect", "left_out"];

export type Breakdown = { 
/**
 * What is counted (`nature`, `reporter_role`, `quarter`, …).
 */
id: string, total: number, 
/**
 * Empty when withheld.
 */
cells: Array<Cell>, withheld: Withheld | null, };

export type Hours = { 
/**
 * Hours spent on cases active in the year, to one decimal.
 */
total: number, 
/**
 * The median hours per case; absent when the year is below k.
 */
median_per_case: number | null, };

export type AppendixLine = { breakdown: string, category: string | null, reason: AppendixReason, };

export type AppendixReason = "below_k" | "protects_another" | "breakdown_total_below2k" | "cannot_protect" | "left_out" | "year_total_below_k";

export const appendixReasonValues: readonly AppendixReason[] = ["below_k", "protects_another", "breakdown_total_below2k", "cannot_protect", "left_out", "year_total_below_k"];

export type Release = { schema: string, year: number, k: number, 
/**
 * The year's number of cases was below k: only that fact and the
 * hours are released.
 */
below_k: boolean, 
/**
 * The number of cases active in the year, when at least k.
 */
cases: number | null, conversations: Cell | null, hours: Hours, breakdowns: Array<Breakdown>, appendix: Array<AppendixLine>, };

export type Flag = { breakdown: string, 
/**
 * The category that holds every count of the breakdown.
 */
category: string, };

export type Preview = { release: Release, flags: Array<Flag>, released_on: string | null, };

export type CaseRef = { case: string, };

export type CloseCaseRequest = { case: string, closed_on: string, outcome: Outcome, 
/**
 * Mark every open follow-up done on the closing date, in the same
 * change; otherwise they stay open (and on the home screen).
 */
follow_ups_done: boolean, };

export type AddConversationRequest = { case: string, conversation: ConversationInput, };

export type AddInterventionRequest = { case: string, intervention: InterventionInput, };

export type AddFollowUpRequest = { case: string, due_on: string, what: string, };

export type StatisticsRequest = { year: number, 
/**
 * Breakdowns the advisor leaves out (e.g. one flagged as disclosing).
 */
left_out: Array<string>, };

export type ReleaseRequest = { year: number, left_out: Array<string>, 
/**
 * Where to write the JSON file; none to keep it only in the vault.
 */
path: string | null, 
/**
 * Also put it into org.db, for HR in this vault to pick up.
 */
publish: boolean, };

export type Released = { release: Release, file: WrittenFile | null, published: boolean, };

export type RegisterSettings = { 
/**
 * References are PREFIX-YEAR-NNN.
 */
reference_prefix: string, 
/**
 * Counts below k are not published.
 */
k: number, 
/**
 * A closed case is due for destruction once its year's statistics
 * were released, and at the latest this many months after closing.
 */
retention_months: number, 
/**
 * Days a due case stays on the destruction list before
 * `purge --expired` destroys it.
 */
grace_days: number, };

export type DestructionItem = { id: number, reference: string, closed_on: string, 
/**
 * From this day the case may be destroyed without a reason.
 */
due_on: string, 
/**
 * Its year's statistics were released (else: the maximum term).
 */
counted: boolean, 
/**
 * Due and past the grace period: `purge --expired` destroys it.
 */
expired: boolean, };

export type CaseFileRequest = { case: string, path: string, language: Language, };

export type DemoRequest = { cases: number, conversations: number, };

export type ConsentKind = "keep_notes" | "special_category" | "disclosure";

export const consentKindValues: readonly ConsentKind[] = ["keep_notes", "special_category", "disclosure"];

export type Consent = { id: number, kind: ConsentKind, given: boolean, recipient: string | null, what: string | null, until: string | null, recorded_on: string, };

export type ConsentInput = { kind: ConsentKind, given: boolean, 
/**
 * For a disclosure: to whom (required).
 */
recipient: string | null, what: string | null, until: string | null, recorded_on: string, };

export type AddConsentRequest = { case: string, consent: ConsentInput, };

export type CodeChange = { "action": "add", name: string, } | { "action": "rename", id: number, name: string, } | { "action": "retire", id: number, retired: boolean, } | { "action": "delete", id: number, };

export type FollowUpDoneRequest = { id: number, done_on: string | null, };

export type UpdateCaseRequest = { case: string, input: CaseInput, };

export type AddTimeRequest = { case: string, minutes: number, };

export type Attachment = { id: number, file_name: string, media_type: string, size: number, added_at: string, };

export type AttachmentPreview = { "kind": "picture", data_url: string, } | { "kind": "text", text: string, truncated: boolean, } | { "kind": "message", message: MailMessage, } | { "kind": "pages", pages: Array<string>, page_count: number, } | { "kind": "unavailable", reason: Unavailable, };

export type Unavailable = "encrypted" | "unreadable" | "too_slow" | "too_heavy";

export const unavailableValues: readonly Unavailable[] = ["encrypted", "unreadable", "too_slow", "too_heavy"];

export type MailMessage = { from: string | null, to: string | null, cc: string | null, 
/**
 * As written in the message (for .eml), or in UTC (for .msg).
 */
date: string | null, subject: string | null, 
/**
 * The plain text; an HTML-only message is converted to text.
 */
body: string, 
/**
 * Names of the files attached to the mail.
 */
attachments: Array<string>, };

export type AddAttachmentRequest = { case: string, path: string, };

export type ExportAttachmentRequest = { id: number, path: string, };

export type RowProblem = { 
/**
 * The line in the file (the header is line 1).
 */
line: number, 
/**
 * The column concerned (its Dutch name), when there is one.
 */
column: string | null, reason: Reason, };

export type Reason = "required" | "invalid" | "invalid_date" | "in_future" | "before_first_contact" | "after_closing" | "out_of_range" | "too_long" | "too_large" | "taken" | "wrong" | "weak" | "mismatch" | "unknown" | "retired" | "in_use" | "not_closed" | "not_empty" | "unreadable" | "unsupported_type" | "not_a_file" | "no_folder" | "inside_vault" | "self" | "advisor_combined" | "not_held" | "invalid_csv" | "invalid_json" | "invalid_rows" | "missing_column" | "unknown_column";

export const reasonValues: readonly Reason[] = ["required", "invalid", "invalid_date", "in_future", "before_first_contact", "after_closing", "out_of_range", "too_long", "too_large", "taken", "wrong", "weak", "mismatch", "unknown", "retired", "in_use", "not_closed", "not_empty", "unreadable", "unsupported_type", "not_a_file", "no_folder", "inside_vault", "self", "advisor_combined", "not_held", "invalid_csv", "invalid_json", "invalid_rows", "missing_column", "unknown_column"];

export type ImportRequest = { path: string, 
/**
 * Import the valid rows and skip the invalid ones; otherwise nothing
 * is imported while any row is invalid.
 */
skip_invalid: boolean, };

export type ImportResult = { imported: number, problems: Array<RowProblem>, };

export type DestroyRequest = { case: string, 
/**
 * The reference typed again, as confirmation.
 */
confirm: string, 
/**
 * Required when the case is open or not yet due: a code from a
 * closed list, recorded in the audit trail (which outlives the case).
 */
reason: EarlyDestruction | null, };

export type PurgeRequest = { 
/**
 * Must be true: destruction only after confirmation.
 */
confirm: boolean, };
