//! How the complaints commands print what they answer: one complaint, a
//! line of the list, the dashboard, a procedure change, the committee.

use vertrouwd_core::api::*;
use vertrouwd_core::complaints::labels::label;
use vertrouwd_core::complaints::procedures::StepTerm;
use vertrouwd_core::complaints::*;
use vertrouwd_core::language::Language;

pub(super) fn nl(code: &str) -> String {
    label(Language::Nl, code)
}

pub(super) fn status(s: ComplaintStatus) -> String {
    nl(&serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default())
}

pub(super) fn complaint_line(c: &ComplaintSummary) -> String {
    format!(
        "{}  {}  {}  {}{}{}",
        c.reference,
        c.received_on.format("%d-%m-%Y"),
        nl(&c.procedure),
        status(c.status),
        c.next_due.as_ref().map_or(String::new(), |d| format!(
            "  {} uiterlijk {}",
            nl(&d.step),
            d.due.format("%d-%m-%Y")
        )),
        if c.restricted { "  (beperkt)" } else { "" },
    )
}

pub(super) fn complaint_text(c: &ComplaintDetail) -> String {
    let mut t = format!(
        "{}  ontvangen {}  {}\n{}  {}\n",
        c.reference,
        c.received_on.format("%d-%m-%Y"),
        status(c.status),
        nl(&c.procedure.code),
        if c.access.everyone {
            "alle HR-gebruikers".to_string()
        } else {
            format!(
                "alleen: {}",
                c.access
                    .users
                    .iter()
                    .map(|u| u.display_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    );
    t.push_str("\nstappen / steps:\n");
    for s in &c.schedule {
        let state = match (s.done_on, s.not_possible, s.due, s.paused) {
            (Some(d), ..) => format!("gedaan {}", d.format("%d-%m-%Y")),
            (None, true, ..) => "niet mogelijk".into(),
            (None, false, _, true) => "termijn staat stil".into(),
            (None, false, Some(d), false) => format!(
                "uiterlijk {}{}",
                d.format("%d-%m-%Y"),
                if s.provisional { " (voorlopig)" } else { "" }
            ),
            (None, false, None, false) => "geen termijn".into(),
        };
        t.push_str(&format!("  {:<40} {}\n", nl(&s.key), state));
    }
    if !c.joined.is_empty() {
        t.push_str(&format!(
            "\nsamen behandeld met / joined with: {}\n",
            c.joined.join(", ")
        ));
    }
    for r in &c.recusals {
        t.push_str(&format!(
            "\nverschoond / recused: {} ({}){}\n",
            r.member,
            r.on.format("%d-%m-%Y"),
            r.reason
                .as_deref()
                .map_or(String::new(), |x| format!(": {x}"))
        ));
    }
    if !c.attachments.is_empty() {
        t.push_str("\nbijlagen / attachments:\n");
        for a in &c.attachments {
            t.push_str(&format!("  {}  {}  {} bytes\n", a.id, a.file_name, a.size));
        }
    }
    t.push_str("\ntijdlijn / timeline:\n");
    for e in &c.timeline {
        t.push_str(&format!(
            "  {}  {}  {}{}\n",
            e.at.with_timezone(&chrono::Local).format("%d-%m-%Y %H:%M"),
            e.by_name,
            e.what,
            e.detail
                .as_deref()
                .map_or(String::new(), |d| format!(": {d}"))
        ));
    }
    t.truncate(t.trim_end().len());
    t
}

/// The running complaints a template change moved, or would move.
pub(super) fn procedure_change_text(r: &ProcedureChangeResult) -> String {
    let day = |d: Option<chrono::NaiveDate>| {
        d.map_or("-".to_string(), |d| d.format("%d-%m-%Y").to_string())
    };
    let mut t = match (r.applied, r.running.is_empty()) {
        (_, true) => "geen lopende klacht verandert / no running complaint changes".to_string(),
        (true, false) => "lopende klachten aangepast / running complaints changed:".to_string(),
        (false, false) => "lopende klachten behouden hun termijnen (--apply past ze aan) / \
             running complaints keep their terms (--apply changes them):"
            .to_string(),
    };
    for c in &r.running {
        t.push_str(&format!("\n  {}", c.reference));
        for st in &c.steps {
            t.push_str(&format!(
                "\n    {:<40} {} → {}",
                nl(&st.step),
                day(st.before),
                day(st.after)
            ));
        }
    }
    t
}

pub(super) fn due_lines(title: &str, items: &[DueItem]) -> String {
    let mut t = format!("{title}:");
    if items.is_empty() {
        t.push_str(" -");
    }
    for i in items {
        t.push_str(&format!(
            "\n  {}  {}  uiterlijk {}",
            i.reference,
            nl(&i.step),
            i.due.format("%d-%m-%Y")
        ));
    }
    t
}

pub(super) fn committee_text(c: &Committee) -> String {
    let mut t = format!(
        "{}{}",
        c.name
            .as_deref()
            .unwrap_or("klachtencommissie / complaints committee"),
        if c.external {
            " (extern / external)"
        } else {
            ""
        }
    );
    for m in &c.members {
        t.push_str(&format!(
            "\n  {}  {}{}",
            m.name,
            nl(&vertrouwd_core::code_lists::code(&m.role)),
            if m.external { "  (extern)" } else { "" }
        ));
    }
    t
}

pub(super) fn nl_unit(t: StepTerm) -> &'static str {
    use vertrouwd_core::complaints::procedures::TermUnit as U;
    match t.unit {
        U::Days => "dagen",
        U::Weeks => "weken",
        U::Months => "maanden",
        U::WorkingDays => "werkdagen",
    }
}

/// The year's figures, a line per breakdown.
pub(super) fn figures_text(f: &vertrouwd_core::complaints::figures::ComplaintFigures) -> String {
    let line = |title: &str, counts: &[vertrouwd_core::complaints::figures::Count]| {
        let items: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", nl(&c.code), c.count))
            .collect();
        format!("{title}: {}", items.join(", "))
    };
    let mut text = format!("{}: {} ontvangen / received", f.year, f.received);
    if f.not_readable > 0 {
        text.push_str(&format!(
                    " ({} klachten zijn voor u afgeschermd en niet meegeteld / restricted from you, not counted)",
                    f.not_readable
                ));
    }
    for (title, counts) in [
        ("procedure", &f.procedures),
        ("aard / nature", &f.natures),
        ("kanaal / channel", &f.channels),
        ("kwartaal / quarter", &f.quarters),
        ("einde / ending", &f.endings),
        ("oordeel / finding", &f.findings),
        ("maatregelen / measures", &f.measures),
    ] {
        text.push('\n');
        text.push_str(&line(title, counts));
    }
    text.push_str(&format!(
        "\nstappen op tijd / steps on time: {} van {}\nmediane doorlooptijd / median days: {}",
        f.steps_on_time,
        f.steps_due,
        f.median_days.map_or("-".into(), |d| format!("{d}"))
    ));
    text
}
