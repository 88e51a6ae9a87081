//! The only code that touches the browser's localStorage.
//!
//! Keys are namespaced (`skill-profiles.` + name). Every value is stored in an envelope
//! `{"v": <schema version>, "data": …}`. Reading:
//! - the current version is used as it is;
//! - an older version goes through the key's migration and is written back upgraded;
//! - anything else — unparsable JSON, wrong types, a version from the future, an older
//!   version the migration refuses — is set aside under `<key>.corrupt` (never deleted) and
//!   the caller gets `None`, so it falls back to defaults.
//!
//! When storage is disabled or full, a write keeps the value in memory for the rest of the
//! visit and says so (`Saved::ThisVisitOnly`), so features keep working and can show a
//! quiet notice. Changes made in another tab arrive through the `storage` event
//! ([`on_change`]). Call these from effects and event handlers only, never during render:
//! the server has no localStorage.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

const NAMESPACE: &str = "skill-profiles.";

/// Upgrades data written with an older schema version (`from`) to the current one, or
/// refuses with `None`.
pub type Migrate = fn(from: u32, data: Value) -> Option<Value>;

/// A named, versioned slot in localStorage.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// Name under the namespace.
    pub name: &'static str,
    /// Schema version of what is stored now.
    pub version: u32,
    /// How older versions become this one.
    pub migrate: Migrate,
}

/// For keys that never changed shape: every older version is refused.
fn no_migration(_: u32, _: Value) -> Option<Value> {
    None
}

/// The reader's last role and level choice, applied when a link carries none.
pub const CHOICE: Key = Key {
    name: "choice",
    version: 1,
    migrate: no_migration,
};
/// The reader's colour scheme choice: `"light"` or `"dark"`. The inline script in the
/// page head reads it too, before first paint.
pub const THEME: Key = Key {
    name: "theme",
    version: 1,
    migrate: no_migration,
};
/// The skills the reader watches, with what they last saw of each.
pub const WATCHES: Key = Key {
    name: "watches",
    version: 2,
    migrate: crate::model::Watches::migrate,
};
/// The earlier self-check: the next level's expectations a reader ticked as met. No longer
/// written: [`PLAN`] takes it over the first time it is read ([`notes::all`]).
pub const SELF_CHECK: Key = Key {
    name: "self-check",
    version: 1,
    migrate: no_migration,
};
/// The reader's growth-plan notes and evidence, by expectation (`model::Notebook`).
pub const PLAN: Key = Key {
    name: "plan",
    version: 1,
    migrate: no_migration,
};

/// Suggested changes being drafted, by skill.
pub const DRAFTS: Key = Key {
    name: "drafts",
    version: 1,
    migrate: no_migration,
};

/// Whether the offline worker keeps the watched and growth-plan skills fresh for reading
/// offline: `{"keep": bool}`, true when never set. Read and written by the page's offline
/// script (`server/src/http/offline.js`), set on `/watching`.
pub const OFFLINE: Key = Key {
    name: "offline",
    version: 1,
    migrate: no_migration,
};

/// Comments being written, by thread, so one typed offline (or before a failed post) is not
/// lost with the page (`model::CommentDrafts`).
pub const COMMENTS: Key = Key {
    name: "comment-drafts",
    version: 1,
    migrate: no_migration,
};

/// The full localStorage name of a key.
pub fn full_name(key: Key) -> String {
    format!("{NAMESPACE}{}", key.name)
}

/// A stored value and the schema version it was written with.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// What decoding a stored text found.
#[derive(Debug, PartialEq)]
pub enum Decoded<T> {
    /// Written with the current version.
    Current(T),
    /// Written with an older version and migrated: write it back.
    Migrated(T),
    /// Not usable; set it aside. The reason, for the log.
    Unusable(&'static str),
}

/// Decodes one stored text for `key`. Pure, so it is tested natively.
pub fn decode<T: DeserializeOwned>(key: Key, raw: &str) -> Decoded<T> {
    let Ok(envelope) = serde_json::from_str::<Envelope<Value>>(raw) else {
        return Decoded::Unusable("not an envelope");
    };
    let (data, migrated) = match envelope.v {
        v if v == key.version => (envelope.data, false),
        v if v > key.version => return Decoded::Unusable("written by a newer version"),
        v => match (key.migrate)(v, envelope.data) {
            Some(data) => (data, true),
            None => return Decoded::Unusable("an older version with no migration"),
        },
    };
    match serde_json::from_value::<T>(data) {
        Ok(value) if migrated => Decoded::Migrated(value),
        Ok(value) => Decoded::Current(value),
        Err(_) => Decoded::Unusable("the data has the wrong shape"),
    }
}

/// What a part says when its last write could only be kept for this visit.
pub const VISIT_ONLY_NOTICE: &str =
    "Kept for this visit only: this browser is not letting the site store it.";

/// Where a write ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// In the browser's storage: it survives reloads and reaches other tabs.
    Kept,
    /// Storage is disabled or full: kept in memory until the page is closed.
    ThisVisitOnly,
}

/// Why a backend refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// A place values are kept: the browser's localStorage, or memory.
pub trait Backend {
    /// The raw text under `name`; `Err` when the store cannot be read at all.
    fn get(&self, name: &str) -> Result<Option<String>, Refused>;
    /// Stores `value` under `name`; `Err` when disabled or full.
    fn set(&self, name: &str, value: &str) -> Result<(), Refused>;
    /// Removes `name`, if it can.
    fn remove(&self, name: &str);
}

/// Values in memory: the fallback for a visit when storage is unavailable, and the store
/// the module's own tests use.
#[derive(Debug, Default)]
pub struct Memory(RefCell<HashMap<String, String>>);

impl Backend for Memory {
    fn get(&self, name: &str) -> Result<Option<String>, Refused> {
        Ok(self.0.borrow().get(name).cloned())
    }
    fn set(&self, name: &str, value: &str) -> Result<(), Refused> {
        self.0
            .borrow_mut()
            .insert(name.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, name: &str) {
        self.0.borrow_mut().remove(name);
    }
}

/// The rules above over any backend, with a memory overlay for values that could not be
/// kept.
#[derive(Debug, Default)]
pub struct Store<B> {
    backend: B,
    visit: Memory,
}

impl<B: Backend> Store<B> {
    /// A store over `backend`.
    pub fn new(backend: B) -> Self {
        Self {
            backend,
            visit: Memory::default(),
        }
    }

    /// The backend, for inspection.
    #[cfg(test)]
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Reads a value: `None` when missing or unusable (then set aside).
    pub fn load<T: DeserializeOwned + Serialize>(&self, key: Key) -> Option<T> {
        let name = full_name(key);
        // A value this visit could not keep is newer than anything stored.
        let raw = match self.visit.get(&name) {
            Ok(Some(raw)) => raw,
            _ => self.backend.get(&name).ok().flatten()?,
        };
        match decode::<T>(key, &raw) {
            Decoded::Current(value) => Some(value),
            Decoded::Migrated(value) => {
                let _ = self.save(key, &value);
                Some(value)
            }
            Decoded::Unusable(_) => {
                // Set the bytes aside for inspection. Removing first frees their room, so
                // even a value the size of the quota fits under its new name.
                self.backend.remove(&name);
                self.visit.remove(&name);
                let _ = self.backend.set(&format!("{name}.corrupt"), &raw);
                None
            }
        }
    }

    /// Reads `key`; when it was never written, takes over what the older key `from` holds
    /// (read by the same rules), converted by `adopt`: written under `key`, the old text
    /// kept under `<from>.migrated` rather than deleted.
    pub fn load_or_adopt<T, O>(&self, key: Key, from: Key, adopt: impl FnOnce(O) -> T) -> Option<T>
    where
        T: DeserializeOwned + Serialize,
        O: DeserializeOwned + Serialize,
    {
        let name = full_name(key);
        let written = matches!(self.visit.get(&name), Ok(Some(_)))
            || matches!(self.backend.get(&name), Ok(Some(_)));
        if written {
            return self.load(key);
        }
        let old = full_name(from);
        let raw = self.backend.get(&old).ok().flatten()?;
        let value = adopt(self.load::<O>(from)?);
        if self.save(key, &value) == Saved::Kept {
            self.backend.remove(&old);
            let _ = self.backend.set(&format!("{old}.migrated"), &raw);
        }
        Some(value)
    }

    /// Writes a value, in the backend if it accepts it, else in memory for this visit.
    pub fn save<T: Serialize>(&self, key: Key, value: &T) -> Saved {
        let name = full_name(key);
        let Ok(raw) = serde_json::to_string(&Envelope {
            v: key.version,
            data: value,
        }) else {
            return Saved::ThisVisitOnly;
        };
        match self.backend.set(&name, &raw) {
            Ok(()) => {
                self.visit.remove(&name);
                Saved::Kept
            }
            Err(Refused) => {
                let _ = self.visit.set(&name, &raw);
                Saved::ThisVisitOnly
            }
        }
    }
}

/// The browser's localStorage; every call may throw (disabled, quota, privacy modes).
struct Local;

impl Local {
    fn storage() -> Result<web_sys::Storage, Refused> {
        web_sys::window()
            .ok_or(Refused)?
            .local_storage()
            .map_err(|_| Refused)?
            .ok_or(Refused)
    }
}

impl Backend for Local {
    fn get(&self, name: &str) -> Result<Option<String>, Refused> {
        Self::storage()?.get_item(name).map_err(|_| Refused)
    }
    fn set(&self, name: &str, value: &str) -> Result<(), Refused> {
        Self::storage()?.set_item(name, value).map_err(|_| Refused)
    }
    fn remove(&self, name: &str) {
        if let Ok(storage) = Self::storage() {
            let _ = storage.remove_item(name);
        }
    }
}

thread_local! {
    static BROWSER: Store<Local> = Store::new(Local);
}

/// Reads a value from the browser's storage (see the module rules).
pub fn load<T: DeserializeOwned + Serialize>(key: Key) -> Option<T> {
    BROWSER.with(|store| store.load(key))
}

/// Reads `key` from the browser's storage, taking over `from` (see [`Store::load_or_adopt`]).
pub fn load_or_adopt<T, O>(key: Key, from: Key, adopt: impl FnOnce(O) -> T) -> Option<T>
where
    T: DeserializeOwned + Serialize,
    O: DeserializeOwned + Serialize,
{
    BROWSER.with(|store| store.load_or_adopt(key, from, adopt))
}

/// The event that tells this tab's other islands a key changed (the browser's `storage`
/// event only reaches other tabs). Its detail is the key's full name.
pub const STORED_HERE: &str = "skill-profiles:stored";

/// Writes a value to the browser's storage, or for this visit only, and tells the page's
/// other islands (the header's watch count follows the profile's toggle so).
pub fn save<T: Serialize>(key: Key, value: &T) -> Saved {
    let saved = BROWSER.with(|store| store.save(key, value));
    announce(key);
    saved
}

fn announce(key: Key) {
    use wasm_bindgen::JsValue;
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&full_name(key)));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(STORED_HERE, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `changed` whenever another tab (or another part of this page) changes `key`, or
/// storage is cleared, for the rest of the page's life. Plain DOM listeners, so the
/// enhancements ([`crate::dom`]) use it without a reactive runtime.
pub fn on_change(key: Key, changed: impl Fn() + Clone + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let name = full_name(key);
    {
        let (name, changed) = (name.clone(), changed.clone());
        crate::dom::listen(&window, "storage", false, move |ev| {
            let key = ev.dyn_ref::<web_sys::StorageEvent>().map(|ev| ev.key());
            // No key: storage was cleared.
            if key.is_none_or(|k| k.is_none_or(|k| k == name)) {
                changed();
            }
        });
    }
    crate::dom::listen(&window, STORED_HERE, false, move |ev| {
        let detail = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|ev| ev.detail().as_string());
        if detail.as_deref() == Some(name.as_str()) {
            changed();
        }
    });
}

/// This browser's drafts, one per skill, each read and written afresh so another tab's
/// drafts of other skills are kept.
pub mod drafts {
    use super::{Saved, DRAFTS};
    use crate::model::{Draft, Drafts};

    /// Every draft of this browser.
    pub fn all() -> Drafts {
        super::load(DRAFTS).unwrap_or_default()
    }

    /// The draft of `slug`, if there is one.
    pub fn load(slug: &str) -> Option<Draft> {
        all().0.remove(slug)
    }

    /// Keeps `draft` as the draft of `slug`; an empty draft is removed instead.
    pub fn put(slug: &str, draft: Draft) -> Saved {
        if draft.is_empty() {
            return remove(slug);
        }
        let mut drafts = all();
        drafts.0.insert(slug.to_owned(), draft);
        super::save(DRAFTS, &drafts)
    }

    /// Drops the draft of `slug`.
    pub fn remove(slug: &str) -> Saved {
        let mut drafts = all();
        drafts.0.remove(slug);
        super::save(DRAFTS, &drafts)
    }
}

/// The comments being written in this browser, by thread, read afresh for every change so
/// another tab's are kept.
pub mod comments {
    use super::COMMENTS;
    use crate::model::CommentDrafts;

    /// The comment being written in `thread`, if any.
    pub fn load(thread: &str) -> Option<String> {
        let mut drafts: CommentDrafts = super::load(COMMENTS)?;
        drafts.0.remove(thread).map(|draft| draft.text)
    }

    /// Keeps `text` as the comment being written in `thread` at `now` (empty: dropped).
    pub fn put(thread: &str, text: &str, now: f64) {
        let mut drafts: CommentDrafts = super::load(COMMENTS).unwrap_or_default();
        if text.trim().is_empty() && !drafts.0.contains_key(thread) {
            return;
        }
        drafts.put(thread, text, now);
        super::save(COMMENTS, &drafts);
    }
}

/// This browser's growth-plan notes, read afresh for every change so another tab's notes
/// are kept.
pub mod notes {
    use super::{Saved, PLAN, SELF_CHECK};
    use crate::model::{Note, NoteProblem, Notebook, NotesFile, SelfCheck};

    /// Every note of this browser; the first read takes over the earlier self-check's ticks.
    pub fn all() -> Notebook {
        super::load_or_adopt(PLAN, SELF_CHECK, |check: SelfCheck| {
            Notebook::from_self_check(&check)
        })
        .unwrap_or_default()
    }

    /// Keeps `note` under `key` (an empty one removes it), or says which limit it breaks.
    pub fn put(key: &str, note: Note) -> Result<Saved, NoteProblem> {
        let mut book = all();
        book.put(key, note)?;
        Ok(super::save(PLAN, &book))
    }

    /// Takes every note of an imported file.
    pub fn import(file: NotesFile) -> Saved {
        let mut book = all();
        book.import(file);
        super::save(PLAN, &book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(store: &Store<Memory>, key: Key) -> Option<String> {
        store.backend().get(&full_name(key)).ok().flatten()
    }

    #[test]
    fn a_value_from_the_future_is_set_aside_not_read() {
        let store = Store::new(Memory::default());
        let _ = store
            .backend()
            .set(&full_name(PLAN), r#"{"v":9,"data":{}}"#);
        assert_eq!(store.load::<Value>(PLAN), None);
        assert_eq!(
            store
                .backend()
                .get("skill-profiles.plan.corrupt")
                .ok()
                .flatten()
                .as_deref(),
            Some(r#"{"v":9,"data":{}}"#)
        );
    }

    #[test]
    fn a_new_key_takes_over_the_old_one_once_and_keeps_its_text() {
        let store = Store::new(Memory::default());
        let old = r#"{"v":1,"data":{"backup":{"dba/senior":{"label":"DBA","ticked":["Tests restores."],"total":2}}}}"#;
        let _ = store.backend().set(&full_name(SELF_CHECK), old);
        let adopt = |c: crate::model::SelfCheck| crate::model::Notebook::from_self_check(&c);
        let book = store
            .load_or_adopt(PLAN, SELF_CHECK, adopt)
            .expect("adopted");
        assert!(book.0.contains_key("backup/dba/senior"));
        assert!(stored(&store, PLAN).is_some());
        assert_eq!(stored(&store, SELF_CHECK), None);
        assert_eq!(
            store
                .backend()
                .get("skill-profiles.self-check.migrated")
                .ok()
                .flatten()
                .as_deref(),
            Some(old)
        );
        // Written once: later reads use the new key, even when it has been emptied.
        store.save(PLAN, &crate::model::Notebook::default());
        let again = store.load_or_adopt(PLAN, SELF_CHECK, adopt).expect("read");
        assert!(again.0.is_empty());
    }

    #[test]
    fn nothing_to_take_over_reads_as_nothing() {
        let store = Store::new(Memory::default());
        let adopt = |c: crate::model::SelfCheck| crate::model::Notebook::from_self_check(&c);
        assert_eq!(store.load_or_adopt(PLAN, SELF_CHECK, adopt), None);
        assert_eq!(stored(&store, PLAN), None);
    }
}
