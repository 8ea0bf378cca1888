//! Sealed values: XChaCha20-Poly1305 envelopes and sealed boxes.
//!
//! An [`Envelope`] is sealed with a symmetric key (a user's private key under
//! the key-encryption key from their passphrase). A [`SealedBox`] is sealed to
//! an X25519 public key (a compartment key for one user), so any holder of a
//! compartment key can give it to another user without their passphrase.
//! Both carry a version and bind their associated data ([`Aad`]): what they
//! belong to (vault id, user id, compartment). Changing any of it, or any
//! byte of the envelope, makes opening fail.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::error::{Result, VaultError};
use crate::secret::{SecretKey, KEY_LEN};

const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const SEALED_BOX_INFO: &[u8] = b"vertrouwd sealed box v1";
const PIN_INFO: &[u8] = b"vertrouwd pin v1";
const SIGNING_INFO: &[u8] = b"vertrouwd signing v1";

/// Associated data: a purpose label and length-prefixed fields, so that
/// ("ab","c") and ("a","bc") never collide.
#[derive(Debug, Clone)]
pub struct Aad(Vec<u8>);

impl Aad {
    pub fn new(purpose: &str) -> Self {
        let mut aad = Aad(b"vertrouwd/v1".to_vec());
        aad.push(purpose);
        aad
    }

    pub fn with(mut self, field: &str) -> Self {
        self.push(field);
        self
    }

    fn push(&mut self, field: &str) {
        self.0
            .extend_from_slice(&(field.len() as u32).to_be_bytes());
        self.0.extend_from_slice(field.as_bytes());
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// A value sealed with a symmetric key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub v: u8,
    /// Base64 of the 24-byte nonce.
    pub nonce: String,
    /// Base64 of ciphertext and tag.
    pub ct: String,
}

/// A value sealed to an X25519 public key with an ephemeral key pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBox {
    /// Base64 of the ephemeral public key.
    pub epk: String,
    #[serde(flatten)]
    pub sealed: Envelope,
}

/// A fresh nonce and the ciphertext (with its tag) of `plaintext`.
fn encrypt(key: &SecretKey, plaintext: &[u8], aad: &Aad) -> Result<([u8; NONCE_LEN], Vec<u8>)> {
    let mut nonce = [0u8; NONCE_LEN];
    crate::random::fill(&mut nonce)?;
    let cipher = XChaCha20Poly1305::new(key.expose_secret_bytes().into());
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| VaultError::Crypto)?;
    Ok((nonce, ct))
}

/// The plaintext of `ct` under `nonce`, or `None` when anything was changed.
fn decrypt(key: &SecretKey, nonce: &[u8], ct: &[u8], aad: &Aad) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = XChaCha20Poly1305::new(key.expose_secret_bytes().into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ct,
                aad: aad.as_bytes(),
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Seals `plaintext` with `key`, binding `aad`.
pub fn seal(key: &SecretKey, plaintext: &[u8], aad: &Aad) -> Result<Envelope> {
    let (nonce, ct) = encrypt(key, plaintext, aad)?;
    Ok(Envelope {
        v: VERSION,
        nonce: B64.encode(nonce),
        ct: B64.encode(ct),
    })
}

/// Opens an envelope. Any change to key, nonce, ciphertext or `aad` gives
/// [`VaultError::WrongPassphrase`] (the caller decides what that means).
pub fn open(key: &SecretKey, env: &Envelope, aad: &Aad) -> Result<Zeroizing<Vec<u8>>> {
    if env.v != VERSION {
        return Err(VaultError::KeyringCorrupt);
    }
    let nonce = decode_fixed::<NONCE_LEN>(&env.nonce)?;
    let ct = B64
        .decode(&env.ct)
        .map_err(|_| VaultError::KeyringCorrupt)?;
    decrypt(key, &nonce, &ct, aad).ok_or(VaultError::WrongPassphrase)
}

/// Seals `plaintext` with `key` into bytes for a database column: version,
/// nonce, ciphertext and tag, binding `aad`. The same cipher as [`seal`],
/// without the base64 a keyring needs.
pub fn seal_bytes(key: &SecretKey, plaintext: &[u8], aad: &Aad) -> Result<Vec<u8>> {
    let (nonce, ct) = encrypt(key, plaintext, aad)?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Opens what [`seal_bytes`] made. A wrong key, `aad` or any changed byte
/// gives [`VaultError::Sealed`]: whoever wrote it did not hold the key.
pub fn open_bytes(key: &SecretKey, sealed: &[u8], aad: &Aad) -> Result<Zeroizing<Vec<u8>>> {
    let Some((&v, rest)) = sealed.split_first() else {
        return Err(VaultError::Sealed);
    };
    if v != VERSION || rest.len() < NONCE_LEN {
        return Err(VaultError::Sealed);
    }
    let (nonce, ct) = rest.split_at(NONCE_LEN);
    decrypt(key, nonce, ct, aad).ok_or(VaultError::Sealed)
}

/// Opens an envelope that must hold exactly one key.
pub fn open_key(key: &SecretKey, env: &Envelope, aad: &Aad) -> Result<SecretKey> {
    let bytes = open(key, env, aad)?;
    let arr: [u8; KEY_LEN] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| VaultError::KeyringCorrupt)?;
    Ok(SecretKey::from_bytes(arr))
}

/// An X25519 key pair whose secret half zeroizes on drop.
pub struct KeyPair {
    secret: StaticSecret,
    public: PublicKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyPair {{ public: {}, secret: <redacted> }}",
            self.public_b64()
        )
    }
}

impl KeyPair {
    pub fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        crate::random::fill(bytes.as_mut())?;
        Ok(Self::from_secret_bytes(&bytes))
    }

    pub fn from_secret(key: &SecretKey) -> Self {
        Self::from_secret_bytes(key.expose_secret_bytes())
    }

    fn from_secret_bytes(bytes: &[u8; KEY_LEN]) -> Self {
        let secret = StaticSecret::from(*bytes);
        let public = PublicKey::from(&secret);
        Self { secret, public }
    }

    /// The secret half as a key, for wrapping under a passphrase.
    pub fn secret_as_key(&self) -> SecretKey {
        SecretKey::from_bytes(self.secret.to_bytes())
    }

    pub fn public_b64(&self) -> String {
        B64.encode(self.public.as_bytes())
    }

    /// The key this pair's owner pins their compartment keys under:
    /// HKDF-SHA256 of the private key (no salt), info `"vertrouwd pin v1"`
    /// followed by the public key. Only the owner can derive it.
    pub(crate) fn pin_key(&self) -> Result<SecretKey> {
        Ok(SecretKey::from_bytes(*self.derived(PIN_INFO)?))
    }

    /// HKDF-SHA256 of the private key (no salt), info `label` followed by
    /// the public key.
    fn derived(&self, label: &[u8]) -> Result<Zeroizing<[u8; KEY_LEN]>> {
        let secret = Zeroizing::new(self.secret.to_bytes());
        let mut info = label.to_vec();
        info.extend_from_slice(self.public.as_bytes());
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        Hkdf::<Sha256>::new(None, secret.as_ref())
            .expand(&info, out.as_mut())
            .map_err(|_| VaultError::Crypto)?;
        Ok(out)
    }

    /// Signs `message` with the Ed25519 key this pair's owner publishes
    /// with: its seed is HKDF-SHA256 of the private key, info
    /// `"vertrouwd signing v1"` followed by the public key. Answers the
    /// verifying key and the signature, both base64.
    pub fn sign(&self, message: &[u8]) -> Result<Signature> {
        use ed25519_dalek::Signer;
        let seed = self.derived(SIGNING_INFO)?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        Ok(Signature {
            key: B64.encode(key.verifying_key().as_bytes()),
            signature: B64.encode(key.sign(message).to_bytes()),
        })
    }
}

/// A signature and the key that verifies it, both base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The Ed25519 verifying key.
    pub key: String,
    pub signature: String,
}

impl Signature {
    /// Whether this signature by this key is over `message` exactly; a
    /// changed message, key or signature does not verify.
    pub fn verifies(&self, message: &[u8]) -> bool {
        let (Ok(key), Ok(sig)) = (B64.decode(&self.key), B64.decode(&self.signature)) else {
            return false;
        };
        let (Ok(key), Ok(sig)) = (
            <[u8; 32]>::try_from(key.as_slice()),
            <[u8; 64]>::try_from(sig.as_slice()),
        ) else {
            return false;
        };
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key) else {
            return false;
        };
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig))
            .is_ok()
    }
}

fn box_key(shared: &[u8; 32], epk: &[u8; 32], pk: &[u8; 32]) -> Result<SecretKey> {
    if shared.iter().all(|b| *b == 0) {
        // A low-order public key: refuse rather than seal under a known key.
        return Err(VaultError::KeyringCorrupt);
    }
    let mut info = SEALED_BOX_INFO.to_vec();
    info.extend_from_slice(epk);
    info.extend_from_slice(pk);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Hkdf::<Sha256>::new(None, shared)
        .expand(&info, out.as_mut())
        .map_err(|_| VaultError::Crypto)?;
    Ok(SecretKey::from_bytes(*out))
}

/// Seals `key` to the public key `recipient_b64`, binding `aad`.
pub fn seal_to(recipient_b64: &str, key: &SecretKey, aad: &Aad) -> Result<SealedBox> {
    let pk = decode_fixed::<32>(recipient_b64)?;
    let eph = KeyPair::generate()?;
    let shared = eph.secret.diffie_hellman(&PublicKey::from(pk));
    let k = box_key(shared.as_bytes(), eph.public.as_bytes(), &pk)?;
    let sealed = seal(&k, key.expose_secret_bytes(), aad)?;
    Ok(SealedBox {
        epk: eph.public_b64(),
        sealed,
    })
}

/// Opens a sealed box with the recipient's key pair.
pub fn open_sealed(me: &KeyPair, sealed: &SealedBox, aad: &Aad) -> Result<SecretKey> {
    if sealed.sealed.v != VERSION {
        return Err(VaultError::KeyringCorrupt);
    }
    let epk = decode_fixed::<32>(&sealed.epk)?;
    let shared = me.secret.diffie_hellman(&PublicKey::from(epk));
    let k = box_key(shared.as_bytes(), &epk, me.public.as_bytes())?;
    open_key(&k, &sealed.sealed, aad)
}

fn decode_fixed<const N: usize>(b64: &str) -> Result<[u8; N]> {
    let v = B64.decode(b64).map_err(|_| VaultError::KeyringCorrupt)?;
    v.as_slice()
        .try_into()
        .map_err(|_| VaultError::KeyringCorrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flip_b64(s: &str, byte: usize, bit: u8) -> String {
        let mut v = B64.decode(s).expect("b64");
        let i = byte % v.len();
        v[i] ^= 1 << (bit % 8);
        B64.encode(v)
    }

    #[test]
    fn envelope_round_trip_and_aad_binding() {
        let key = SecretKey::random().expect("random");
        let aad = Aad::new("test").with("vault-1").with("user-1");
        let env = seal(&key, b"inhoud", &aad).expect("seal");
        assert_eq!(open(&key, &env, &aad).expect("open").as_slice(), b"inhoud");
        let other = Aad::new("test").with("vault-1").with("user-2");
        assert!(matches!(
            open(&key, &env, &other),
            Err(VaultError::WrongPassphrase)
        ));
        let shifted = Aad::new("test").with("vault-1u").with("ser-1");
        assert!(
            open(&key, &env, &shifted).is_err(),
            "length prefixes keep fields apart"
        );
    }

    #[test]
    fn sealed_bytes_open_only_with_their_key_and_aad() {
        let key = SecretKey::random().expect("random");
        let aad = Aad::new("record").with("vault-1").with("7");
        let sealed = seal_bytes(&key, b"Ay\xc5\x9fe", &aad).expect("seal");
        assert_eq!(
            open_bytes(&key, &sealed, &aad).expect("open").as_slice(),
            b"Ay\xc5\x9fe"
        );
        let other = SecretKey::random().expect("random");
        assert!(matches!(
            open_bytes(&other, &sealed, &aad),
            Err(VaultError::Sealed)
        ));
        let moved = Aad::new("record").with("vault-1").with("8");
        assert!(
            open_bytes(&key, &sealed, &moved).is_err(),
            "bound to its row"
        );
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(open_bytes(&key, &bad, &aad).is_err(), "byte {i}");
        }
        assert!(open_bytes(&key, &sealed[..10], &aad).is_err());
        assert!(open_bytes(&key, &[], &aad).is_err());
    }

    #[test]
    fn version_other_than_one_is_refused() {
        let key = SecretKey::random().expect("random");
        let aad = Aad::new("t");
        let mut env = seal(&key, b"x", &aad).expect("seal");
        env.v = 2;
        assert!(matches!(
            open(&key, &env, &aad),
            Err(VaultError::KeyringCorrupt)
        ));
    }

    #[test]
    fn sealed_box_opens_only_for_its_recipient() {
        let alice = KeyPair::generate().expect("kp");
        let bob = KeyPair::generate().expect("kp");
        let key = SecretKey::random().expect("random");
        let aad = Aad::new("compartment").with("org");
        let sb = seal_to(&alice.public_b64(), &key, &aad).expect("seal");
        let back = open_sealed(&alice, &sb, &aad).expect("alice opens");
        assert_eq!(back.expose_secret_bytes(), key.expose_secret_bytes());
        assert!(
            open_sealed(&bob, &sb, &aad).is_err(),
            "bob must not open alice's box"
        );
    }

    #[test]
    fn low_order_public_key_is_refused() {
        let key = SecretKey::random().expect("random");
        let zero = B64.encode([0u8; 32]);
        assert!(seal_to(&zero, &key, &Aad::new("x")).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_flipped_bit_fails_cleanly(field in 0usize..3, byte in 0usize..64, bit in 0u8..8) {
            let me = KeyPair::generate().expect("kp");
            let key = SecretKey::random().expect("random");
            let aad = Aad::new("p");
            let mut sb = seal_to(&me.public_b64(), &key, &aad).expect("seal");
            match field {
                0 => sb.epk = flip_b64(&sb.epk, byte, bit),
                1 => sb.sealed.nonce = flip_b64(&sb.sealed.nonce, byte, bit),
                _ => sb.sealed.ct = flip_b64(&sb.sealed.ct, byte, bit),
            }
            proptest::prop_assert!(open_sealed(&me, &sb, &aad).is_err());
        }
    }
}

#[cfg(test)]
mod signature_tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_the_message_and_key_it_was_made_for() {
        let pair = KeyPair::generate().expect("pair");
        let signed = pair.sign(b"cases: 12").expect("signed");
        assert!(signed.verifies(b"cases: 12"));
        assert!(!signed.verifies(b"cases: 13"), "a changed message");
        assert_eq!(
            pair.sign(b"x").expect("again").key,
            signed.key,
            "one key per pair"
        );
        let other = KeyPair::generate()
            .expect("other")
            .sign(b"cases: 12")
            .expect("other");
        assert_ne!(other.key, signed.key);
        let swapped = Signature {
            key: other.key.clone(),
            ..signed.clone()
        };
        assert!(!swapped.verifies(b"cases: 12"), "another key");
        let mut bytes = B64.decode(&signed.signature).expect("b64");
        bytes[10] ^= 1;
        let tampered = Signature {
            signature: B64.encode(bytes),
            ..signed.clone()
        };
        assert!(!tampered.verifies(b"cases: 12"), "a changed signature");
        let garbage = Signature {
            key: "???".into(),
            signature: "!!".into(),
        };
        assert!(!garbage.verifies(b"cases: 12"));
    }
}
