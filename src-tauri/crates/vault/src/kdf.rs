//! Passphrase → key-encryption key, with Argon2id.
//!
//! Parameters live in each slot. They are tuned when a vault is created to
//! take about half a second here, and are never below [`KdfParams::FLOOR`]:
//! a slot that claims weaker parameters is refused at unlock, so nobody can
//! make an existing slot cheaper to attack by editing the keyring.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Result, VaultError};
use crate::secret::{SecretKey, KEY_LEN};

/// Salt length in bytes.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters as stored in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The minimum ever accepted: 64 MiB, three passes, one lane.
    pub const FLOOR: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// Whether these parameters are at least as costly as the floor.
    pub fn meets_floor(&self) -> bool {
        self.m_kib >= Self::FLOOR.m_kib && self.t >= Self::FLOOR.t && self.p >= Self::FLOOR.p
    }

    /// Picks `t` so one derivation takes about `target` on this machine,
    /// never below the floor. Memory stays at 64 MiB.
    pub fn tune(target: Duration) -> Result<KdfParams> {
        let probe = Self::FLOOR;
        let salt = [0u8; SALT_LEN];
        let started = Instant::now();
        derive_raw(b"vertrouwd tuning probe", &salt, probe)?;
        let per_pass = started.elapsed() / probe.t;
        let wanted = if per_pass.is_zero() {
            probe.t
        } else {
            (target.as_secs_f64() / per_pass.as_secs_f64()).round() as u32
        };
        Ok(KdfParams {
            t: wanted.clamp(Self::FLOOR.t, 64),
            ..probe
        })
    }
}

/// Derives a 256-bit key from `secret` and `salt`. Refuses parameters below
/// the floor.
pub fn derive_key(secret: &[u8], salt: &[u8], params: KdfParams) -> Result<SecretKey> {
    if !params.meets_floor() {
        return Err(VaultError::WeakKdf);
    }
    derive_raw(secret, salt, params)
}

fn derive_raw(secret: &[u8], salt: &[u8], params: KdfParams) -> Result<SecretKey> {
    // Refuse absurd values a damaged keyring might carry before allocating.
    if params.m_kib > 4 * 1024 * 1024 || params.t > 1024 || params.p > 16 || salt.len() < 8 {
        return Err(VaultError::KeyringCorrupt);
    }
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
            .map_err(|_| VaultError::KeyringCorrupt)?,
    );
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|_| VaultError::Crypto)?;
    Ok(SecretKey::from_bytes(*out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weaker_than_floor_is_refused() {
        for weak in [
            KdfParams {
                m_kib: 32 * 1024,
                ..KdfParams::FLOOR
            },
            KdfParams {
                t: 2,
                ..KdfParams::FLOOR
            },
            KdfParams {
                p: 0,
                ..KdfParams::FLOOR
            },
        ] {
            assert!(
                matches!(
                    derive_key(b"x", &[1; SALT_LEN], weak),
                    Err(VaultError::WeakKdf)
                ),
                "{weak:?} must be refused"
            );
        }
    }

    #[test]
    fn same_input_same_key_other_salt_other_key() {
        let a = derive_key(b"pass", &[1; SALT_LEN], KdfParams::FLOOR).expect("derive");
        let b = derive_key(b"pass", &[1; SALT_LEN], KdfParams::FLOOR).expect("derive");
        let c = derive_key(b"pass", &[2; SALT_LEN], KdfParams::FLOOR).expect("derive");
        assert_eq!(a.expose_secret_bytes(), b.expose_secret_bytes());
        assert_ne!(a.expose_secret_bytes(), c.expose_secret_bytes());
    }

    #[test]
    fn tuning_never_goes_below_floor() {
        let p = KdfParams::tune(Duration::from_millis(1)).expect("tune");
        assert!(p.meets_floor(), "{p:?}");
        assert_eq!(p.t, KdfParams::FLOOR.t);
    }
}
