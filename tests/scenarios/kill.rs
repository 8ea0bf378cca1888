//! Durability: killing the CLI with SIGKILL at random points during 200
//! writes leaves a vault that opens, passes verify, and holds every write
//! that was reported done.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cli;

/// A small deterministic generator; the seed is printed so a failure can be
/// replayed with VERTROUWD_KILL_SEED.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_during_writes_loses_nothing_reported_done() {
    let (_tmp, vault, scratch) = cli::workspace();
    cli::init(&vault, &scratch, "Org 0", "Ayşe", "hr");
    let seed = std::env::var("VERTROUWD_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(7)
        });
    println!("kill test seed: {seed}");
    let mut rng = Lcg(seed);

    let mut acked: u64 = 0; // how many writes were reported done
    let mut done: u64 = 0; // the number of the last write reported done
    let mut sent: u64 = 0; // writes ever sent (done or not)
    let mut kills = 0;
    while acked < 200 {
        let mut batch = cli::Batch::start(&vault, "ayse", &scratch);
        // Kill after this many answers, right after sending the next request,
        // optionally after a short random delay (inside the write).
        let kill_after = rng.next(25);
        let mut answered = 0;
        loop {
            sent += 1;
            let n = sent;
            let req = format!(
                r#"{{"op":"settings.update","args":{{"organisation":"Org {n}","idle_lock_seconds":null}}}}"#
            );
            if !batch.send(&req) {
                break;
            }
            if answered == kill_after || acked >= 200 {
                std::thread::sleep(Duration::from_micros(rng.next(3000)));
                break;
            }
            let Some(line) = batch.answer() else {
                break;
            };
            assert!(line.contains(r#""ok":true"#), "write {n} failed: {line}");
            done = n;
            acked += 1;
            answered += 1;
        }
        batch.child.kill().expect("SIGKILL");
        let _ = batch.child.wait();
        kills += 1;
    }
    assert!(
        kills >= 8,
        "the test should have killed the writer many times, did {kills}"
    );

    let verify = cli::cmd(&vault, "ayse", &scratch)
        .args(["verify"])
        .output()
        .expect("verify");
    assert!(
        verify.status.success(),
        "verify after kills: {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let settings: serde_json::Value = serde_json::from_str(&cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["--json", "settings", "show"])
            .output()
            .expect("show"),
    ))
    .expect("json");
    let org = settings["organisation"].as_str().expect("organisation");
    let n: u64 = org.trim_start_matches("Org ").parse().expect("number");
    assert!(n >= done && n <= sent, "stored value Org {n} must be at least the last reported ({done}) and at most the last sent ({sent})");
    let audit: serde_json::Value = serde_json::from_str(&cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["--json", "audit", "--limit", "1000"])
            .output()
            .expect("audit"),
    ))
    .expect("json");
    let changes = audit
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["action"] == "settings.changed")
        .count() as u64;
    // Each committed write also committed its audit row, so at least every
    // reported write is in the audit trail.
    assert!(
        changes >= acked,
        "only {changes} audited writes for {acked} reported"
    );
}
