//! Every file the vault writes or reads on a user's behalf, through one door.
//!
//! - Folders the vault creates are 0700 and its files 0600, restores and
//!   backups included: another local user cannot even copy the keyring to
//!   guess passphrases offline.
//! - Files are replaced atomically through a temporary sibling with a
//!   random name, created with `create_new` (which never follows a
//!   symlink), fsynced, renamed into place, and the folder fsynced.
//! - A file the user wants outside the encryption (an export) never lands
//!   inside the vault folder: folders are compared by device and inode,
//!   not by spelling, so `x/../kluis`, a symlink, a relative path or
//!   another letter case does not get past the check.
//! - A file the user hands in (an attachment, a CSV) is opened once, must be
//!   a regular file, and is read up to a limit — a FIFO or `/dev/zero`
//!   cannot make the app read forever.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Result, VaultError};

/// Creates `dir` (and missing parents) and makes it 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    restrict_dir(dir)
}

/// Makes an existing folder 0700.
pub fn restrict_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates a new file (it must not exist; a symlink in its place is not
/// followed) readable and writable by its owner only.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// A sibling name for a temporary file next to `name` in `dir`.
fn temp_name(dir: &Path, name: &str) -> Result<PathBuf> {
    let mut tag = [0u8; 8];
    crate::random::fill(&mut tag)?;
    Ok(dir.join(format!(".{name}.{}.tmp", hex::encode(tag))))
}

/// Writes `name` in `dir` atomically with mode 0600. On failure the
/// temporary file is removed and the old file (if any) is untouched.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let tmp = temp_name(dir, name)?;
    let result = (|| -> io::Result<()> {
        let mut f = create_new_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, dir.join(name))?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(Into::into)
}

/// Where an export may be written: the folder it goes into, which must
/// exist and must not be the vault folder or inside it, and the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTarget {
    pub dir: PathBuf,
    pub name: String,
}

impl ExportTarget {
    /// The full path, as the user will look for it.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.name)
    }
}

/// Checks that `path` (as typed or picked by the user) names a file
/// outside the vault folder `vault`.
pub fn export_target(vault: &Path, path: &Path) -> Result<ExportTarget> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .ok_or(VaultError::Invalid("the file needs a name"))?
        .to_string();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = fs::canonicalize(parent)?;
    if !dir.is_dir() {
        return Err(VaultError::Missing);
    }
    if is_within(&dir, vault)? {
        return Err(VaultError::InsideVault);
    }
    // The name itself may be a link to a folder inside the vault; the
    // write replaces the link, but refuse the confusion outright.
    if let Ok(meta) = fs::symlink_metadata(dir.join(&name)) {
        if meta.file_type().is_symlink() || meta.is_dir() {
            if let Ok(target) = fs::canonicalize(dir.join(&name)) {
                if is_within(&target, vault)? {
                    return Err(VaultError::InsideVault);
                }
            }
            if meta.is_dir() {
                return Err(VaultError::Invalid("a folder has that name"));
            }
        }
    }
    Ok(ExportTarget { dir, name })
}

/// Whether `dir` (canonical) is `vault` or lies inside it, comparing
/// folders by identity (device and inode) rather than by name.
fn is_within(dir: &Path, vault: &Path) -> Result<bool> {
    let Ok(vault_id) = identity(vault) else {
        return Ok(false);
    };
    let mut here = Some(dir);
    while let Some(d) = here {
        if identity(d)? == vault_id {
            return Ok(true);
        }
        here = d.parent();
    }
    Ok(false)
}

#[cfg(unix)]
fn identity(path: &Path) -> Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path)?;
    Ok((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Result<(u64, u64)> {
    // No inode numbers: compare canonical, case-folded paths.
    use std::hash::{Hash, Hasher};
    let canonical = fs::canonicalize(path)?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.to_string_lossy().to_lowercase().hash(&mut h);
    Ok((0, h.finish()))
}

/// Writes an export atomically (random temporary sibling, 0600, rename).
pub fn write_export(target: &ExportTarget, bytes: &[u8]) -> Result<()> {
    write_atomically(&target.dir, &target.name, bytes)
}

/// Why a file handed in could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadRefusal {
    /// No such file.
    Missing,
    /// A folder, a FIFO, a device: not a regular file.
    NotAFile,
    /// Larger than the limit.
    TooLarge,
}

/// Reads a file the user handed in: opened once (following a link to a
/// regular file is fine), checked on the open handle to be a regular file
/// of at most `limit` bytes, and read to at most `limit + 1` bytes, so a
/// file that grows while read is caught too.
pub fn read_handed_in(
    path: &Path,
    limit: u64,
) -> Result<std::result::Result<Vec<u8>, ReadRefusal>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Do not block on a FIFO that has no writer.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Err(ReadRefusal::Missing)),
        Err(e) => return Err(e.into()),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Err(ReadRefusal::NotAFile));
    }
    if meta.len() > limit {
        return Ok(Err(ReadRefusal::TooLarge));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(ReadRefusal::TooLarge));
    }
    Ok(Ok(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_is_private_and_a_failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomically(dir.path(), "k.json", b"old").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("k.json"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "written files are 0600");
        }
        // A read-only folder makes the write fail (root ignores modes, so
        // use a file where the folder should be instead).
        let not_a_dir = dir.path().join("file");
        fs::write(&not_a_dir, b"x").expect("write");
        assert!(write_atomically(&not_a_dir, "k.json", b"new").is_err());
        assert_eq!(fs::read(dir.path().join("k.json")).expect("read"), b"old");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn exports_inside_the_vault_are_refused_however_they_are_spelled() {
        let base = tempfile::tempdir().expect("tempdir");
        let vault = base.path().join("kluis");
        create_private_dir(&vault).expect("vault");
        let other = base.path().join("x");
        fs::create_dir(&other).expect("x");
        for sneaky in [
            vault.join("keyring.json"),
            other.join("..").join("kluis").join("keyring.json"),
            base.path().join("kluis/./sub/../keyring.json"),
        ] {
            let _ = fs::create_dir(vault.join("sub"));
            assert!(
                matches!(export_target(&vault, &sneaky), Err(VaultError::InsideVault)),
                "{} must be refused",
                sneaky.display()
            );
        }
        #[cfg(unix)]
        {
            let link = base.path().join("link");
            std::os::unix::fs::symlink(&vault, &link).expect("symlink");
            assert!(matches!(
                export_target(&vault, &link.join("keyring.json")),
                Err(VaultError::InsideVault)
            ));
            let file_link = other.join("dossier.pdf");
            std::os::unix::fs::symlink(vault.join("sub"), &file_link).expect("symlink");
            assert!(matches!(
                export_target(&vault, &file_link),
                Err(VaultError::InsideVault)
            ));
        }
        let ok = export_target(&vault, &base.path().join("rapport.pdf")).expect("outside is fine");
        write_export(&ok, b"%PDF").expect("write");
        assert_eq!(fs::read(ok.path()).expect("read"), b"%PDF");
    }

    #[cfg(unix)]
    #[test]
    fn handed_in_files_must_be_regular_and_small_enough() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        fs::write(&file, b"hallo").expect("write");
        assert_eq!(
            read_handed_in(&file, 10).expect("read"),
            Ok(b"hallo".to_vec())
        );
        assert_eq!(
            read_handed_in(&file, 4).expect("read"),
            Err(ReadRefusal::TooLarge)
        );
        assert_eq!(
            read_handed_in(Path::new("/dev/zero"), 10).expect("read"),
            Err(ReadRefusal::NotAFile)
        );
        let link = dir.path().join("zero.pdf");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert_eq!(
            read_handed_in(&link, 10).expect("read"),
            Err(ReadRefusal::NotAFile)
        );
        let fifo = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert_eq!(
            read_handed_in(&fifo, 10).expect("a FIFO without writer does not block"),
            Err(ReadRefusal::NotAFile)
        );
        assert_eq!(
            read_handed_in(dir.path(), 10).expect("read"),
            Err(ReadRefusal::NotAFile)
        );
        assert_eq!(
            read_handed_in(&dir.path().join("nope"), 10).expect("read"),
            Err(ReadRefusal::Missing)
        );
    }
}
