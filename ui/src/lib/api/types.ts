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

export type About = { version: string, licence: string, identifier: string, config_dir: string, default_vault_dir: string, };

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

export type SessionWarning = { "kind": "refused", compartment: string, reason: string, } | { "kind": "first_use", compartment: string, } | { "kind": "rolled_back", compartment: string, } | { "kind": "keyring_rolled_back" } | { "kind": "key_changed", compartment: string, user: string, };

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
vault_dir: string | null, 
/**
 * The vault folders used recently, the last first (at most
 * [`MAX_RECENT`]); kept up to date when the preferences are saved.
 */
recent_vaults: Array<string>, };

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

export type Hidden = "below_k" | "protects_another" | "part_hidden" | "differencing";

export const hiddenValues: readonly Hidden[] = ["below_k", "protects_another", "part_hidden", "differencing"];

export type Cell = { 
/**
 * A stable code (`bullying`, `employee`, `q1`); for a nature the
 * advisor added, `nature_<its id>`, which a rename does not change.
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

export type Withheld = "total_below2k" | "cannot_protect" | "left_out" | "part_withheld" | "differencing";

export const withheldValues: readonly Withheld[] = ["total_below2k", "cannot_protect", "left_out", "part_withheld", "differencing"];

export type Breakdown = { 
/**
 * What is counted (`nature`, `reporter_role`, `quarter`, …).
 */
id: string, 
/**
 * The count the cells are of; absent when withheld (a total below
 * 2k is itself a small count).
 */
total: number | null, 
/**
 * Empty when withheld.
 */
cells: Array<Cell>, withheld: Withheld | null, };

export type Hours = { 
/**
 * Hours spent on cases active in the year, to one decimal; absent
 * when the year is below k ([`Hours::band`] stands in its place).
 */
total: number | null, 
/**
 * When the year is below k, the band its hours fall in.
 */
band: HoursBand | null, 
/**
 * The median hours per case; absent when the year is below k.
 */
median_per_case: number | null, };

export type AppendixLine = { breakdown: string, category: string | null, reason: AppendixReason, };

export type AppendixReason = "below_k" | "protects_another" | "breakdown_total_below2k" | "cannot_protect" | "left_out" | "year_total_below_k" | "part_hidden" | "part_withheld" | "differencing";

export const appendixReasonValues: readonly AppendixReason[] = ["below_k", "protects_another", "breakdown_total_below2k", "cannot_protect", "left_out", "year_total_below_k", "part_hidden", "part_withheld", "differencing"];

export type HoursBand = { from: number, to: number | null, };

export type Release = { schema: string, year: number, k: number, 
/**
 * The year's number of cases was below k: only that fact and the
 * hours are released.
 */
below_k: boolean, 
/**
 * The number of cases active in the year, when at least k.
 */
cases: number | null, conversations: Cell | null, hours: Hours, breakdowns: Array<Breakdown>, appendix: Array<AppendixLine>, 
/**
 * The SHA-256 (hex) of the advisor's jaarverslag when it travels with
 * the release ([`SignedRelease::annual_report`]): signed with the
 * figures, so that the PDF cannot be swapped on the way.
 */
annual_report_sha256?: string, 
/**
 * The year's prevention and information activities by kind (no
 * topic, no date): what HR's report says of prevention. Absent from
 * releases made before they were counted.
 */
activities: Array<ActivityTotal>, };

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

export type ActivityKind = "prevention_session" | "information_meeting" | "intervision" | "course" | "other";

export const activityKindValues: readonly ActivityKind[] = ["prevention_session", "information_meeting", "intervision", "course", "other"];

export type Activity = { id: number, held_on: string, kind: ActivityKind, 
/**
 * How many people it reached, when it had an audience.
 */
audience: number | null, minutes: number, 
/**
 * A few words for the advisor's own list; never in a report.
 */
topic: string | null, };

export type ActivityInput = { held_on: string, kind: ActivityKind, audience: number | null, minutes: number, topic: string | null, };

export type ActivityFilter = { year: number | null, };

export type AnnualYear = { year: number, };

export type AnnualTexts = { year: number, introduction: string, signals: string, recommendations: string, };

export type AnnualReportRequest = { year: number, path: string, language: Language, };

export type AnnualReportSendRequest = { year: number, language: Language, 
/**
 * Where to write the signed release file with the jaarverslag.
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
 * From this day it may be destroyed without a reason.
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

export type Reason = "required" | "invalid" | "invalid_date" | "in_future" | "before_first_contact" | "after_closing" | "out_of_range" | "too_long" | "too_large" | "taken" | "wrong" | "weak" | "mismatch" | "unknown" | "retired" | "in_use" | "not_closed" | "closed" | "before_receipt" | "not_empty" | "unreadable" | "unsupported_type" | "not_a_file" | "no_folder" | "inside_vault" | "self" | "advisor_combined" | "not_held" | "invalid_csv" | "invalid_xlsx" | "invalid_json" | "invalid_rows" | "missing_column" | "unknown_column" | "different_readers" | "key_changed" | "not_released" | "unsigned" | "tampered" | "published" | "year_not_over" | "overlaps";

export const reasonValues: readonly Reason[] = ["required", "invalid", "invalid_date", "in_future", "before_first_contact", "after_closing", "out_of_range", "too_long", "too_large", "taken", "wrong", "weak", "mismatch", "unknown", "retired", "in_use", "not_closed", "closed", "before_receipt", "not_empty", "unreadable", "unsupported_type", "not_a_file", "no_folder", "inside_vault", "self", "advisor_combined", "not_held", "invalid_csv", "invalid_xlsx", "invalid_json", "invalid_rows", "missing_column", "unknown_column", "different_readers", "key_changed", "not_released", "unsigned", "tampered", "published", "year_not_over", "overlaps"];

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

export type ComplaintChannel = "letter" | "email" | "form" | "oral";

export const complaintChannelValues: readonly ComplaintChannel[] = ["letter", "email", "form", "oral"];

export type ComplainantRole = "employee" | "manager" | "former_employee" | "temporary" | "intern" | "volunteer" | "applicant" | "citizen" | "other";

export const complainantRoleValues: readonly ComplainantRole[] = ["employee", "manager", "former_employee", "temporary", "intern", "volunteer", "applicant", "citizen", "other"];

export type Complainant = { anonymous: boolean, 
/**
 * An anonymous reporter who can be answered (a mailbox, a number).
 */
can_reply: boolean, name: string | null, role: ComplainantRole, department: string | null, contact: string | null, support_person: string | null, };

export type PersonComplainedAbout = { name: string, role: string | null, department: string | null, };

export type ComplaintAccess = { "who": "everyone" } | { "who": "only", users: Array<string>, };

export type Admissibility = { written_and_signed: boolean | null, name_and_address: boolean | null, complainant_in_scope: boolean | null, 
/**
 * The conduct is recent enough (Awb 9:8: within a year).
 */
recent_enough: boolean | null, internal_route_first: boolean | null, 
/**
 * The committee's conclusion, once drawn.
 */
admissible: boolean | null, decided_on: string | null, note: string | null, };

export type Hearing = { on: string, 
/**
 * The parties are heard apart.
 */
separate: boolean, witnesses: Array<string>, note: string | null, };

export type ComplaintFinding = "upheld" | "partly_upheld" | "not_upheld";

export const complaintFindingValues: readonly ComplaintFinding[] = ["upheld", "partly_upheld", "not_upheld"];

export type Advice = { on: string, finding: ComplaintFinding, 
/**
 * Recommended measures, as codes of [`MEASURES`].
 */
measures: Array<string>, note: string | null, };

export type Decision = { on: string, finding: ComplaintFinding, 
/**
 * Measures taken, as codes of [`MEASURES`] (rehabilitation when not upheld).
 */
measures: Array<string>, 
/**
 * Why the decision departs from the advice (required when it does).
 */
reasons: string | null, };

export type ClosureKind = "closed" | "withdrawn" | "inadmissible";

export const closureKindValues: readonly ClosureKind[] = ["closed", "withdrawn", "inadmissible"];

export type Closure = { kind: ClosureKind, on: string, note: string | null, };

export type ComplaintStatus = "received" | "admissibility" | "mediation" | "response" | "hearing" | "hearing_report" | "advice" | "decision" | "feedback" | "closed" | "withdrawn" | "inadmissible";

export const complaintStatusValues: readonly ComplaintStatus[] = ["received", "admissibility", "mediation", "response", "hearing", "hearing_report", "advice", "decision", "feedback", "closed", "withdrawn", "inadmissible"];

export type ComplaintAttachment = { id: number, file_name: string, media_type: string, size: number, added_at: string, };

export type Committee = { 
/**
 * Its name as letters give it ("Klachtencommissie ongewenste
 * omgangsvormen"); empty for "the complaints committee".
 */
name: string | null, 
/**
 * An external committee (a bureau, a sector's committee).
 */
external: boolean, members: Array<CommitteeMember>, };

export type CommitteeMember = { name: string, role: CommitteeRole, 
/**
 * Not employed by the organisation.
 */
external: boolean, };

export type CommitteeRole = "chair" | "member" | "secretary";

export const committeeRoleValues: readonly CommitteeRole[] = ["chair", "member", "secretary"];

export type Recusal = { 
/**
 * The member's name as the committee listed it that day.
 */
member: string, on: string, reason: string | null, };

export type ComplaintEvent = { at: string, 
/**
 * The user's id and their name when it happened.
 */
by: string, by_name: string, 
/**
 * What happened, as a code (`filed`, `step_done`, `paused`, …).
 */
what: string, 
/**
 * The step, the user given access, or the note written.
 */
detail: string | null, };

export type ComplaintInput = { received_on: string, channel: ComplaintChannel, 
/**
 * The procedure's code (`complaints_regulation`, `whistleblowing`, …).
 */
procedure: string, complainant: Complainant, complained_about: Array<PersonComplainedAbout>, 
/**
 * Codes of the natures (the advisor register's categories).
 */
natures: Array<string>, description: string, 
/**
 * Who decides, when not the employer (a board member, the
 * supervisory board): the complaint concerns the one who would.
 */
decision_maker: string | null, 
/**
 * For an oral complaint: the day the reporter signed the minutes.
 */
minutes_signed_on: string | null, access: ComplaintAccess, };

export type AccessUser = { id: string, display_name: string, };

export type AccessInfo = { everyone: boolean, 
/**
 * The named users when restricted.
 */
users: Array<AccessUser>, };

export type DueStep = { step: string, due: string, urgency: Urgency | null, };

export type ComplaintSummary = { id: number, reference: string, received_on: string, procedure: string, status: ComplaintStatus, restricted: boolean, 
/**
 * The open step due first.
 */
next_due: DueStep | null, };

export type ComplaintDetail = { id: number, reference: string, received_on: string, channel: ComplaintChannel, minutes_signed_on: string | null, procedure: Procedure, status: ComplaintStatus, complainant: Complainant, complained_about: Array<PersonComplainedAbout>, natures: Array<string>, description: string, decision_maker: string | null, admissibility: Admissibility, hearings: Array<Hearing>, advice: Advice | null, decision: Decision | null, closure: Closure | null, schedule: Array<ScheduledStep>, pauses: Array<Pause>, extensions: Array<Extension>, timeline: Array<ComplaintEvent>, access: AccessInfo, attachments: Array<ComplaintAttachment>, 
/**
 * Members of the committee who step aside for this complaint.
 */
recusals: Array<Recusal>, 
/**
 * The complaints handled together with this one (their references).
 */
joined: Array<string>, };

export type DueItem = { id: number, reference: string, procedure: string, step: string, due: string, urgency: Urgency | null, };

export type ComplaintDashboard = { today: string, overdue: Array<DueItem>, 
/**
 * Due from today to the coming Sunday.
 */
this_week: Array<DueItem>, 
/**
 * Later, but past half of their term.
 */
warnings: Array<DueItem>, };

export type TermUnit = "days" | "weeks" | "months" | "working_days";

export const termUnitValues: readonly TermUnit[] = ["days", "weeks", "months", "working_days"];

export type StepTerm = { count: number, unit: TermUnit, };

export type StepCalendar = "law" | "organisation";

export const stepCalendarValues: readonly StepCalendar[] = ["law", "organisation"];

export type StepActor = "secretary" | "committee" | "decision_maker" | "person_complained_about" | "complainant";

export const stepActorValues: readonly StepActor[] = ["secretary", "committee", "decision_maker", "person_complained_about", "complainant"];

export type LetterKind = "acknowledgement" | "request_for_response" | "hearing_invitation" | "hearing_report" | "decision" | "postponement";

export const letterKindValues: readonly LetterKind[] = ["acknowledgement", "request_for_response", "hearing_invitation", "hearing_report", "decision", "postponement"];

export type Phase = "received" | "admissibility" | "response" | "hearing" | "hearing_report" | "advice" | "decision" | "feedback";

export const phaseValues: readonly Phase[] = ["received", "admissibility", "response", "hearing", "hearing_report", "advice", "decision", "feedback"];

export type CountFrom = { "from": "receipt" } | { "from": "step", "step": string };

export type StepTemplate = { 
/**
 * The step's code within its procedure (`acknowledgement`); shipped
 * steps are translated by it.
 */
key: string, 
/**
 * A name the organisation gave the step instead of the shipped one.
 */
name: string | null, 
/**
 * No term: the step has no deadline of its own (mediation, a hearing
 * planned by agreement).
 */
term: StepTerm | null, from: CountFrom, calendar: StepCalendar, actor: StepActor, letter: LetterKind | null, phase: Phase, };

export type Procedure = { 
/**
 * `complaints_regulation`, `whistleblowing`, `awb`, `awb_committee`,
 * or a code the organisation chose.
 */
code: string, name: string | null, steps: Array<StepTemplate>, };

export type StepProgress = { key: string, done_on: string | null, 
/**
 * Why the step could not be done (an anonymous reporter without a way
 * to reply gets no acknowledgement); later steps count from its due date.
 */
not_possible: string | null, 
/**
 * A due date set by hand instead of the computed one.
 */
due_set: string | null, };

export type PauseReason = "mediation" | "other";

export const pauseReasonValues: readonly PauseReason[] = ["mediation", "other"];

export type Pause = { from: string, until: string | null, reason: PauseReason, note: string | null, };

export type Extension = { step: string, by: StepTerm, reason: string, on: string, };

export type ScheduledStep = { key: string, 
/**
 * The day its term started counting; none while the step it counts
 * from has no date yet.
 */
start: string | null, 
/**
 * The day it is due; none for a step without a term, or while its
 * term stands still or has not started.
 */
due: string | null, done_on: string | null, not_possible: boolean, 
/**
 * The due date counts from a step not done yet: it moves when that
 * step is done later or sooner.
 */
provisional: boolean, 
/**
 * Its term stands still (a pause without an end).
 */
paused: boolean, 
/**
 * The due date was set by hand.
 */
set_by_hand: boolean, };

export type Urgency = "half" | "three_quarters" | "ninety_percent" | "due" | "overdue";

export const urgencyValues: readonly Urgency[] = ["half", "three_quarters", "ninety_percent", "due", "overdue"];

export type ComplaintRef = { complaint: string, };

export type ComplaintFilter = { 
/**
 * Words to find in the reference, names, departments and description.
 */
search: string | null, status: ComplaintStatus | null, 
/**
 * Closed, withdrawn and inadmissible complaints too.
 */
include_closed: boolean, };

export type StepDoneRequest = { complaint: string, step: string, done_on: string | null, 
/**
 * Why the step could not be done; later steps count from its due date.
 */
not_possible: string | null, };

export type SetDueRequest = { complaint: string, step: string, due_on: string | null, };

export type PauseRequest = { complaint: string, from: string, reason: PauseReason, note: string | null, };

export type ResumeRequest = { complaint: string, until: string, };

export type ExtendRequest = { complaint: string, step: string, by: StepTerm, reason: string, };

export type HearingInput = { on: string, separate: boolean, witnesses: Array<string>, note: string | null, };

export type HearingRequest = { complaint: string, hearing: HearingInput, };

export type AdmissibilityRequest = { complaint: string, checklist: Admissibility, };

export type OutcomeRequest = { complaint: string, on: string, finding: ComplaintFinding, measures: Array<string>, 
/**
 * For the decision: why it departs from the advice.
 */
reasons: string | null, note: string | null, };

export type CloseComplaintRequest = { complaint: string, kind: ClosureKind, on: string, note: string | null, };

export type ComplaintNoteRequest = { complaint: string, text: string, };

export type AccessRequest = { complaint: string, access: ComplaintAccess, };

export type ComplaintSettings = { 
/**
 * What references start with: `KL` gives KL-2026-001.
 */
prefix: string, letterhead: LetterheadSettings, 
/**
 * A closed complaint is due for destruction this many months after
 * it ended…
 */
retention_months: number, 
/**
 * …and destroyed without being asked again this many days later.
 */
grace_days: number, 
/**
 * The working days of the organisation's regulation.
 */
calendar: OrganisationCalendar, 
/**
 * The annual report's threshold k: counts from 1 to k−1 are hidden
 * (at least 3; the advisors' releases may ask more).
 */
report_k: number, 
/**
 * Whether the letterhead has a logo. Only answered: the logo is set
 * with `set_letterhead_logo`, and a settings change keeps it.
 */
logo: boolean, };

export type LetterRequest = { complaint: string, step: string, letter: LetterKind | null, language: Language, path: string, };

export type CalendarRequest = { path: string, 
/**
 * Put the complainant's name in each event (off: the reference only).
 */
with_names: boolean, language: Language, };

export type DestroyComplaintRequest = { complaint: string, confirm: string, reason: EarlyDestruction | null, };

export type OrganisationCalendar = { 
/**
 * Goede Vrijdag is a day off (often it is a working day).
 */
good_friday_off: boolean, liberation_day: LiberationDayOff, 
/**
 * Extra closing days (the days between Christmas and New Year).
 */
closing_days: string[], };

export type LiberationDayOff = "every_year" | "every_five_years" | "never";

export const liberationDayOffValues: readonly LiberationDayOff[] = ["every_year", "every_five_years", "never"];

export type LetterTemplateEntry = { kind: LetterKind, language: Language, template: LetterTemplate, changed: boolean, };

export type LetterTemplateChange = { kind: LetterKind, language: Language, template: LetterTemplate | null, };

export type ProcedureChange = { procedure: Procedure, apply_to_running: boolean, };

export type DueChange = { step: string, before: string | null, after: string | null, };

export type RunningChange = { reference: string, steps: Array<DueChange>, };

export type ProcedureChangeResult = { procedure: Procedure, running: Array<RunningChange>, applied: boolean, };

export type ComplaintImportRequest = { path: string, 
/**
 * Import the valid rows and skip the invalid ones; otherwise nothing
 * is imported while any row is invalid.
 */
skip_invalid: boolean, access: ComplaintAccess, };

export type LogoRequest = { path: string | null, };

export type ComplaintAttachmentRequest = { complaint: string, path: string, };

export type ComplaintAttachmentRef = { complaint: string, attachment: number, };

export type ExportComplaintAttachmentRequest = { complaint: string, attachment: number, path: string, };

export type RecusalRequest = { complaint: string, 
/**
 * The member's name as the committee lists it.
 */
member: string, on: string, reason: string | null, undo: boolean, };

export type JoinRequest = { complaint: string, with: string, separate: boolean, };

export type LetterTemplate = { subject: string, body: string, };

export type LetterheadSettings = { address: string | null, signatory: string | null, signatory_role: string | null, };

export type Count = { code: string, count: number, };

export type ComplaintFigures = { year: number, 
/**
 * Received in the year, destroyed ones included.
 */
received: number, 
/**
 * Complaints in the register restricted from this user (of any
 * year): not counted in these figures.
 */
not_readable: number, procedures: Array<Count>, channels: Array<Count>, 
/**
 * A complaint may have several natures.
 */
natures: Array<Count>, 
/**
 * Received per quarter (`q1` … `q4`).
 */
quarters: Array<Count>, 
/**
 * How they ended so far: `closed`, `withdrawn`, `inadmissible`, `open`.
 */
endings: Array<Count>, 
/**
 * Findings: `upheld`, `partly_upheld`, `not_upheld`.
 */
findings: Array<Count>, measures: Array<Count>, 
/**
 * Of those that ended: the median days from receipt to the end.
 */
median_days: number | null, 
/**
 * Steps with a due date that were done, and those done on time.
 */
steps_due: number, steps_on_time: number, 
/**
 * The same figures of the complaints handled under the Awb (a public
 * body's complaints procedure, [`AWB_PROCEDURES`]), for the yearly
 * publication of art. 9:12a; absent when none came in.
 */
awb?: ComplaintFigures, 
/**
 * Per step: how many complaints did it, and the median days from
 * receipt, soonest step first.
 */
step_days: Array<StepDays>, };

export type FiguresRequest = { year: number, };

export type AdvisorRelease = { id: number, year: number, 
/**
 * Who signed it, as they gave their name and organisation.
 */
advisor: string, organisation: string, 
/**
 * Their signing key's fingerprint, to compare with what the advisor
 * says it is.
 */
fingerprint: string, imported_at: string, 
/**
 * The first release signed with this key.
 */
new_advisor: boolean, 
/**
 * It replaced an earlier release of the same year by the same advisor.
 */
replaced: boolean, release: Release, };

export type ReleaseImportRequest = { path: string, };

export type PublishedComplaints = { year: number, k: number, 
/**
 * The complaints received in the year: the count, or hidden below k.
 */
received: Cell, 
/**
 * Complaints restricted from the author, not counted (said, not
 * published as a number when it is small).
 */
not_readable: Cell, breakdowns: Array<Breakdown>, 
/**
 * Median days from receipt to the end, when at least k ended.
 */
median_days: number | null, 
/**
 * Steps done on time, in percent, when at least k complaints were
 * received and the steps due reach 20.
 */
on_time_percent: number | null, appendix: Array<AppendixLine>, 
/**
 * The Awb complaints on their own, when any came in.
 */
awb?: PublishedAwb, 
/**
 * Per step of the procedures, the median days from receipt to it,
 * soonest first; absent where fewer than k complaints did the step.
 */
step_days: Array<PublishedStep>, };

export type PublishedAwb = { received: Cell, 
/**
 * How they ended and what was found.
 */
breakdowns: Array<Breakdown>, median_days: number | null, on_time_percent: number | null, };

export type PublishedStep = { step: string, median_days: number | null, };

export type ActivityTotal = { 
/**
 * `prevention_session`, `information_meeting` or `other`.
 */
kind: string, sessions: number, participants: number, minutes: number, };

export type StepDays = { step: string, complaints: number, 
/**
 * Days from receipt to the step done, the median.
 */
median_days: number | null, };

export type HrReportYear = { year: number, };

export type CombinedAdvisors = { year: number, 
/**
 * How many advisors' releases were added up.
 */
advisors: number, 
/**
 * Cases of all advisors; hidden when one advisor's year was below k.
 */
cases: Cell, conversations: Cell, 
/**
 * Hours of all advisors, when every one gave them exactly.
 */
hours: number | null, breakdowns: Array<Breakdown>, appendix: Array<AppendixLine>, };

export type NotComparable = "not_published" | "below_k";

export const notComparableValues: readonly NotComparable[] = ["not_published", "below_k"];

export type Comparison = { 
/**
 * `received` (complaints) or `advisor_cases`.
 */
figure: string, this_year: number | null, 
/**
 * Why this year's figure is not shown ("< k", or × when part of a
 * sum is hidden).
 */
this_hidden: Hidden | null, 
/**
 * As published last year.
 */
last_year: number | null, last_hidden: Hidden | null, 
/**
 * This year minus last year, when comparable.
 */
change: number | null, not_comparable: NotComparable | null, };

export type TrendPoint = { year: number, received: number | null, advisor_cases: number | null, 
/**
 * The share of the complaints' steps done on time, in percent.
 */
on_time_percent: number | null, };

export type ReportFigures = { 
/**
 * The (last) year of the report.
 */
year: number, 
/**
 * The first year, when the report takes three years together.
 */
first_year?: number, complaints: PublishedComplaints, 
/**
 * The advisors' releases of the year, as they released them.
 */
releases: Array<AdvisorRelease>, 
/**
 * The releases added up, when there are two or more.
 */
combined: CombinedAdvisors | null, };

export type Publication = { published_at: string, published_by: string, };

export type HrReportPreview = { figures: ReportFigures, 
/**
 * Set when the year was published: the figures are the frozen ones.
 */
published: Publication | null, 
/**
 * Last year's figures as published, when they were.
 */
previous: ReportFigures | null, 
/**
 * The key figures beside last year's.
 */
comparisons: Array<Comparison>, 
/**
 * Up to five years, this one last, as published.
 */
trend: Array<TrendPoint>, };

export type HrReportRequest = { year: number, path: string, language: Language, csv_dir: string | null, 
/**
 * The three years up to `year` together ([`super::window`]).
 */
three_years?: boolean, };

export type HrReportTexts = { year: number, introduction: string, 
/**
 * Signals and recommendations, in prose; the actions follow it.
 */
conclusions: string, 
/**
 * For a public body: the publishable summary of the complaints about
 * it (art. 9:12a Awb).
 */
awb_summary: string, };

export type ActionStatus = "planned" | "in_progress" | "done" | "dropped";

export const actionStatusValues: readonly ActionStatus[] = ["planned", "in_progress", "done", "dropped"];

export type ReportAction = { id: number, 
/**
 * The report that recommended it.
 */
year: number, recommendation: string, 
/**
 * Who sees to it (a role or a name).
 */
owner: string, due_on: string, status: ActionStatus, note: string | null, };

export type ReportActionInput = { year: number, recommendation: string, owner: string, 
/**
 * The date it is due (dd-mm-jjjj or jjjj-mm-dd).
 */
due_on: string, };

export type ReportActionChange = { id: number, status: ActionStatus, note: string | null, };
