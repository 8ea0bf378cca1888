//! `vertrouwd batch`: any command of core's list, one JSON request per
//! line on standard input, each answered with a JSON line.

use std::io::{self, BufRead, Write};

use vertrouwd_core::api::*;

/// The batch's older spellings of commands, kept so scripts keep working.
const BATCH_ALIASES: &[(&str, &str)] = &[
    ("settings.get", "settings"),
    ("settings.update", "update_settings"),
    ("users.list", "list_users"),
    ("audit", "audit_trail"),
    ("session", "session_info"),
    ("case.natures", "natures"),
    ("case.add", "add_case"),
    ("case.list", "list_cases"),
    ("case.update", "update_case"),
    ("case.time.add", "add_case_time"),
    ("case.departments", "departments"),
    ("case.show", "case_detail"),
    ("case.close", "close_case"),
    ("case.conversation.add", "add_conversation"),
    ("case.intervention.add", "add_intervention"),
    ("case.consent.add", "add_consent"),
    ("case.attachment.add", "add_attachment"),
    ("case.follow_up.done", "follow_up_done"),
    ("case.follow_up.add", "add_follow_up"),
    ("case.import", "import_cases"),
    ("case.destruction_list", "destruction_list"),
    ("case.destroy", "destroy_case"),
    ("case.purge_expired", "purge_expired"),
    ("stats.preview", "statistics_preview"),
    ("stats.release", "release_statistics"),
];

/// One request per line: `{"op": "update_settings", "args": {...}}`, where
/// `op` is any command of core's list (or an older spelling of one) and
/// `args` its argument. Each answer is written and flushed only after the
/// request committed.
pub async fn batch(s: &Session) -> ApiResult<()> {
    #[derive(serde::Deserialize)]
    struct Request {
        op: String,
        #[serde(default)]
        args: serde_json::Value,
    }
    let stdout = io::stdout();
    for line in io::stdin().lock().lines() {
        let line =
            line.map_err(|_| ApiError::new(ErrorCode::Internal, "reading standard input"))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = async {
            let req: Request = serde_json::from_str(&line)
                .map_err(|_| ApiError::validation("request", Reason::Invalid))?;
            let op = BATCH_ALIASES
                .iter()
                .find(|(old, _)| *old == req.op)
                .map_or(req.op.as_str(), |(_, name)| name);
            s.call(op, req.args).await
        }
        .await;
        let answer = match result {
            Ok(v) => serde_json::json!({"ok": true, "result": v}),
            Err(e) => serde_json::json!({"ok": false, "error": e}),
        };
        let mut lock = stdout.lock();
        let _ = writeln!(lock, "{answer}");
        let _ = lock.flush();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_older_batch_spelling_names_a_command() {
        for (old, name) in BATCH_ALIASES {
            assert!(
                vertrouwd_core::api::COMMANDS
                    .iter()
                    .any(|c| c.name == *name),
                "{old} → {name}, which is not a command"
            );
        }
    }
}
