//! What the reader keeps in their own browser about skills: the ones they watch (and what
//! they last saw of each) and their private self-check. Plain data; the storage module
//! keeps it.

use super::{Date, Profile};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the reader last saw of a skill: enough to tell that it changed since, and from
/// which revision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Seen {
    /// The profile's last-updated date then.
    pub updated: Date,
    /// The profile's content fingerprint then (see [`Profile::fingerprint`]).
    pub fingerprint: String,
    /// The revision then; 0 when unknown (watches kept before revisions were numbered).
    #[serde(default)]
    pub revision: u32,
}

/// Two sightings are the same when the content is: the revision number only says where to
/// start a diff from.
impl PartialEq for Seen {
    fn eq(&self, other: &Self) -> bool {
        self.updated == other.updated && self.fingerprint == other.fingerprint
    }
}

impl Eq for Seen {}

impl Seen {
    /// What the reader sees of `profile` now, revision unknown.
    pub fn of(profile: &Profile) -> Self {
        Self::at(profile, 0)
    }

    /// What the reader sees of `profile`, published as `revision`.
    pub fn at(profile: &Profile, revision: u32) -> Self {
        Self {
            updated: profile.updated(),
            fingerprint: profile.fingerprint(),
            revision,
        }
    }
}

/// One watched skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// The title when watched, shown if the skill is no longer published.
    pub title: String,
    /// What the reader last saw.
    pub seen: Seen,
}

impl Watch {
    /// A watch of `profile` as published now, as `revision`.
    pub fn of(profile: &Profile, revision: u32) -> Self {
        Self {
            title: profile.title().to_owned(),
            seen: Seen::at(profile, revision),
        }
    }
}

/// The watched skills, by slug.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watches(pub BTreeMap<String, Watch>);

impl Watches {
    /// Upgrades stored data: version 1 was a plain list of slugs, with nothing seen; they
    /// become watches last seen "never", so each shows as changed until looked at.
    pub fn migrate(from: u32, data: Value) -> Option<Value> {
        match from {
            1 => {
                let slugs: Vec<String> = serde_json::from_value(data).ok()?;
                let watches: BTreeMap<String, Watch> = slugs
                    .into_iter()
                    .map(|slug| {
                        let watch = Watch {
                            title: slug.clone(),
                            seen: Seen {
                                updated: Date::new(1970, 1, 1).ok()?,
                                fingerprint: String::new(),
                                revision: 0,
                            },
                        };
                        Some((slug, watch))
                    })
                    .collect::<Option<_>>()?;
                serde_json::to_value(Self(watches)).ok()
            }
            _ => None,
        }
    }

    /// True when `slug` is watched.
    pub fn contains(&self, slug: &str) -> bool {
        self.0.contains_key(slug)
    }

    /// Starts watching `slug` as `watch` says it is seen now, or stops watching it.
    pub fn toggle(&mut self, slug: &str, watch: Watch) {
        if self.0.remove(slug).is_none() {
            self.0.insert(slug.to_owned(), watch);
        }
    }

    /// The revision of `slug` this reader last looked at, when they watch it and it has
    /// changed since (`now` is what is published); `None` when it has not, or the revision
    /// then is unknown (watches kept before revisions were numbered).
    pub fn changed_since(&self, slug: &str, now: &Seen) -> Option<u32> {
        let then = &self.0.get(slug)?.seen;
        (then != now && then.revision > 0 && then.revision < now.revision).then_some(then.revision)
    }

    /// Records that the reader has seen `seen` of `slug`; false when nothing changed (so
    /// nothing needs writing).
    pub fn mark_seen(&mut self, slug: &str, seen: Seen) -> bool {
        match self.0.get_mut(slug) {
            Some(watch) if watch.seen != seen || watch.seen.revision < seen.revision => {
                watch.seen = seen;
                true
            }
            _ => false,
        }
    }
}

/// The ticked expectations of one earlier self-check: one role moving to one level of one
/// skill.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticks {
    /// The goal in words: "Database Engineer / DBA, Junior → Middle".
    #[serde(default)]
    pub label: String,
    /// The sentences the reader says they already meet.
    pub ticked: Vec<String>,
    /// How many sentences there were to meet.
    pub total: usize,
}

/// The earlier self-check, by skill slug, then by `role/level` (the level being worked
/// toward): only read, to become growth-plan notes (`Notebook::from_self_check`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheck(pub BTreeMap<String, BTreeMap<String, Ticks>>);

/// Most watched skills one request asks about.
pub const MAX_WATCHED: usize = 500;

/// A watched skill as published now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedNow {
    /// URL name.
    pub slug: String,
    /// Title now.
    pub title: String,
    /// Domain › group, for context.
    pub place: String,
    /// What a reader sees of it now.
    pub seen: Seen,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn profile() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    #[test]
    fn toggling_watches_a_skill_as_seen_now_and_toggling_again_stops() {
        let mut watches = Watches::default();
        watches.toggle("backup", Watch::of(&profile(), 1));
        assert!(watches.contains("backup"));
        assert_eq!(watches.0["backup"].seen, Seen::of(&profile()));
        watches.toggle("backup", Watch::of(&profile(), 1));
        assert!(!watches.contains("backup"));
    }

    #[test]
    fn marking_seen_reports_whether_anything_changed() {
        let mut watches = Watches::default();
        watches.toggle("backup", Watch::of(&profile(), 1));
        assert!(!watches.mark_seen("backup", Seen::of(&profile())));
        let mut later = parts();
        later.cells[0][0].text = "Restores a whole cluster.".into();
        let later = Profile::try_from(later).unwrap();
        assert!(watches.mark_seen("backup", Seen::of(&later)));
        assert!(!watches.mark_seen("unwatched", Seen::of(&later)));
    }

    #[test]
    fn version_one_watches_migrate_to_unseen_watches() {
        let data = Watches::migrate(1, serde_json::json!(["backup"])).unwrap();
        let watches: Watches = serde_json::from_value(data).unwrap();
        assert!(watches.contains("backup"));
        assert_ne!(watches.0["backup"].seen, Seen::of(&profile()));
        assert!(Watches::migrate(1, serde_json::json!({"not": "a list"})).is_none());
        assert!(Watches::migrate(7, serde_json::json!([])).is_none());
    }

    #[test]
    fn a_watcher_is_told_the_revision_they_last_saw_when_it_changed_since() {
        let mut watches = Watches::default();
        let then = Seen {
            updated: Date::new(2026, 9, 8).unwrap(),
            fingerprint: "a".into(),
            revision: 2,
        };
        let now = Seen {
            fingerprint: "b".into(),
            revision: 4,
            ..then.clone()
        };
        assert_eq!(watches.changed_since("x", &now), None, "not watched");
        watches.0.insert(
            "x".into(),
            Watch {
                title: "X".into(),
                seen: then.clone(),
            },
        );
        assert_eq!(watches.changed_since("x", &now), Some(2));
        assert_eq!(watches.changed_since("x", &then), None, "nothing new");
        let unnumbered = Seen {
            revision: 0,
            ..then
        };
        watches.0.get_mut("x").unwrap().seen = unnumbered;
        assert_eq!(
            watches.changed_since("x", &now),
            None,
            "revision then unknown"
        );
    }
}
