//! Key settings from the configuration: the algorithm, the key id, key files and the
//! retired keys still accepted during a rotation.
//!
//! `JWT_PREVIOUS_KEYS` lists retired keys, comma-separated. Each entry is
//! `kid:secret` (an HS256 secret, at least 32 bytes; it may contain `:`),
//! `kid:HS256:secret`, `kid:EdDSA:path/to/public.pem` or `kid:RS256:path/to/public.pem`.
//! A retired key verifies tokens carrying its key id and nothing else.

use std::{fmt, path::Path};

use crate::{
    auth::keys::decoding_key,
    error::{ConfigError, invalid},
};

/// The longest key id accepted, in bytes.
pub const MAX_KEY_ID_LEN: usize = 64;

/// What `JWT_PREVIOUS_KEYS` must look like.
pub(crate) const PREVIOUS_KEYS_EXPECTED: &str = "comma-separated `kid:secret` (HS256, 32+ bytes), \
     `kid:EdDSA:public.pem` or `kid:RS256:public.pem` entries with distinct key ids";

/// A JWT signing algorithm the service supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtAlgorithm {
    /// HMAC with SHA-256: one shared secret signs and verifies.
    Hs256,
    /// Ed25519 signatures: a private key signs, the public key verifies.
    EdDsa,
    /// RSA PKCS#1 v1.5 with SHA-256.
    Rs256,
}

impl JwtAlgorithm {
    /// Parses `HS256`, `EdDSA` or `RS256` (case-insensitively).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "HS256" => Some(JwtAlgorithm::Hs256),
            "EDDSA" => Some(JwtAlgorithm::EdDsa),
            "RS256" => Some(JwtAlgorithm::Rs256),
            _ => None,
        }
    }

    /// Whether one secret both signs and verifies.
    pub fn is_symmetric(self) -> bool {
        self == JwtAlgorithm::Hs256
    }
}

/// Key material read from configuration; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyBytes(pub(crate) Vec<u8>);

impl KeyBytes {
    /// The raw bytes (a secret, or a PEM document).
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for KeyBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyBytes(..)")
    }
}

/// An older key that still verifies tokens while a rotation overlaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousKey {
    /// The key id tokens signed with it carry.
    pub key_id: String,
    /// Its algorithm.
    pub algorithm: JwtAlgorithm,
    /// The HS256 secret, or the PEM of the public key.
    pub material: KeyBytes,
}

/// How access tokens are signed, and which keys verify them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtKeySettings {
    /// The key id of the signing key.
    pub key_id: String,
    /// The signing algorithm.
    pub algorithm: JwtAlgorithm,
    /// PEM private and public key, for EdDSA and RS256 (HS256 uses `JWT_SECRET`).
    pub key_pair: Option<(KeyBytes, KeyBytes)>,
    /// Retired keys still accepted for verification.
    pub previous: Vec<PreviousKey>,
}

/// Whether `kid` is a key id we accept in configuration: short, and made of
/// characters that are safe in any header, log line or file name.
pub fn is_valid_key_id(kid: &str) -> bool {
    !kid.is_empty()
        && kid.len() <= MAX_KEY_ID_LEN
        && kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// The raw key settings, as given on the command line or in the environment.
#[derive(Debug, Clone, Copy)]
pub struct KeyArgs<'a> {
    pub jwt_algorithm: &'a str,
    pub jwt_key_id: &'a str,
    pub jwt_private_key_file: Option<&'a Path>,
    pub jwt_public_key_file: Option<&'a Path>,
    pub jwt_previous_keys: Option<&'a str>,
}

/// Reads the key settings; key files are read here so that a missing one stops
/// start-up.
pub fn parse_settings(args: KeyArgs<'_>) -> Result<JwtKeySettings, ConfigError> {
    let algorithm = JwtAlgorithm::parse(args.jwt_algorithm)
        .ok_or_else(|| invalid("JWT_ALGORITHM", "`HS256`, `EdDSA` or `RS256`"))?;
    let key_id = args.jwt_key_id.trim().to_owned();
    if !is_valid_key_id(&key_id) {
        return Err(invalid(
            "JWT_KEY_ID",
            "1 to 64 letters, digits, `.`, `_` or `-`",
        ));
    }
    let key_pair = match (
        algorithm,
        args.jwt_private_key_file,
        args.jwt_public_key_file,
    ) {
        (JwtAlgorithm::Hs256, None, None) => None,
        (JwtAlgorithm::Hs256, _, _) => {
            return Err(invalid(
                "JWT_ALGORITHM",
                "EdDSA or RS256 when key files are given",
            ));
        }
        (_, Some(private), Some(public)) => Some((
            read_key_file(private)
                .ok_or_else(|| invalid("JWT_PRIVATE_KEY_FILE", "a readable PEM file"))?,
            read_key_file(public)
                .ok_or_else(|| invalid("JWT_PUBLIC_KEY_FILE", "a readable PEM file"))?,
        )),
        (_, None, _) => {
            return Err(invalid(
                "JWT_PRIVATE_KEY_FILE",
                "a PEM file of the private key whenever JWT_ALGORITHM is EdDSA or RS256",
            ));
        }
        (_, _, None) => {
            return Err(invalid(
                "JWT_PUBLIC_KEY_FILE",
                "a PEM file of the public key whenever JWT_ALGORITHM is EdDSA or RS256",
            ));
        }
    };
    let previous = parse_previous_keys(args.jwt_previous_keys.unwrap_or(""))
        .ok_or_else(|| invalid("JWT_PREVIOUS_KEYS", PREVIOUS_KEYS_EXPECTED))?;
    if previous.iter().any(|p| p.key_id == key_id) {
        return Err(invalid("JWT_PREVIOUS_KEYS", PREVIOUS_KEYS_EXPECTED));
    }
    Ok(JwtKeySettings {
        key_id,
        algorithm,
        key_pair,
        previous,
    })
}

/// Parses `kid:secret`, `kid:HS256:secret`, `kid:EdDSA:file` and `kid:RS256:file`
/// entries; `None` when any entry is unusable.
fn parse_previous_keys(raw: &str) -> Option<Vec<PreviousKey>> {
    let mut keys: Vec<PreviousKey> = Vec::new();
    for entry in raw.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (kid, rest) = entry.split_once(':')?;
        let kid = kid.trim();
        if !is_valid_key_id(kid) || keys.iter().any(|k| k.key_id == kid) {
            return None;
        }
        // A secret may itself contain `:`; only a known algorithm name is a prefix.
        let (algorithm, value) = match rest.split_once(':') {
            Some((alg, value)) if JwtAlgorithm::parse(alg).is_some() => {
                (JwtAlgorithm::parse(alg)?, value)
            }
            _ => (JwtAlgorithm::Hs256, rest),
        };
        let material = if algorithm.is_symmetric() {
            KeyBytes(value.as_bytes().to_vec())
        } else {
            read_key_file(Path::new(value.trim()))?
        };
        decoding_key(algorithm, material.expose())?;
        keys.push(PreviousKey {
            key_id: kid.to_owned(),
            algorithm,
            material,
        });
    }
    Some(keys)
}

fn read_key_file(path: &Path) -> Option<KeyBytes> {
    // A PEM key is a few kilobytes; anything much larger is not one.
    const MAX_KEY_FILE: u64 = 64 * 1024;
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_KEY_FILE {
        return None;
    }
    std::fs::read(path).ok().map(KeyBytes)
}

/// The signing secret for access tokens; never printed.
#[derive(Clone)]
pub struct JwtSecret(Vec<u8>);

impl JwtSecret {
    /// Wraps the bytes of a secret already checked for length.
    pub(crate) fn new(bytes: Vec<u8>) -> Self {
        JwtSecret(bytes)
    }

    /// The smallest secret accepted: HS256 wants at least its hash size.
    pub const MIN_LEN: usize = 32;

    /// The raw bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JwtSecret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_plain() {
        assert!(is_valid_key_id("k1"));
        assert!(is_valid_key_id("2026-11.ed_a"));
        for bad in [
            "",
            "../k1",
            "k1'; drop table users; --",
            "a b",
            &"k".repeat(65),
        ] {
            assert!(!is_valid_key_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn secrets_may_contain_colons() {
        let secret = "s".repeat(32);
        let keys = parse_previous_keys(&format!("a:{secret}:x, b:HS256:{secret}")).unwrap();
        assert_eq!(keys[0].material.expose(), format!("{secret}:x").as_bytes());
        assert_eq!(keys[1].material.expose(), secret.as_bytes());
        assert!(parse_previous_keys("").unwrap().is_empty());
    }
}
