//! The keys that sign and verify access tokens.
//!
//! One key signs; every configured key verifies, looked up by the `kid` in the token
//! header. Rotating is: sign with a new key id, keep the old key in
//! `JWT_PREVIOUS_KEYS` for at least one access-token lifetime, then drop it.

use std::{collections::HashMap, fmt};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};

use crate::{
    auth::key_config::JwtSecret,
    auth::key_config::{JwtAlgorithm, JwtKeySettings, KeyBytes, PREVIOUS_KEYS_EXPECTED},
    error::{ConfigError, invalid},
};

/// A key that verifies tokens carrying its key id, pinned to one algorithm.
#[derive(Clone)]
pub struct VerifyingKey {
    /// The only algorithm a token under this key id may use.
    pub algorithm: Algorithm,
    /// The secret or public key.
    pub key: DecodingKey,
}

/// The signing key and every verifying key, by key id.
#[derive(Clone)]
pub struct KeySet {
    kid: String,
    algorithm: Algorithm,
    signing: EncodingKey,
    verifying: HashMap<String, VerifyingKey>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kids: Vec<&str> = self.verifying.keys().map(String::as_str).collect();
        kids.sort_unstable();
        f.debug_struct("KeySet")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .field("verifying", &kids)
            .finish_non_exhaustive()
    }
}

impl KeySet {
    /// The keys `settings` describe, with `secret` for HS256.
    pub fn from_settings(
        settings: &JwtKeySettings,
        secret: Option<&JwtSecret>,
    ) -> Result<KeySet, ConfigError> {
        let mut keys = match (settings.algorithm, &settings.key_pair) {
            (JwtAlgorithm::Hs256, _) => {
                let secret = secret.ok_or_else(|| {
                    invalid("JWT_SECRET", "a secret of at least 32 bytes for HS256")
                })?;
                KeySet::hs256(&settings.key_id, secret.expose())
            }
            (algorithm, Some((private, public))) => {
                KeySet::from_pem_pair(&settings.key_id, algorithm, private, public)?
            }
            (_, None) => {
                return Err(invalid(
                    "JWT_PRIVATE_KEY_FILE",
                    "PEM files of the key pair (JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE) for EdDSA or RS256",
                ));
            }
        };
        for previous in &settings.previous {
            let key = decoding_key(previous.algorithm, previous.material.expose())
                .ok_or_else(|| invalid("JWT_PREVIOUS_KEYS", PREVIOUS_KEYS_EXPECTED))?;
            if keys.verifying.contains_key(&previous.key_id) {
                return Err(invalid("JWT_PREVIOUS_KEYS", PREVIOUS_KEYS_EXPECTED));
            }
            keys = keys.with_previous(&previous.key_id, jwt_algorithm(previous.algorithm), key);
        }
        Ok(keys)
    }

    /// HS256 with `secret` under `kid`, verifying only its own tokens.
    pub fn hs256(kid: &str, secret: &[u8]) -> KeySet {
        let mut verifying = HashMap::new();
        verifying.insert(
            kid.to_owned(),
            VerifyingKey {
                algorithm: Algorithm::HS256,
                key: DecodingKey::from_secret(secret),
            },
        );
        KeySet {
            kid: kid.to_owned(),
            algorithm: Algorithm::HS256,
            signing: EncodingKey::from_secret(secret),
            verifying,
        }
    }

    /// EdDSA or RS256 from PEM documents; refuses a public key that does not match.
    pub fn from_pem_pair(
        kid: &str,
        algorithm: JwtAlgorithm,
        private_pem: &KeyBytes,
        public_pem: &KeyBytes,
    ) -> Result<KeySet, ConfigError> {
        let signing = match algorithm {
            JwtAlgorithm::EdDsa => EncodingKey::from_ed_pem(private_pem.expose()),
            JwtAlgorithm::Rs256 => EncodingKey::from_rsa_pem(private_pem.expose()),
            JwtAlgorithm::Hs256 => {
                return Err(invalid(
                    "JWT_ALGORITHM",
                    "EdDSA or RS256 when key files are given",
                ));
            }
        }
        .map_err(|_| {
            invalid(
                "JWT_PRIVATE_KEY_FILE",
                "a PEM private key of the JWT_ALGORITHM kind (Ed25519 PKCS#8, or RSA)",
            )
        })?;
        let verifying = decoding_key(algorithm, public_pem.expose()).ok_or_else(|| {
            invalid(
                "JWT_PUBLIC_KEY_FILE",
                "a PEM public key of the JWT_ALGORITHM kind",
            )
        })?;
        let alg = jwt_algorithm(algorithm);
        // A pair that does not match would sign tokens nobody can verify: find out now.
        let probe = b"polisia-api key check";
        let matches = jsonwebtoken::crypto::sign(probe, &signing, alg)
            .and_then(|signature| jsonwebtoken::crypto::verify(&signature, probe, &verifying, alg))
            .unwrap_or(false);
        if !matches {
            return Err(invalid(
                "JWT_PUBLIC_KEY_FILE",
                "the public key of JWT_PRIVATE_KEY_FILE",
            ));
        }
        let mut keys = HashMap::new();
        keys.insert(
            kid.to_owned(),
            VerifyingKey {
                algorithm: alg,
                key: verifying,
            },
        );
        Ok(KeySet {
            kid: kid.to_owned(),
            algorithm: alg,
            signing,
            verifying: keys,
        })
    }

    /// Also accepts tokens under `kid`, verified by `key` with `algorithm` only.
    #[must_use]
    pub fn with_previous(mut self, kid: &str, algorithm: Algorithm, key: DecodingKey) -> KeySet {
        self.verifying
            .insert(kid.to_owned(), VerifyingKey { algorithm, key });
        self
    }

    /// The key id new tokens carry.
    pub fn signing_kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm new tokens are signed with.
    pub fn signing_algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key new tokens are signed with.
    pub fn signing_key(&self) -> &EncodingKey {
        &self.signing
    }

    /// The key for tokens carrying `kid`, if one is configured.
    pub fn verifying_key(&self, kid: &str) -> Option<&VerifyingKey> {
        self.verifying.get(kid)
    }
}

/// The jsonwebtoken name of `algorithm`.
pub fn jwt_algorithm(algorithm: JwtAlgorithm) -> Algorithm {
    match algorithm {
        JwtAlgorithm::Hs256 => Algorithm::HS256,
        JwtAlgorithm::EdDsa => Algorithm::EdDSA,
        JwtAlgorithm::Rs256 => Algorithm::RS256,
    }
}

/// The verifying key for `material` (a secret or a public-key PEM), if it is usable.
pub(crate) fn decoding_key(algorithm: JwtAlgorithm, material: &[u8]) -> Option<DecodingKey> {
    match algorithm {
        JwtAlgorithm::Hs256 => {
            (material.len() >= JwtSecret::MIN_LEN).then(|| DecodingKey::from_secret(material))
        }
        JwtAlgorithm::EdDsa => DecodingKey::from_ed_pem(material).ok(),
        JwtAlgorithm::Rs256 => DecodingKey::from_rsa_pem(material).ok(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn read(name: &str) -> KeyBytes {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/jwt")
            .join(name);
        KeyBytes(std::fs::read(path).unwrap())
    }

    #[test]
    fn mismatched_pairs_are_refused() {
        let err = KeySet::from_pem_pair(
            "k1",
            JwtAlgorithm::EdDsa,
            &read("ed25519-a-private.pem"),
            &read("ed25519-b-public.pem"),
        )
        .unwrap_err();
        assert_eq!(err.variable, "JWT_PUBLIC_KEY_FILE");
        let err = KeySet::from_pem_pair(
            "k1",
            JwtAlgorithm::Rs256,
            &read("ed25519-a-private.pem"),
            &read("rsa-public.pem"),
        )
        .unwrap_err();
        assert_eq!(err.variable, "JWT_PRIVATE_KEY_FILE");
        let rsa = KeySet::from_pem_pair(
            "k1",
            JwtAlgorithm::Rs256,
            &read("rsa-private.pem"),
            &read("rsa-public.pem"),
        )
        .unwrap();
        assert_eq!(rsa.signing_algorithm(), Algorithm::RS256);
    }

    #[test]
    fn debug_output_names_key_ids_only() {
        let keys = KeySet::hs256("k2", b"a-secret-that-must-not-be-printed-0123").with_previous(
            "k1",
            Algorithm::HS256,
            DecodingKey::from_secret(b"x"),
        );
        let printed = format!("{keys:?}");
        assert!(printed.contains("k1") && printed.contains("k2"));
        assert!(!printed.contains("must-not"));
    }
}
