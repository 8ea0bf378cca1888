//! The organisation's settings (name, idle lock), in org.db.

use super::*;
use crate::error::{ApiError, ApiResult, Reason};
use crate::roles::Role;
use crate::settings::{self, Settings};
use crate::validate;

impl Session {
    /// The settings, with the idle lock that applies to this session.
    pub async fn settings(&self) -> ApiResult<Settings> {
        self.with_open(async |o| {
            let mut s = settings::load(o.org()?).await?;
            s.idle_lock_seconds = o.idle_lock_seconds;
            Ok(s)
        })
        .await
    }

    /// Changes settings; each change is audited (which setting, not its value).
    pub async fn update_settings(&self, req: SettingsUpdate) -> ApiResult<Settings> {
        let organisation = req
            .organisation
            .as_deref()
            .map(|v| validate::line(v, "organisation", MAX_ORGANISATION))
            .transpose()?;
        if let Some(s) = req.idle_lock_seconds {
            if !(settings::MIN_IDLE_LOCK_SECONDS..=settings::MAX_IDLE_LOCK_SECONDS).contains(&s) {
                return Err(ApiError::validation(
                    "idle_lock_seconds",
                    Reason::OutOfRange,
                ));
            }
        }
        let now = self.clock.now();
        self.with_open(async |o| {
            let hr_or_advisor = o.has_role(Role::Hr) || o.has_role(Role::Advisor);
            if organisation.is_some() && !hr_or_advisor {
                // Managers use the organisation's data; they do not rename it.
                return Err(ApiError::forbidden(
                    "only HR or the advisor can rename the organisation",
                ));
            }
            if req.idle_lock_seconds.is_some() && !hr_or_advisor {
                return Err(ApiError::forbidden(
                    "only HR or the advisor can change when the vault locks",
                ));
            }
            let mut tx = o.org()?.begin().await?;
            if let Some(name) = &organisation {
                settings::change(&mut tx, now, &o.user.id, settings::ORGANISATION, name).await?;
            }
            if let Some(s) = req.idle_lock_seconds {
                settings::change(
                    &mut tx,
                    now,
                    &o.user.id,
                    settings::IDLE_LOCK_SECONDS,
                    &s.to_string(),
                )
                .await?;
            }
            tx.commit().await?;
            if let Some(secs) = req.idle_lock_seconds {
                crate::advisor::set_idle_lock(&o.context(now), secs).await?;
            }
            let mut s = settings::load(o.org()?).await?;
            s.idle_lock_seconds = effective_idle_lock(&o.context(now), s.idle_lock_seconds).await?;
            o.organisation = s.organisation.clone();
            o.idle_lock_seconds = s.idle_lock_seconds;
            Ok(s)
        })
        .await
    }
}
