//! Time, injected: deadlines, retention and the idle lock take a clock so
//! tests can use a fixed one.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Notices that the machine slept: between two ticks the wall clock moved
/// on much further than the monotonic clock (which stands still during
/// suspend on Linux).
#[derive(Debug)]
pub struct SleepDetector {
    last_wall: DateTime<Utc>,
    last_mono: std::time::Duration,
}

impl SleepDetector {
    /// A gap of more than this between the two clocks counts as a sleep.
    pub const THRESHOLD: std::time::Duration = std::time::Duration::from_secs(20);

    pub fn new(wall: DateTime<Utc>, mono: std::time::Duration) -> Self {
        Self {
            last_wall: wall,
            last_mono: mono,
        }
    }

    /// Records a tick; returns whether the machine slept since the last one.
    pub fn tick(&mut self, wall: DateTime<Utc>, mono: std::time::Duration) -> bool {
        let wall_step = wall
            .signed_duration_since(self.last_wall)
            .to_std()
            .unwrap_or_default();
        let mono_step = mono.saturating_sub(self.last_mono);
        self.last_wall = wall;
        self.last_mono = mono;
        wall_step > mono_step + Self::THRESHOLD
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as Std;

    #[test]
    fn a_wall_clock_jump_is_a_sleep() {
        let t0 = Utc::now();
        let mut d = SleepDetector::new(t0, Std::from_secs(100));
        assert!(
            !d.tick(t0 + Duration::seconds(1), Std::from_secs(101)),
            "a normal tick"
        );
        assert!(
            d.tick(t0 + Duration::seconds(600), Std::from_secs(102)),
            "ten minutes of wall time in one second"
        );
        assert!(!d.tick(t0 + Duration::seconds(601), Std::from_secs(103)));
    }
}
