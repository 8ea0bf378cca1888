//! Backups: one file holding encrypted copies of the whole vault folder.
//!
//! Layout: the magic `VRTDBAK1`, a big-endian u32 header length, a JSON
//! header (vault id, creation time, each file's name, length and SHA-256),
//! the files' bytes in header order, and a SHA-256 over everything before it.
//! Databases stay encrypted under their own keys and the keyring holds no
//! secret in clear, so the file needs no extra encryption; restoring it needs
//! a user's passphrase, like the vault itself.
//!
//! A backup is written to a temporary sibling and renamed into place, so a
//! full disk or a crash leaves no half file under the chosen name. A restore
//! checks every hash before it writes, and writes only into a new folder.
//!
//! A backup file is attacker input: only the names a vault of this layout
//! has are accepted (the keyring, each compartment's database and WAL, each
//! once), lengths are added with checked arithmetic, and the keyring entry
//! is capped like the keyring itself. What a restore writes is 0600 in a
//! 0700 folder.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::CompartmentSpec;
use crate::error::{Result, VaultError};
use crate::keyring::{Keyring, KEYRING_FILE, MAX_KEYRING_BYTES};
use crate::vault::Unlocked;

const MAGIC: &[u8; 8] = b"VRTDBAK1";
const FORMAT: &str = "vertrouwd-backup";
const MAX_HEADER: u32 = 1 << 20;

/// What a backup file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created_at: DateTime<Utc>,
    pub files: Vec<BackupFile>,
}

/// One file inside a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    pub name: String,
    pub len: u64,
    pub sha256: String,
}

/// A writer that hashes what passes through.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn hash_file(path: &Path) -> Result<(u64, String)> {
    let mut f = BufReader::new(File::open(path)?);
    let mut h = Sha256::new();
    let len = io::copy(&mut f, &mut h)?;
    Ok((len, hex::encode(h.finalize())))
}

/// A folder next to `near` for temporary copies, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(near: &Path) -> Result<Self> {
        let parent = near
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut tag = [0u8; 8];
        crate::random::fill(&mut tag)?;
        let dir = parent.join(format!(".vertrouwd-{}", hex::encode(tag)));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir)?;
        Ok(Self(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

impl Unlocked {
    /// Writes a backup of the whole vault to `out`, which must lie outside
    /// the vault folder. Held compartments are copied through
    /// `sqlcipher_export` (a consistent snapshot); others are copied as the
    /// encrypted files they are. The file is 0600.
    pub async fn backup(&self, out: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        let target = crate::files::export_target(self.dir(), out)?;
        let out = &target.path();
        let scratch = Scratch::new(out)?;
        let mut sources: Vec<(String, PathBuf)> =
            vec![(KEYRING_FILE.into(), self.dir().join(KEYRING_FILE))];
        for spec in self.layout() {
            let name = spec.file_name();
            if let Ok(pool) = self.pool(spec.name) {
                let copy = scratch.0.join(&name);
                crate::db::export_copy(pool, self.key(spec.name)?, &copy).await?;
                sources.push((name, copy));
            } else {
                sources.push((name.clone(), self.dir().join(&name)));
                let wal = format!("{name}-wal");
                if self.dir().join(&wal).is_file() {
                    sources.push((wal.clone(), self.dir().join(&wal)));
                }
            }
        }
        let mut files = vec![];
        for (name, path) in &sources {
            let (len, sha256) = hash_file(path)?;
            files.push(BackupFile {
                name: name.clone(),
                len,
                sha256,
            });
        }
        let info = BackupInfo {
            format: FORMAT.into(),
            version: 1,
            vault_id: self.vault_id().into(),
            created_at: now,
            files,
        };
        write_backup_file(out, &info, &sources, &scratch.0)?;
        Ok(info)
    }
}

fn write_backup_file(
    out: &Path,
    info: &BackupInfo,
    sources: &[(String, PathBuf)],
    scratch: &Path,
) -> Result<()> {
    let partial = scratch.join("backup.partial");
    let header = serde_json::to_vec(info).map_err(|_| VaultError::BackupCorrupt)?;
    let write = || -> io::Result<()> {
        let file = crate::files::create_new_private(&partial)?;
        let mut w = Hashing {
            inner: BufWriter::new(file),
            hash: Sha256::new(),
        };
        w.write_all(MAGIC)?;
        w.write_all(&(header.len() as u32).to_be_bytes())?;
        w.write_all(&header)?;
        for (_, path) in sources {
            io::copy(&mut BufReader::new(File::open(path)?), &mut w)?;
        }
        let digest = w.hash.finalize_reset();
        w.inner.write_all(&digest)?;
        let file = w.inner.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    };
    write_to(out, &partial, write)
}

/// Writes through `partial`, then moves it to `out` (a rename when both are
/// on one file system, else a copy to a sibling temp name and a rename).
fn write_to(out: &Path, partial: &Path, write: impl FnOnce() -> io::Result<()>) -> Result<()> {
    write()?;
    if fs::rename(partial, out).is_err() {
        let sibling = out.with_extension("partial");
        let result = fs::copy(partial, &sibling).and_then(|_| fs::rename(&sibling, out));
        if result.is_err() {
            let _ = fs::remove_file(&sibling);
        }
        result?;
    }
    Ok(())
}

/// Reads and checks a backup file of a vault with `layout`: magic, header,
/// the names and sizes of the files, every file hash and the final
/// checksum, and that the keyring inside belongs to the header's vault.
pub fn verify_backup(path: &Path, layout: &[CompartmentSpec]) -> Result<BackupInfo> {
    read_backup(path, layout, None)
}

/// The names a backup of `layout` may hold: the keyring, and each
/// compartment's database and WAL.
fn accepted_names(layout: &[CompartmentSpec]) -> Vec<String> {
    let mut names = vec![KEYRING_FILE.to_string()];
    for spec in layout {
        names.push(spec.file_name());
        names.push(format!("{}-wal", spec.file_name()));
    }
    names
}

fn read_backup(
    path: &Path,
    layout: &[CompartmentSpec],
    mut extract_to: Option<&Path>,
) -> Result<BackupInfo> {
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => VaultError::BackupCorrupt,
        _ => e.into(),
    })?;
    let total = file.metadata()?.len();
    let mut r = BufReader::new(file);
    let mut whole = Sha256::new();
    let mut magic = [0u8; 8];
    read_exact(&mut r, &mut magic)?;
    if &magic != MAGIC {
        return Err(VaultError::BackupCorrupt);
    }
    let mut len = [0u8; 4];
    read_exact(&mut r, &mut len)?;
    let header_len = u32::from_be_bytes(len);
    if header_len > MAX_HEADER || u64::from(header_len) > total {
        return Err(VaultError::BackupCorrupt);
    }
    let mut header = vec![0u8; header_len as usize];
    read_exact(&mut r, &mut header)?;
    whole.update(magic);
    whole.update(len);
    whole.update(&header);
    let info: BackupInfo =
        serde_json::from_slice(&header).map_err(|_| VaultError::BackupCorrupt)?;
    if info.format != FORMAT || info.version != 1 {
        return Err(VaultError::BackupCorrupt);
    }
    let accepted = accepted_names(layout);
    let mut seen = std::collections::BTreeSet::new();
    let mut body: u64 = 0;
    for f in &info.files {
        if !accepted.contains(&f.name) || !seen.insert(f.name.as_str()) {
            return Err(VaultError::BackupCorrupt);
        }
        if f.name == KEYRING_FILE && f.len > MAX_KEYRING_BYTES {
            return Err(VaultError::BackupCorrupt);
        }
        body = body.checked_add(f.len).ok_or(VaultError::BackupCorrupt)?;
    }
    let expected = body
        .checked_add(12 + u64::from(header_len) + 32)
        .ok_or(VaultError::BackupCorrupt)?;
    if expected != total || !seen.contains(KEYRING_FILE) {
        return Err(VaultError::BackupCorrupt);
    }
    let mut keyring_bytes = None;
    for f in &info.files {
        let mut part = (&mut r).take(f.len);
        let mut h = Sha256::new();
        let mut sink: Box<dyn Write> = match extract_to.as_mut() {
            Some(dir) => Box::new(BufWriter::new(crate::files::create_new_private(
                &dir.join(&f.name),
            )?)),
            None => Box::new(io::sink()),
        };
        let mut buf = vec![0u8; 64 * 1024];
        let mut keep = if f.name == KEYRING_FILE {
            Some(vec![])
        } else {
            None
        };
        loop {
            let n = part.read(&mut buf)?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            whole.update(&buf[..n]);
            sink.write_all(&buf[..n])?;
            if let Some(k) = keep.as_mut() {
                k.extend_from_slice(&buf[..n]);
            }
        }
        sink.flush()?;
        if hex::encode(h.finalize()) != f.sha256 {
            return Err(VaultError::BackupCorrupt);
        }
        if keep.is_some() {
            keyring_bytes = keep;
        }
    }
    let mut trailer = [0u8; 32];
    read_exact(&mut r, &mut trailer)?;
    if whole.finalize().as_slice() != trailer {
        return Err(VaultError::BackupCorrupt);
    }
    let keyring = Keyring::from_bytes(&keyring_bytes.ok_or(VaultError::BackupCorrupt)?)
        .map_err(|_| VaultError::BackupCorrupt)?;
    if keyring.vault_id != info.vault_id {
        return Err(VaultError::BackupCorrupt);
    }
    Ok(info)
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<()> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => VaultError::BackupCorrupt,
        _ => e.into(),
    })
}

/// Restores a backup into `dest`, which must not exist or be empty. The file
/// is checked completely first; the files are written into a temporary
/// sibling folder and moved into place only when all are written. The caller
/// should then unlock the restored vault and run [`Unlocked::verify`].
pub fn restore(from: &Path, dest: &Path, layout: &[CompartmentSpec]) -> Result<BackupInfo> {
    verify_backup(from, layout)?;
    if dest.exists() && (!dest.is_dir() || fs::read_dir(dest)?.next().is_some()) {
        return Err(VaultError::AlreadyExists);
    }
    let scratch = Scratch::new(dest)?;
    let staged = scratch.0.join("vault");
    crate::files::create_private_dir(&staged)?;
    let info = read_backup(from, layout, Some(&staged))?;
    for f in &info.files {
        File::open(staged.join(&f.name))?.sync_all()?;
    }
    if dest.exists() {
        fs::remove_dir(dest)?;
    }
    fs::rename(&staged, dest)?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_write_leaves_no_file_under_the_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("backup.vbak");
        let partial = dir.path().join("p");
        let err = write_to(&out, &partial, || {
            fs::write(&partial, b"half")?;
            Err(io::Error::from_raw_os_error(28))
        })
        .expect_err("ENOSPC must fail");
        assert!(matches!(
            VaultError::from(io::Error::from_raw_os_error(28)),
            VaultError::DiskFull
        ));
        let _ = err;
        assert!(
            !out.exists(),
            "no backup file may appear after a failed write"
        );
    }

    #[test]
    fn not_a_backup_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x");
        fs::write(&p, b"VRTDBAK1\0\0\0\x02{}").expect("write");
        assert!(matches!(
            verify_backup(&p, &[]),
            Err(VaultError::BackupCorrupt)
        ));
        fs::write(&p, b"hello").expect("write");
        assert!(matches!(
            verify_backup(&p, &[]),
            Err(VaultError::BackupCorrupt)
        ));
        assert!(matches!(
            verify_backup(&dir.path().join("missing"), &[]),
            Err(VaultError::BackupCorrupt)
        ));
    }

    /// A file in a crafted backup: its name and content.
    type Entry<'a> = (&'a str, &'a [u8]);

    /// A well-formed backup file of `files` (name and content), hashes and
    /// lengths right, so that only what the reader checks besides refuses it.
    fn crafted(dir: &Path, files: &[Entry], lens: Option<Vec<u64>>) -> PathBuf {
        let info = BackupInfo {
            format: FORMAT.into(),
            version: 1,
            vault_id: "kluis".into(),
            created_at: DateTime::UNIX_EPOCH,
            files: files
                .iter()
                .enumerate()
                .map(|(i, (name, body))| BackupFile {
                    name: (*name).into(),
                    len: lens.as_ref().map_or(body.len() as u64, |l| l[i]),
                    sha256: hex::encode(Sha256::digest(body)),
                })
                .collect(),
        };
        let header = serde_json::to_vec(&info).expect("json");
        let mut bytes = MAGIC.to_vec();
        bytes.extend((header.len() as u32).to_be_bytes());
        bytes.extend(&header);
        for (_, body) in files {
            bytes.extend(*body);
        }
        let digest = Sha256::digest(&bytes);
        bytes.extend(digest);
        let path = dir.join("aanval.vbak");
        fs::write(&path, bytes).expect("write");
        path
    }

    #[test]
    fn a_hostile_backup_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dest = dir.path().join("hersteld");
        let keyring: &[u8] = b"{}";
        let huge_keyring = vec![b' '; MAX_KEYRING_BYTES as usize + 1];
        // What is wrong, the files, and the lengths the header claims.
        type Case<'a> = (&'a str, Vec<Entry<'a>>, Option<Vec<u64>>);
        let cases: Vec<Case> = vec![
            (
                "a name outside the folder",
                vec![(KEYRING_FILE, keyring), ("../ontsnapt.db", b"x")],
                None,
            ),
            (
                "a name the vault never writes",
                vec![(KEYRING_FILE, keyring), ("autostart.sh", b"x")],
                None,
            ),
            (
                "the keyring twice",
                vec![(KEYRING_FILE, keyring), (KEYRING_FILE, keyring)],
                None,
            ),
            ("no keyring", vec![], None),
            (
                "an oversized keyring",
                vec![(KEYRING_FILE, &huge_keyring)],
                None,
            ),
            (
                "lengths that overflow",
                vec![(KEYRING_FILE, keyring), ("keyring.json-wal", b"x")],
                Some(vec![u64::MAX, 2]),
            ),
        ];
        for (what, files, lens) in cases {
            let path = crafted(dir.path(), &files, lens);
            assert!(
                matches!(restore(&path, &dest, &[]), Err(VaultError::BackupCorrupt)),
                "{what} must be refused"
            );
            assert!(!dest.exists(), "{what}: nothing restored");
            assert!(
                !dir.path().join("ontsnapt.db").exists(),
                "{what}: nothing outside"
            );
        }
    }
}
