//! The only code that touches the browser's localStorage.
//!
//! Keys are namespaced (`skill-profiles.` + name). Every value is stored in an envelope
//! `{"v": <schema version>, "data": …}`. A value that does not parse is set aside under
//! `<key>.corrupt` (not deleted) and the caller gets `None`, so it falls back to defaults.
//! When storage is disabled or full, writes report `false` and the feature keeps working
//! for the visit. Call these from effects and event handlers only, never during render:
//! the server has no localStorage.

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const NAMESPACE: &str = "skill-profiles.";

/// A stored value and the schema version it was written with.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// A named, versioned slot in localStorage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// Name under the namespace.
    pub name: &'static str,
    /// Schema version of what is stored; a different stored version is set aside.
    pub version: u32,
}

/// The reader's last role and level choice, applied when a link carries none.
pub const CHOICE: Key = Key {
    name: "choice",
    version: 1,
};
/// The reader's colour scheme choice: `"light"` or `"dark"`. The inline script in the
/// page head reads it too, before first paint.
pub const THEME: Key = Key {
    name: "theme",
    version: 1,
};

fn full_name(key: Key) -> String {
    format!("{NAMESPACE}{}", key.name)
}

/// localStorage, if this browser lets the page use it (it may be disabled, or throw).
fn available() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value. Missing gives `None`; unreadable or of another schema version is set
/// aside under `<key>.corrupt` and gives `None`.
pub fn load<T: DeserializeOwned>(key: Key) -> Option<T> {
    let storage = available()?;
    let name = full_name(key);
    let raw = storage.get_item(&name).ok().flatten()?;
    match serde_json::from_str::<Envelope<T>>(&raw) {
        Ok(envelope) if envelope.v == key.version => Some(envelope.data),
        _ => {
            // Keep the bytes for inspection; failing to do so only loses the bad value.
            let _ = storage.set_item(&format!("{name}.corrupt"), &raw);
            let _ = storage.remove_item(&name);
            None
        }
    }
}

/// Writes a value; `false` when storage is disabled or full (the caller may say so).
pub fn save<T: Serialize>(key: Key, value: &T) -> bool {
    if available().is_none() {
        return false;
    }
    LocalStorage::set(
        full_name(key),
        Envelope {
            v: key.version,
            data: value,
        },
    )
    .is_ok()
}
