//! `vertrouwd complaints settings`: shows the register's settings, and
//! changes those given (a logo is set or taken away on its own).

use std::path::PathBuf;

use clap::Args;
use vertrouwd_core::api::*;
use vertrouwd_core::Session;

use crate::ctx::*;

#[derive(Args, Debug, Clone)]
pub struct SettingsArgs {
    /// What references start with (KL gives KL-2026-001)
    #[arg(long)]
    pub prefix: Option<String>,
    /// The address under the organisation's name on letters
    #[arg(long)]
    pub address: Option<String>,
    /// Who signs the letters
    #[arg(long)]
    pub signatory: Option<String>,
    /// In what capacity
    #[arg(long)]
    pub signatory_role: Option<String>,
    /// Months after a complaint ended before it is due for destruction
    #[arg(long)]
    pub retention_months: Option<u32>,
    /// Days on the destruction list before it expires
    #[arg(long)]
    pub grace_days: Option<u32>,
    /// The annual report's threshold k (at least 3)
    #[arg(long)]
    pub report_k: Option<u32>,
    /// Whether Goede Vrijdag is a day off for the organisation (true/false)
    #[arg(long)]
    pub good_friday_off: Option<bool>,
    /// When 5 May is a day off: every_year, every_five_years or never
    #[arg(long)]
    pub liberation_day: Option<String>,
    /// The organisation's closing days, all of them (28-12-2026,29-12-2026;
    /// "" for none)
    #[arg(long, value_delimiter = ',')]
    pub closing_days: Option<Vec<String>>,
    /// A logo for the letterhead (PNG or JPEG, at most 1 MB)
    #[arg(long, conflicts_with = "no_logo")]
    pub logo: Option<PathBuf>,
    /// Take the letterhead's logo away
    #[arg(long)]
    pub no_logo: bool,
}

pub async fn run(s: &Session, args: &SettingsArgs) -> ApiResult<Output> {
    let SettingsArgs {
        prefix,
        address,
        signatory,
        signatory_role,
        retention_months,
        grace_days,
        report_k,
        good_friday_off,
        liberation_day,
        closing_days,
        logo,
        no_logo,
    } = args;
    let mut settings = s.complaint_settings().await?;
    if logo.is_some() || *no_logo {
        settings = s
            .set_letterhead_logo(LogoRequest {
                path: logo.as_ref().map(|p| p.to_string_lossy().into_owned()),
            })
            .await?;
    }
    let calendar_asked =
        good_friday_off.is_some() || liberation_day.is_some() || closing_days.is_some();
    if let Some(g) = good_friday_off {
        settings.calendar.good_friday_off = *g;
    }
    if let Some(l) = liberation_day {
        settings.calendar.liberation_day = choice(l, "liberation_day")?;
    }
    if let Some(days) = closing_days {
        settings.calendar.closing_days = days
            .iter()
            .filter(|d| !d.trim().is_empty())
            .map(|d| vertrouwd_core::dates::parse_date(d, "closing_days"))
            .collect::<Result<_, _>>()?;
    }
    if let Some(m) = retention_months {
        settings.retention_months = *m;
    }
    if let Some(g) = grace_days {
        settings.grace_days = *g;
    }
    if let Some(k) = report_k {
        settings.report_k = *k;
    }
    if prefix.is_some()
        || address.is_some()
        || signatory.is_some()
        || signatory_role.is_some()
        || retention_months.is_some()
        || grace_days.is_some()
        || report_k.is_some()
        || calendar_asked
    {
        if let Some(p) = prefix {
            settings.prefix = p.clone();
        }
        let l = &mut settings.letterhead;
        for (field, value) in [
            (&mut l.address, address),
            (&mut l.signatory, signatory),
            (&mut l.signatory_role, signatory_role),
        ] {
            if let Some(v) = value {
                *field = Some(v.clone());
            }
        }
        settings = s.update_complaint_settings(settings).await?;
    }
    let l = &settings.letterhead;
    let text = format!(
                "prefix: {}\naddress: {}\nsignatory: {} ({})\nlogo: {}\nretention: {} months, grace {} days\nannual report k: {}\nclosing days: {}",
                settings.prefix,
                l.address.as_deref().unwrap_or("-"),
                l.signatory.as_deref().unwrap_or("-"),
                l.signatory_role.as_deref().unwrap_or("-"),
                if settings.logo { "yes" } else { "-" },
                settings.retention_months,
                settings.grace_days,
                settings.report_k,
                settings
                    .calendar
                    .closing_days
                    .iter()
                    .map(|d| d.format("%d-%m-%Y").to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
    out(&settings, text)
}
