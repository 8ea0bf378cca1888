//! Running the `vertrouwd` command from tests.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

pub use vertrouwd_testsupport::{PASS, PASS_B};

/// The `vertrouwd` binary next to the test binary (cargo builds it for the
/// workspace's tests).
pub fn bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("vertrouwd");
    assert!(
        bin.is_file(),
        "build the CLI first: cargo build -p vertrouwd-cli ({})",
        bin.display()
    );
    bin
}

/// A temporary folder with a place for the vault (`kluis`, not yet made)
/// and a private temp dir for the command (`tmp`, made).
pub fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let vault = tmp.path().join("kluis");
    let scratch = tmp.path().join("tmp");
    std::fs::create_dir(&scratch).expect("mkdir");
    (tmp, vault, scratch)
}

/// A command for `vault`, acting as `user`, with a private temp dir.
pub fn cmd(vault: &Path, user: &str, tmp: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TMPDIR", tmp)
        .env("HOME", tmp)
        .env("VERTROUWD_VAULT", vault)
        .env("VERTROUWD_USER", user)
        .env("VERTROUWD_PASSPHRASE", PASS)
        .env("VERTROUWD_NEW_PASSPHRASE", PASS);
    c
}

pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "command failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs `vertrouwd args` as `user` with `input` on its standard input
/// (none: closed at once); its standard output, which must be a success.
pub fn run_with(
    vault: &Path,
    user: &str,
    tmp: &Path,
    args: &[&str],
    input: Option<&str>,
) -> String {
    let mut child = cmd(vault, user, tmp)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    if let Some(input) = input {
        stdin.write_all(input.as_bytes()).expect("send");
    }
    drop(stdin);
    ok(child.wait_with_output().expect("wait"))
}

/// `vertrouwd init` with the floor KDF parameters.
pub fn init(vault: &Path, tmp: &Path, org: &str, name: &str, roles: &str) -> serde_json::Value {
    let combined = roles.contains("advisor") && (roles.contains("hr") || roles.contains("manager"));
    let out = cmd(vault, "ayse", tmp)
        .args([
            "--json",
            "init",
            "--org",
            org,
            "--user",
            name,
            "--login",
            "ayse",
            "--roles",
            roles,
            "--kdf-floor",
        ])
        .args(combined.then_some("--confirm-combined-roles"))
        .output()
        .expect("run init");
    serde_json::from_str(&ok(out)).expect("json")
}

/// A `vertrouwd batch` process: one JSON request a line in, one answer a
/// line out, the vault open in between.
pub struct Batch {
    pub child: Child,
    pub input: ChildStdin,
    answers: BufReader<ChildStdout>,
}

impl Batch {
    pub fn start(vault: &Path, user: &str, tmp: &Path) -> Batch {
        let mut child = cmd(vault, user, tmp)
            .arg("batch")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn batch");
        let input = child.stdin.take().expect("stdin");
        let answers = BufReader::new(child.stdout.take().expect("stdout"));
        Batch {
            child,
            input,
            answers,
        }
    }

    /// Sends one request; false when the process is gone.
    pub fn send(&mut self, request: &str) -> bool {
        writeln!(self.input, "{request}").is_ok()
    }

    /// The next answer; `None` when the process ended.
    pub fn answer(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.answers.read_line(&mut line) {
            Ok(n) if n > 0 => Some(line),
            _ => None,
        }
    }

    /// Closes the input, so the process locks the vault and ends; whether
    /// it ended well.
    pub fn finish(self) -> bool {
        let Batch {
            mut child, input, ..
        } = self;
        drop(input);
        child.wait().is_ok_and(|s| s.success())
    }

    /// Sends one request and returns its answer, which must be a success.
    pub fn ok(&mut self, request: &str) -> String {
        assert!(self.send(request), "batch ended");
        let line = self.answer().expect("an answer");
        assert!(line.contains(r#""ok":true"#), "{request}: {line}");
        line
    }
}
