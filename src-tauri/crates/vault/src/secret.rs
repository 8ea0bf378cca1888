//! Secret values: keys, passphrases and recovery keys.
//!
//! None of these types is `Clone`, `Copy` or `Serialize`; their `Debug` prints
//! `<redacted>`; their memory is zeroized on drop; the bytes are reachable only
//! through accessors whose names say that they expose a secret.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::VaultError;

/// Length in bytes of every symmetric key in the vault.
pub const KEY_LEN: usize = 32;

/// A 256-bit symmetric key: a compartment key or a key-encryption key.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    /// A fresh key from the operating system's random source.
    pub fn random() -> Result<Self, VaultError> {
        let mut bytes = [0u8; KEY_LEN];
        crate::random::fill(&mut bytes)?;
        Ok(Self(bytes))
    }

    /// Takes ownership of key bytes (they are zeroized when the key drops).
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    /// The raw key bytes. Only for the cipher and the database key pragma.
    pub fn expose_secret_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The SQLCipher raw-key pragma value `"x'<64 hex>'"` (quotes included).
    pub(crate) fn expose_as_sqlcipher_raw_key(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(hex::encode(self.0));
        let value = Zeroizing::new(format!("\"x'{}'\"", hex.as_str()));
        hex.zeroize();
        value
    }

    /// Same bytes, new owner; used when a key must be held in two places.
    pub fn duplicate_secret(&self) -> Self {
        Self(self.0)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A passphrase typed by a user.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// The passphrase text. Only for the KDF and the strength check.
    pub fn expose_secret_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl From<String> for Passphrase {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// Crockford's base32 alphabet: no I, L, O or U, so a key read aloud or
/// typed from paper has no look-alike characters.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECOVERY_BYTES: usize = 20;
const RECOVERY_CHARS: usize = RECOVERY_BYTES * 8 / 5;

/// A user's recovery key: 160 random bits, shown once as eight groups of
/// four characters (`7KQ2-…`), and the only way back into a slot without the
/// passphrase.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey(String);

impl RecoveryKey {
    pub fn generate() -> Result<Self, VaultError> {
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        crate::random::fill(bytes.as_mut())?;
        let mut out = String::with_capacity(RECOVERY_CHARS);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for byte in bytes.iter() {
            acc = (acc << 8) | u32::from(*byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(CROCKFORD[((acc >> bits) & 31) as usize]));
            }
            acc &= (1 << bits) - 1;
        }
        acc.zeroize();
        Ok(Self(out))
    }

    /// Reads a recovery key as a person types it: case, spaces and dashes do
    /// not matter, and O/I/L are read as 0/1/1.
    pub fn parse(input: &str) -> Result<Self, VaultError> {
        let mut out = String::with_capacity(RECOVERY_CHARS);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                out.zeroize();
                return Err(VaultError::RecoveryKeyFormat);
            }
            out.push(c);
        }
        if out.len() != RECOVERY_CHARS {
            out.zeroize();
            return Err(VaultError::RecoveryKeyFormat);
        }
        Ok(Self(out))
    }

    /// Grouped for reading and printing: `XXXX-XXXX-…`.
    pub fn expose_grouped(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(RECOVERY_CHARS + 7));
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// The canonical form the KDF is given.
    pub(crate) fn expose_canonical(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let key = SecretKey::from_bytes([0xAB; KEY_LEN]);
        let pass = Passphrase::new("geheim-wachtwoord".into());
        let rec = RecoveryKey::generate().expect("random");
        let shown = format!("{key:?} {pass:?} {rec:?}");
        assert!(!shown.contains("ab"), "key bytes leaked: {shown}");
        assert!(!shown.contains("geheim"), "passphrase leaked: {shown}");
        assert!(
            !shown.contains(rec.expose_canonical()),
            "recovery key leaked"
        );
        assert_eq!(shown.matches("<redacted>").count(), 3);
    }

    #[test]
    fn recovery_key_round_trips_through_its_grouped_form() {
        let rec = RecoveryKey::generate().expect("random");
        let grouped = rec.expose_grouped();
        assert_eq!(
            grouped.len(),
            39,
            "eight groups of four with dashes: {}",
            grouped.as_str()
        );
        let typed = grouped.to_lowercase().replace('-', " ");
        let back = RecoveryKey::parse(&typed).expect("parses");
        assert_eq!(back.expose_canonical(), rec.expose_canonical());
    }

    #[test]
    fn recovery_key_reads_look_alikes_and_rejects_garbage() {
        let zeros = "OOOO-OOOO-OOOO-OOOO-OOOO-OOOO-OOOO-OOOO";
        assert_eq!(
            RecoveryKey::parse(zeros)
                .expect("O reads as 0")
                .expose_canonical(),
            "0".repeat(32)
        );
        assert!(matches!(
            RecoveryKey::parse("ABCD"),
            Err(VaultError::RecoveryKeyFormat)
        ));
        assert!(matches!(
            RecoveryKey::parse(&"U".repeat(32)),
            Err(VaultError::RecoveryKeyFormat)
        ));
        assert!(matches!(
            RecoveryKey::parse(&"é".repeat(32)),
            Err(VaultError::RecoveryKeyFormat)
        ));
    }

    #[test]
    fn sqlcipher_raw_key_has_the_quoted_hex_form() {
        let key = SecretKey::from_bytes([0x01; KEY_LEN]);
        let v = key.expose_as_sqlcipher_raw_key();
        assert!(
            v.starts_with("\"x'") && v.ends_with("'\""),
            "{}",
            v.as_str()
        );
        assert_eq!(v.len(), 64 + 5);
    }
}
