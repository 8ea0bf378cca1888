// Folder and file pickers through the dialog plugin (the only way the UI
// reaches the file system: it only ever learns a path).
import { open, save } from "@tauri-apps/plugin-dialog";

export async function pickFolder(): Promise<string | null> {
  const r = await open({ directory: true, multiple: false });
  return typeof r === "string" ? r : null;
}

export async function pickBackupToWrite(defaultName: string): Promise<string | null> {
  return await save({ defaultPath: defaultName, filters: [{ name: "Vertrouwd backup", extensions: ["vbak"] }] });
}

export async function pickBackupToRead(): Promise<string | null> {
  const r = await open({ multiple: false, filters: [{ name: "Vertrouwd backup", extensions: ["vbak"] }] });
  return typeof r === "string" ? r : null;
}

export async function pickPdfToWrite(defaultName: string): Promise<string | null> {
  return await save({ defaultPath: defaultName, filters: [{ name: "PDF", extensions: ["pdf"] }] });
}

export async function pickCalendarToWrite(defaultName: string): Promise<string | null> {
  return await save({ defaultPath: defaultName, filters: [{ name: "iCalendar", extensions: ["ics"] }] });
}

export async function pickJsonToWrite(defaultName: string): Promise<string | null> {
  return await save({ defaultPath: defaultName, filters: [{ name: "JSON", extensions: ["json"] }] });
}

export async function pickAttachment(): Promise<string | null> {
  const r = await open({
    multiple: false,
    filters: [{ name: "PDF, afbeelding, e-mail, tekst", extensions: ["pdf", "png", "jpg", "jpeg", "gif", "eml", "msg", "txt"] }],
  });
  return typeof r === "string" ? r : null;
}

/** A picture for a letterhead: PNG or JPEG. */
export async function pickPicture(): Promise<string | null> {
  const r = await open({ multiple: false, filters: [{ name: "PNG / JPEG", extensions: ["png", "jpg", "jpeg"] }] });
  return typeof r === "string" ? r : null;
}

export async function pickExportPath(defaultName: string): Promise<string | null> {
  return await save({ defaultPath: defaultName });
}

/** A register to import: an Excel workbook or a CSV file. */
export async function pickRegister(): Promise<string | null> {
  const r = await open({ multiple: false, filters: [{ name: "Excel / CSV", extensions: ["xlsx", "csv", "txt"] }] });
  return typeof r === "string" ? r : null;
}

/** A statistics release file an advisor signed. */
export async function pickReleaseFile(): Promise<string | null> {
  const r = await open({ multiple: false, filters: [{ name: "JSON", extensions: ["json"] }] });
  return typeof r === "string" ? r : null;
}
