//! A suggested change being drafted in the browser: cell edits over one profile and a
//! rationale, with what each edited cell said when the draft began, so the editor can show
//! which cells changed underneath it.

use super::{
    check_text, Expectation, Profile, ProfileError, ProposedCell, Seen, Submission,
    MAX_EXPECTATION_CHARS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest rationale, in characters.
pub const MAX_RATIONALE_CHARS: usize = 2_000;

/// One edited cell: what it said when editing began, and what the reader wants instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellEdit {
    /// The cell's text when the draft began.
    pub base_text: String,
    /// The cell's flag when the draft began.
    pub base_required: bool,
    /// The proposed text.
    pub text: String,
    /// The proposed flag.
    pub required: bool,
}

/// A draft over one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The skill's title when the draft began, shown if the skill is gone.
    pub title: String,
    /// What the profile was when the draft began.
    pub base: Seen,
    /// Edited cells by [`cell_key`]; cells equal to their base are not kept.
    pub edits: BTreeMap<String, CellEdit>,
    /// Why the change is needed.
    pub rationale: String,
    /// When it was last saved, in milliseconds since 1970 (browser clock).
    pub saved_at: f64,
    /// The revision of the skill the draft began from; 0 in drafts saved before revisions
    /// were numbered (the published one is assumed).
    #[serde(default)]
    pub base_revision: u32,
    /// Chosen at the first submit and kept with the draft, so every retry (after a timeout,
    /// a reload, going offline) carries the same key and the server stores one proposal.
    #[serde(default)]
    pub submit_key: Option<String>,
    /// Submitted while the browser was offline: the submission as it will be sent (with the
    /// submit key), waiting for the network. The page's offline script
    /// (`server/src/http/offline.js`) sends it when the browser is back online, on the next
    /// visit, or from the offline worker's background sync, and deletes the draft once the
    /// server has stored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Submission>,
    /// When it was queued, in milliseconds since 1970 (browser clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_at: Option<f64>,
}

/// The key of a cell in a draft: `level/role` ids.
pub fn cell_key(level: &str, role: &str) -> String {
    format!("{level}/{role}")
}

impl Draft {
    /// An empty draft over `profile`.
    pub fn new(profile: &Profile) -> Self {
        Self {
            title: profile.title().to_owned(),
            base: Seen::of(profile),
            edits: BTreeMap::new(),
            rationale: String::new(),
            saved_at: 0.0,
            base_revision: 0,
            submit_key: None,
            outbox: None,
            queued_at: None,
        }
    }

    /// Whether it is waiting to be sent.
    pub fn waiting(&self) -> bool {
        self.outbox.is_some()
    }

    /// Queues `submission` to be sent when the browser is back online, at `now`.
    pub fn queue(&mut self, submission: Submission, now: f64) {
        self.outbox = Some(submission);
        self.queued_at = Some(now);
    }

    /// Takes it out of the queue: it is a draft again (its submit key stays, so a later
    /// submit still never makes a second proposal if the queued one did arrive).
    pub fn unqueue(&mut self) {
        self.outbox = None;
        self.queued_at = None;
    }

    /// The draft as sent to the server: every edited cell, the rationale, the revision it
    /// began from (`published` for older drafts) and its submit key.
    pub fn submission(&self, slug: &str, published: u32, key: &str) -> Submission {
        Submission {
            slug: slug.to_owned(),
            base_revision: if self.base_revision == 0 {
                published
            } else {
                self.base_revision
            },
            edits: self
                .edits
                .iter()
                .filter_map(|(key, edit)| {
                    let (level, role) = key.split_once('/')?;
                    Some(ProposedCell {
                        level: level.to_owned(),
                        role: role.to_owned(),
                        text: edit.text.clone(),
                        required: edit.required,
                    })
                })
                .collect(),
            rationale: self.rationale.clone(),
            idempotency_key: key.to_owned(),
        }
    }

    /// Sets a cell of `profile` to `text`/`required`; an edit back to the base is dropped.
    pub fn set_cell(
        &mut self,
        profile: &Profile,
        level: usize,
        role: usize,
        text: &str,
        required: bool,
    ) {
        let (Some(l), Some(r), Some(cell)) = (
            profile.levels().get(level),
            profile.roles().get(role),
            profile.cell(level, role),
        ) else {
            return;
        };
        let key = cell_key(l.id.as_str(), r.id.as_str());
        let base = self.edits.get(&key).map_or_else(
            || (cell.text.clone(), cell.required),
            |e| (e.base_text.clone(), e.base_required),
        );
        if text == base.0 && required == base.1 {
            self.edits.remove(&key);
        } else {
            self.edits.insert(
                key,
                CellEdit {
                    base_text: base.0,
                    base_required: base.1,
                    text: text.to_owned(),
                    required,
                },
            );
        }
    }

    /// The cell under `key` as the draft has it: the edit, else `base` (the profile's cell).
    pub fn cell(&self, key: &str, base: &Expectation) -> Expectation {
        self.edits.get(key).map_or_else(
            || base.clone(),
            |edit| Expectation {
                text: edit.text.clone(),
                required: edit.required,
            },
        )
    }

    /// True when nothing is edited and no rationale is written.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.rationale.trim().is_empty()
    }

    /// The edited cells whose current text or flag in `profile` is not what the draft
    /// started from: someone changed them underneath.
    pub fn changed_under(&self, profile: &Profile) -> Vec<String> {
        let mut changed = Vec::new();
        for (level_index, level) in profile.levels().iter().enumerate() {
            for (role_index, role) in profile.roles().iter().enumerate() {
                let key = cell_key(level.id.as_str(), role.id.as_str());
                if let (Some(edit), Some(cell)) =
                    (self.edits.get(&key), profile.cell(level_index, role_index))
                {
                    if edit.base_text != cell.text || edit.base_required != cell.required {
                        changed.push(key);
                    }
                }
            }
        }
        changed
    }

    /// Every problem of the draft's fields, each naming the field.
    pub fn problems(&self, profile: &Profile) -> Vec<ProfileError> {
        let mut found = Vec::new();
        for (key, edit) in &self.edits {
            let name = describe(profile, key).unwrap_or_else(|| key.clone());
            if let Err(err) = check_text(
                format!("the text for {name}"),
                &edit.text,
                MAX_EXPECTATION_CHARS,
            ) {
                found.push(err);
            }
        }
        if let Err(err) = check_text("the rationale", &self.rationale, MAX_RATIONALE_CHARS) {
            found.push(err);
        }
        found
    }
}

/// "Database Engineer / DBA at Senior" for a cell key of `profile`.
pub fn describe(profile: &Profile, key: &str) -> Option<String> {
    let (level, role) = key.split_once('/')?;
    let level = profile.levels().iter().find(|l| l.id.as_str() == level)?;
    let role = profile.roles().iter().find(|r| r.id.as_str() == role)?;
    Some(format!("{} at {}", role.name, level.name))
}

/// Every draft in this browser, by skill slug.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drafts(pub BTreeMap<String, Draft>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn profile() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    #[test]
    fn an_edit_is_kept_with_its_base_and_an_edit_back_to_the_base_is_dropped() {
        let p = profile();
        let mut draft = Draft::new(&p);
        draft.set_cell(&p, 0, 0, "Restores a whole cluster.", true);
        let edit = &draft.edits["junior/dba"];
        assert_eq!(edit.base_text, "Restores a table.");
        assert_eq!(edit.text, "Restores a whole cluster.");
        let base = p.cell(0, 0).unwrap();
        assert_eq!(
            draft.cell("junior/dba", base).text,
            "Restores a whole cluster."
        );
        draft.set_cell(&p, 0, 0, "Restores a table.", true);
        assert!(draft.is_empty());
        assert_eq!(draft.cell("junior/dba", base), *base);
        draft.set_cell(&p, 0, 1, "Watches backups.", true);
        assert!(!draft.edits["junior/sre"].base_required);
    }

    #[test]
    fn a_submission_carries_every_edit_the_base_and_the_key() {
        let p = profile();
        let mut draft = Draft::new(&p);
        draft.set_cell(&p, 1, 0, "Designs PITR across regions.", false);
        draft.rationale = "Regions matter.".into();
        let sent = draft.submission("backup", 3, "key-1234567890abcdef");
        assert_eq!(
            sent.base_revision, 3,
            "an unnumbered draft takes the published one"
        );
        assert_eq!(sent.edits.len(), 1);
        assert_eq!(
            (sent.edits[0].level.as_str(), sent.edits[0].role.as_str()),
            ("senior", "dba")
        );
        assert!(!sent.edits[0].required);
        assert_eq!(sent.idempotency_key, "key-1234567890abcdef");
        assert!(sent.problems(&p).is_empty());
        draft.base_revision = 2;
        assert_eq!(draft.submission("backup", 3, "k").base_revision, 2);
    }

    #[test]
    fn a_draft_saved_before_revisions_were_numbered_still_reads() {
        let old = r#"{"title":"T","base":{"updated":"2026-01-01","fingerprint":"ab"},"edits":{},"rationale":"","saved_at":1.0}"#;
        let draft: Draft = serde_json::from_str(old).unwrap();
        assert_eq!((draft.base_revision, draft.submit_key), (0, None));
    }

    #[test]
    fn a_queued_draft_keeps_what_it_will_send_until_it_is_taken_out_of_the_queue() {
        let p = profile();
        let mut draft = Draft::new(&p);
        draft.set_cell(&p, 1, 0, "Designs PITR across regions.", true);
        draft.rationale = "Regions matter.".into();
        assert!(!draft.waiting());
        let plain = serde_json::to_value(&draft).unwrap();
        assert!(
            plain.get("outbox").is_none(),
            "an unqueued draft is stored as before"
        );
        draft.queue(draft.submission("backup", 3, "key-1234567890abcdef"), 5.0);
        // What the offline script posts: `{"submission": draft.outbox}`.
        let stored = serde_json::to_value(&draft).unwrap();
        assert_eq!(stored["outbox"]["idempotency_key"], "key-1234567890abcdef");
        assert_eq!(stored["outbox"]["slug"], "backup");
        assert_eq!(stored["queued_at"], 5.0);
        let read: Draft = serde_json::from_value(stored).unwrap();
        assert!(read.waiting());
        let mut read = read;
        read.unqueue();
        assert!(!read.waiting() && read.queued_at.is_none());
    }

    #[test]
    fn cells_changed_under_the_draft_are_named() {
        let p = profile();
        let mut draft = Draft::new(&p);
        draft.set_cell(&p, 1, 0, "Designs PITR across regions.", true);
        draft.set_cell(&p, 0, 1, "Watches and tests backups.", false);
        let mut later = parts();
        later.cells[1][0].text = "Designs PITR and drills.".into();
        let later = Profile::try_from(later).unwrap();
        assert_eq!(draft.changed_under(&later), ["senior/dba"]);
        assert!(draft.changed_under(&p).is_empty());
        assert_eq!(describe(&p, "senior/dba").unwrap(), "DBA at Senior");
    }

    #[test]
    fn problems_name_each_field_over_its_limit_or_empty() {
        let p = profile();
        let mut draft = Draft::new(&p);
        draft.set_cell(&p, 0, 0, "", true);
        draft.rationale = "x".repeat(MAX_RATIONALE_CHARS + 1);
        let problems: Vec<String> = draft.problems(&p).iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("the text for DBA at Junior"),
            "{problems:?}"
        );
        assert!(problems[1].contains("the rationale"), "{problems:?}");
    }
}
