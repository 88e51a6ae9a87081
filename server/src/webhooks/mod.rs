//! Webhooks: portals registered with `server webhook add` are told of each published
//! revision and each opened or decided proposal by a signed POST.
//!
//! The change and its deliveries are written in one transaction (the store's outbox), so an
//! accepted revision never loses its event; [`worker`] sends them, retrying with backoff
//! for a day, on as many servers as share the database without sending one twice;
//! [`targets`] keeps deliveries out of the intranet; [`admin`] is the command line. Signing
//! follows Standard Webhooks (<https://www.standardwebhooks.com>): this module.

pub mod admin;
pub mod targets;
pub mod worker;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What every secret starts with, as Standard Webhooks writes them.
pub const SECRET_PREFIX: &str = "whsec_";

/// Bytes of a signing key.
const KEY_BYTES: usize = 32;

/// The headers of a delivery.
pub mod header {
    /// The delivery's id: the same on every attempt, so a receiver can drop repeats.
    pub const ID: &str = "webhook-id";
    /// When this attempt was signed, in seconds since 1970.
    pub const TIMESTAMP: &str = "webhook-timestamp";
    /// `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
    pub const SIGNATURE: &str = "webhook-signature";
}

/// A secret that is not `whsec_` and base64.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a webhook secret is `whsec_` and base64; this one is not")]
pub struct BadSecret;

/// A new random secret: `whsec_` and the base64 of 32 bytes from the system's generator.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut key = [0u8; KEY_BYTES];
    getrandom::getrandom(&mut key)?;
    Ok(format!("{SECRET_PREFIX}{}", BASE64.encode(key)))
}

/// The key a secret stands for: the bytes its base64 says.
pub fn signing_key(secret: &str) -> Result<Vec<u8>, BadSecret> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).ok_or(BadSecret)?;
    BASE64.decode(encoded).map_err(|_| BadSecret)
}

/// The `webhook-signature` value of `body` sent as delivery `id` at `timestamp`:
/// `v1,<base64 of HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`.
pub fn signature(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    // HMAC takes a key of any length; `new_from_slice` only refuses for other MACs.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]
mod tests {
    use super::*;

    #[test]
    fn a_new_secret_is_32_random_bytes_behind_the_prefix() {
        let one = new_secret().unwrap();
        assert!(one.starts_with("whsec_"), "{one}");
        assert_eq!(signing_key(&one).unwrap().len(), 32);
        assert_ne!(one, new_secret().unwrap());
        assert_eq!(signing_key("sk_abc"), Err(BadSecret));
        assert_eq!(signing_key("whsec_not base64!"), Err(BadSecret));
    }

    #[test]
    fn signatures_match_the_standard_webhooks_example() {
        // The example of the Standard Webhooks reference libraries.
        let key = signing_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(
            signature(
                &key,
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1_614_265_330,
                r#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn the_signature_covers_id_timestamp_and_body() {
        let key = b"key";
        let base = signature(key, "1", 10, "{}");
        assert_ne!(base, signature(key, "2", 10, "{}"));
        assert_ne!(base, signature(key, "1", 11, "{}"));
        assert_ne!(base, signature(key, "1", 10, "{ }"));
        assert_ne!(base, signature(b"other", "1", 10, "{}"));
    }
}
