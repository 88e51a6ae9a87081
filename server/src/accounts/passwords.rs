//! Passwords: hashed with argon2id on a blocking thread (about 20–50 ms of CPU each), and
//! checked in the same time whether or not the user exists.

use app::model::account::Password;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Why a password could not be hashed: no randomness for its salt, or the hasher or its
/// thread failed. The text is for the log.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    // These constants are valid parameters; `Params::new` only fails on out-of-range ones.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password on a blocking thread (about 20–50 ms of CPU each).
pub async fn hash_password(password: Password) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).map_err(|err| HashError(err.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|err| HashError(err.to_string()))?;
        argon2()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| HashError(err.to_string()))
    })
    .await
    .map_err(|err| HashError(err.to_string()))?
}

/// A hash of some password, checked against when the user does not exist, so a wrong
/// username takes as long as a wrong password.
pub(super) const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2tpbGwtcHJvZmlsZXM$1hTg0oIEHCq3dBTfI0m3/sWpiOAwDQdb0cVcUXuQ1Vo";

/// Checks what was typed as a password against a stored hash on a blocking thread (what was
/// typed need not keep today's rules: an account may be older than them).
pub async fn verify_password(hash: Option<String>, password: &str) -> bool {
    let password = password.to_owned();
    let real = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY_HASH.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
        && real
}
