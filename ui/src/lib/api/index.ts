// Typed calls into the Rust core. Every backend type comes from the
// generated `types.ts`; nothing here is hand-written about the backend
// except the command names.
import { invoke } from "@tauri-apps/api/core";
import type {
  AddAttachmentRequest,
  AddConsentRequest,
  AttachmentPreview,
  FollowUpDoneRequest,
  ImportReport,
  ImportRequest,
  UpdateCaseRequest,
  ExportAttachmentRequest,
  AddConversationRequest,
  AddFollowUpRequest,
  AddInterventionRequest,
  AddTimeRequest,
  AddUserRequest,
  CaseDetail,
  CaseFileRequest,
  CaseFilter,
  CaseInput,
  CaseSummary,
  CloseCaseRequest,
  DestroyRequest,
  DestructionItem,
  Nature,
  NatureChange,
  Preview,
  RegisterSettings,
  ReleaseRequest,
  Released,
  StatisticsRequest,
  AddedUser,
  ApiError,
  AuditRequest,
  AuditRow,
  BackupResult,
  BackupSummary,
  ChangePassphraseRequest,
  CreateVaultRequest,
  CreatedVault,
  Preferences,
  RecoveryResetRequest,
  RecoverySheetRequest,
  RemoveUserRequest,
  RemovedUser,
  RestoreRequest,
  RestoreResult,
  SessionInfo,
  Settings,
  SettingsUpdate,
  Strength,
  StrengthRequest,
  UnlockRequest,
  UserInfo,
  VaultStatus,
  VerifyReport,
  WrittenFile,
} from "./types";

export type * from "./types";

/** Whether a thrown value is an error from the backend. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Anything else thrown (a bug, a lost connection) as an Internal error. */
export function asApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return { code: "Internal", message: String(e), field: null, reason: null };
}

export const api = {
  vaultStatus: (dir: string) => invoke<VaultStatus>("vault_status", { dir }),
  defaultVaultDir: () => invoke<string>("default_vault_dir"),
  preferences: () => invoke<Preferences>("preferences"),
  setPreferences: (prefs: Preferences) => invoke<void>("set_preferences", { prefs }),
  passphraseStrength: (req: StrengthRequest) => invoke<Strength>("passphrase_strength", { req }),
  createVault: (req: CreateVaultRequest) => invoke<CreatedVault>("create_vault", { req }),
  unlock: (req: UnlockRequest) => invoke<SessionInfo>("unlock", { req }),
  resetPassphrase: (req: RecoveryResetRequest) => invoke<SessionInfo>("reset_passphrase", { req }),
  lock: () => invoke<void>("lock"),
  touch: () => invoke<void>("touch"),
  sessionInfo: () => invoke<SessionInfo>("session_info"),
  listUsers: () => invoke<UserInfo[]>("list_users"),
  addUser: (req: AddUserRequest) => invoke<AddedUser>("add_user", { req }),
  changePassphrase: (req: ChangePassphraseRequest) => invoke<void>("change_passphrase", { req }),
  removeUser: (req: RemoveUserRequest) => invoke<RemovedUser>("remove_user", { req }),
  auditTrail: (req: AuditRequest) => invoke<AuditRow[]>("audit_trail", { req }),
  settings: () => invoke<Settings>("get_settings"),
  updateSettings: (req: SettingsUpdate) => invoke<Settings>("update_settings", { req }),
  backup: (path: string) => invoke<BackupResult>("backup", { req: { path } }),
  writeRecoverySheet: (req: RecoverySheetRequest) => invoke<WrittenFile>("write_recovery_sheet", { req }),
  verify: () => invoke<VerifyReport>("verify"),
  verifyBackup: (path: string) => invoke<BackupSummary>("verify_backup", { req: { path } }),
  restore: (req: RestoreRequest) => invoke<RestoreResult>("restore", { req }),
  natures: () => invoke<Nature[]>("natures"),
  registerSettings: () => invoke<RegisterSettings>("register_settings"),
  updateRegisterSettings: (req: RegisterSettings) => invoke<RegisterSettings>("update_register_settings", { req }),
  changeNatures: (req: NatureChange) => invoke<Nature[]>("change_natures", { req }),
  listCases: (req: CaseFilter) => invoke<CaseSummary[]>("list_cases", { req }),
  caseDetail: (c: string) => invoke<CaseDetail>("case_detail", { req: { case: c } }),
  addCase: (req: CaseInput) => invoke<CaseDetail>("add_case", { req }),
  updateCase: (req: UpdateCaseRequest) => invoke<CaseDetail>("update_case", { req }),
  addConversation: (req: AddConversationRequest) => invoke<CaseDetail>("add_conversation", { req }),
  addIntervention: (req: AddInterventionRequest) => invoke<CaseDetail>("add_intervention", { req }),
  addFollowUp: (req: AddFollowUpRequest) => invoke<CaseDetail>("add_follow_up", { req }),
  addConsent: (req: AddConsentRequest) => invoke<CaseDetail>("add_consent", { req }),
  addAttachment: (req: AddAttachmentRequest) => invoke<CaseDetail>("add_attachment", { req }),
  attachmentPreview: (id: number) => invoke<AttachmentPreview>("attachment_preview", { id }),
  exportAttachment: (req: ExportAttachmentRequest) => invoke<WrittenFile>("export_attachment", { req }),
  followUpDone: (req: FollowUpDoneRequest) => invoke<CaseDetail>("follow_up_done", { req }),
  importCases: (req: ImportRequest) => invoke<ImportReport>("import_cases", { req }),
  addCaseTime: (req: AddTimeRequest) => invoke<CaseDetail>("add_case_time", { req }),
  departments: () => invoke<string[]>("departments"),
  closeCase: (req: CloseCaseRequest) => invoke<CaseDetail>("close_case", { req }),
  writeCaseFile: (req: CaseFileRequest) => invoke<WrittenFile>("write_case_file", { req }),
  destructionList: () => invoke<DestructionItem[]>("destruction_list"),
  destroyCase: (req: DestroyRequest) => invoke<string>("destroy_case", { req }),
  purgeExpired: () => invoke<string[]>("purge_expired", { req: { confirm: true } }),
  statisticsPreview: (req: StatisticsRequest) => invoke<Preview>("statistics_preview", { req }),
  releaseStatistics: (req: ReleaseRequest) => invoke<Released>("release_statistics", { req }),
};

/** The event the shell sends when the vault locks itself. */
export const LOCKED_EVENT = "vault-locked";
