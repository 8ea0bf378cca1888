//! `vertrouwd generate`: the man pages and completions the packages carry,
//! made from the command's own definitions.

use crate::cli::{bin, ok};

fn run(args: &[&str]) -> String {
    ok(std::process::Command::new(bin())
        .args(args)
        .output()
        .expect("run"))
}

#[test]
fn man_pages_cover_every_visible_command_and_hidden_spellings_get_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("man1");
    run(&["generate", "man", "--out-dir", out.to_str().expect("utf-8")]);
    let main = std::fs::read_to_string(out.join("vertrouwd.1")).expect("vertrouwd.1");
    assert!(main.contains(".TH vertrouwd 1"), "{}", &main[..200]);
    assert!(
        main.contains("VERTROUWD_VAULT"),
        "the environment is documented"
    );
    assert!(main.contains("Exit codes"), "so are the exit codes");
    for page in [
        "vertrouwd-init.1",
        "vertrouwd-advisor.1",
        "vertrouwd-advisor-case-add.1",
        "vertrouwd-complaints.1",
        "vertrouwd-hr-annual-report.1",
        "vertrouwd-generate-completions.1",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    assert!(
        !out.join("vertrouwd-case.1").exists() && !out.join("vertrouwd-demo.1").exists(),
        "the first spellings and the demo stay out of the manual"
    );
}

#[test]
fn completions_for_each_shell_know_the_commands() {
    let bash = run(&["generate", "completions", "bash"]);
    assert!(bash.contains("complete -F _vertrouwd"), "{}", &bash[..200]);
    assert!(bash.contains("annual-report"));
    let zsh = run(&["generate", "completions", "zsh"]);
    assert!(zsh.starts_with("#compdef vertrouwd"));
    let fish = run(&["generate", "completions", "fish"]);
    assert!(fish.contains("complete -c vertrouwd"));
    for shell in ["powershell", "elvish"] {
        assert!(run(&["generate", "completions", shell]).contains("vertrouwd"));
    }
    let wrong = std::process::Command::new(bin())
        .args(["generate", "completions", "tcsh"])
        .output()
        .expect("run");
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "an unknown shell is wrong use"
    );
}
