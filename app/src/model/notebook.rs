//! The reader's private notes and evidence on a growth plan, one per expectation, kept in
//! this browser only (`storage::PLAN`) and moved between devices as a file the reader
//! exports and imports. Progress is worded as evidence the reader has, never as a pass
//! mark: a plan is for a conversation, not a promotion checklist.
//!
//! The file (`NotesFile`, documented in README's "Growth plan" section):
//!
//! ```json
//! { "format": "skill-profiles/plan-notes", "version": 1, "exported": "2026-12-02",
//!   "notes": { "<skill>/<role>/<level>": { "progress": "working-on-it", "text": "…",
//!     "links": ["https://…"], "expectation": "<the text the note was written against>",
//!     "about": "Backup & Recovery — DBA, Senior", "updated": "2026-12-02" } } }
//! ```

use super::{diff_words, Change, SelfCheck};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest note, in characters.
pub const MAX_NOTE_TEXT_CHARS: usize = 4_000;
/// Most evidence lines on one note.
pub const MAX_LINKS: usize = 20;
/// Longest evidence line, in characters.
pub const MAX_LINK_CHARS: usize = 500;
/// Most notes in one browser (and one file).
pub const MAX_NOTES: usize = 5_000;
/// Largest file an import reads, in bytes.
pub const MAX_IMPORT_BYTES: usize = 5_000_000;
/// What a notes file says it is.
pub const NOTES_FORMAT: &str = "skill-profiles/plan-notes";
/// The version of the file this build writes and the newest it reads.
pub const NOTES_VERSION: u32 = 1;

/// Where the reader says they are with one expectation, in their own words' terms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    /// Nothing yet.
    #[default]
    NotStarted,
    /// Working toward it.
    WorkingOnIt,
    /// The reader has evidence to show.
    HaveEvidence,
}

impl Progress {
    /// Every state, in the order the form offers them.
    pub const ALL: [Progress; 3] = [Self::NotStarted, Self::WorkingOnIt, Self::HaveEvidence];

    /// Its name in the form and the file.
    pub fn id(self) -> &'static str {
        match self {
            Self::NotStarted => "not-started",
            Self::WorkingOnIt => "working-on-it",
            Self::HaveEvidence => "have-evidence",
        }
    }

    /// The state with this name.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// How the reader says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::WorkingOnIt => "Working on it",
            Self::HaveEvidence => "Have evidence",
        }
    }
}

/// The reader's note on one expectation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Where they are with it.
    #[serde(default)]
    pub progress: Progress,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Evidence, one line each: a web address, or words ("the May failover drill").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The expectation as it read when the note was last written: what "changed since you
    /// wrote this" compares with. `None` for a note migrated from the self-check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expectation: Option<String>,
    /// What it is about in words, for when the expectation is gone: "Backup — DBA, Senior".
    #[serde(default)]
    pub about: String,
    /// When it was last written, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated: String,
}

impl Note {
    /// What a note is about in words, from the skill and the goal ("DBA, Senior"):
    /// "Backup — DBA, Senior".
    pub fn about(skill: &str, goal: &str) -> String {
        format!("{skill} — {goal}")
    }

    /// The goal part of [`Note::about`] ("DBA, Senior"), or all of it.
    pub fn goal(&self) -> &str {
        self.about
            .split_once(" — ")
            .map_or(self.about.as_str(), |(_, goal)| goal)
    }

    /// Nothing written and nothing chosen: not worth keeping.
    pub fn is_empty(&self) -> bool {
        self.progress == Progress::NotStarted
            && self.text.trim().is_empty()
            && self.links.is_empty()
    }

    /// The word-level changes of the expectation since the note was written, or `None`
    /// when it reads as it did (or the note never recorded it).
    pub fn changed_since(&self, now: &str) -> Option<Vec<Change>> {
        let then = self.expectation.as_deref()?;
        (then != now).then(|| diff_words(then, now))
    }

    /// The evidence typed into the form, one per line; blank lines dropped.
    pub fn lines(typed: &str) -> Vec<String> {
        typed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// What is wrong with this note, if anything: the first broken limit.
    pub fn problem(&self) -> Option<NoteProblem> {
        if self.text.chars().count() > MAX_NOTE_TEXT_CHARS {
            return Some(NoteProblem::TextTooLong);
        }
        if self.links.len() > MAX_LINKS {
            return Some(NoteProblem::TooManyLinks);
        }
        self.links
            .iter()
            .position(|l| l.chars().count() > MAX_LINK_CHARS)
            .map(|n| NoteProblem::LinkTooLong(n + 1))
    }
}

/// A limit a note breaks; the form says it and keeps the reader's text on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteProblem {
    /// The note is over [`MAX_NOTE_TEXT_CHARS`].
    TextTooLong,
    /// More than [`MAX_LINKS`] evidence lines.
    TooManyLinks,
    /// Evidence line `n` (from 1) is over [`MAX_LINK_CHARS`].
    LinkTooLong(usize),
    /// The browser already keeps [`MAX_NOTES`] notes.
    TooManyNotes,
}

impl NoteProblem {
    /// The sentence the form shows.
    pub fn message(self) -> String {
        match self {
            Self::TextTooLong => {
                format!("Not saved: keep the note under {MAX_NOTE_TEXT_CHARS} characters.")
            }
            Self::TooManyLinks => format!("Not saved: at most {MAX_LINKS} lines of evidence."),
            Self::LinkTooLong(n) => format!(
                "Not saved: line {n} of the evidence is over {MAX_LINK_CHARS} characters."
            ),
            Self::TooManyNotes => format!(
                "Not saved: this browser already keeps {MAX_NOTES} notes. Export them, then clear some."
            ),
        }
    }
}

/// Every note of this browser, by [`super::note_key`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notebook(pub BTreeMap<String, Note>);

impl Notebook {
    /// Keeps `note` under `key` (an empty note removes it), or says which limit it breaks.
    pub fn put(&mut self, key: &str, note: Note) -> Result<(), NoteProblem> {
        if note.is_empty() {
            self.0.remove(key);
            return Ok(());
        }
        if let Some(problem) = note.problem() {
            return Err(problem);
        }
        if !self.0.contains_key(key) && self.0.len() >= MAX_NOTES {
            return Err(NoteProblem::TooManyNotes);
        }
        self.0.insert(key.to_owned(), note);
        Ok(())
    }

    /// The notes of the earlier self-check, which ticked the next level's new sentences a
    /// reader already met: each goal with ticks becomes a note "working on it" on that
    /// level's expectation, listing the sentences as already covered.
    pub fn from_self_check(check: &SelfCheck) -> Self {
        let mut notes = BTreeMap::new();
        for (slug, goals) in &check.0 {
            for (goal, ticks) in goals {
                if ticks.ticked.is_empty() {
                    continue;
                }
                let mut text = String::from("Already covered (from the self-check):");
                for sentence in &ticks.ticked {
                    text.push_str("\n- ");
                    text.push_str(sentence);
                }
                let label = if ticks.label.is_empty() {
                    goal
                } else {
                    &ticks.label
                };
                let about = Note::about(slug, label);
                notes.insert(
                    format!("{slug}/{goal}"),
                    Note {
                        progress: Progress::WorkingOnIt,
                        text,
                        about,
                        ..Note::default()
                    },
                );
            }
        }
        Self(notes)
    }

    /// The notes file of this notebook, written on `today`.
    pub fn export(&self, today: &str) -> NotesFile {
        NotesFile {
            format: NOTES_FORMAT.to_owned(),
            version: NOTES_VERSION,
            exported: today.to_owned(),
            notes: self.0.clone(),
        }
    }

    /// What importing `file` would do here.
    pub fn preview(&self, file: &NotesFile) -> ImportPreview {
        let mut preview = ImportPreview::default();
        for (key, note) in &file.notes {
            let about = if note.about.is_empty() {
                key.clone()
            } else {
                note.about.clone()
            };
            match self.0.get(key) {
                None => preview.added.push(about),
                Some(here) if here == note => preview.unchanged += 1,
                Some(_) => preview.replaced.push(about),
            }
        }
        preview
    }

    /// Takes every note of `file`, replacing the notes here under the same keys.
    pub fn import(&mut self, file: NotesFile) {
        self.0.extend(file.notes);
    }
}

/// What an import would do, shown before the reader agrees to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// Notes this browser does not have, by what they are about.
    pub added: Vec<String>,
    /// Notes that would replace different ones here.
    pub replaced: Vec<String>,
    /// Notes already here as they are in the file.
    pub unchanged: usize,
}

impl ImportPreview {
    /// The question the page asks: "This file has 3 notes: 2 new, 1 would replace…".
    pub fn question(&self) -> String {
        let total = self.added.len() + self.replaced.len() + self.unchanged;
        let notes = |n: usize| if n == 1 { "note" } else { "notes" };
        let mut parts = vec![format!("{} new", self.added.len())];
        if !self.replaced.is_empty() {
            parts.push(format!(
                "{} would replace the {} kept here",
                self.replaced.len(),
                notes(self.replaced.len())
            ));
        }
        if self.unchanged > 0 {
            parts.push(format!("{} already here", self.unchanged));
        }
        format!(
            "This file has {total} {}: {}.",
            notes(total),
            parts.join(", ")
        )
    }

    /// Nothing would change.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.replaced.is_empty()
    }
}

/// The notes file: what export writes and import reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesFile {
    /// Always [`NOTES_FORMAT`].
    pub format: String,
    /// The schema version, [`NOTES_VERSION`] for this build.
    pub version: u32,
    /// When it was written, `YYYY-MM-DD`.
    #[serde(default)]
    pub exported: String,
    /// The notes, by `<skill>/<role>/<level>`.
    pub notes: BTreeMap<String, Note>,
}

/// Why a file cannot be imported; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Over [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not JSON at all.
    NotJson,
    /// JSON, but not a notes file of this site.
    Foreign,
    /// Written by a newer version of the site.
    Newer(u32),
    /// A notes file whose content is damaged: what is wrong.
    Broken(String),
}

impl ImportProblem {
    /// The sentence the page shows.
    pub fn message(&self) -> String {
        let nothing = "Nothing was changed.";
        match self {
            Self::TooLarge => format!(
                "This file is larger than a notes file can be ({} MB). {nothing}",
                MAX_IMPORT_BYTES / 1_000_000
            ),
            Self::NotJson => format!(
                "This file is not a notes file: it is not JSON. Choose the .json file “Download your notes” wrote. {nothing}"
            ),
            Self::Foreign => format!(
                "This JSON file is not a notes file of Skill Profiles. Choose the file “Download your notes” wrote. {nothing}"
            ),
            Self::Newer(v) => format!(
                "This notes file was written by a newer version of Skill Profiles (file version {v}; this site reads up to {NOTES_VERSION}). {nothing}"
            ),
            Self::Broken(why) => format!("This notes file is damaged: {why}. {nothing}"),
        }
    }
}

/// Reads a notes file the reader chose: every limit a note has in the form holds, every
/// key names an expectation.
pub fn parse_notes_file(text: &str) -> Result<NotesFile, ImportProblem> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportProblem::TooLarge);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| ImportProblem::NotJson)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(NOTES_FORMAT) {
        return Err(ImportProblem::Foreign);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(NOTES_VERSION) => {
            return Err(ImportProblem::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
        }
        Some(v) if v >= 1 => {}
        _ => return Err(ImportProblem::Broken("its version is missing".into())),
    }
    let file: NotesFile = serde_json::from_value(value)
        .map_err(|e| ImportProblem::Broken(format!("its notes cannot be read ({e})")))?;
    if file.notes.len() > MAX_NOTES {
        return Err(ImportProblem::Broken(format!(
            "it has more than {MAX_NOTES} notes"
        )));
    }
    for (key, note) in &file.notes {
        if super::split_note_key(key).is_none() {
            return Err(ImportProblem::Broken(format!(
                "“{key}” does not name a skill, role and level"
            )));
        }
        if let Some(problem) = note.problem() {
            let why = problem.message();
            let why = why.trim_start_matches("Not saved: ").trim_end_matches('.');
            return Err(ImportProblem::Broken(format!("the note on {key}: {why}")));
        }
    }
    Ok(file)
}

/// One expectation of a plan as the printed page and the Markdown file list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// The note key.
    pub key: String,
    /// Skill title.
    pub skill: String,
    /// "Domain › Group".
    pub place: String,
    /// Required or optional.
    pub required: bool,
    /// The expectation.
    pub text: String,
}

/// The plan as Markdown, with the reader's notes: for a one-to-one conversation.
pub fn plan_markdown(heading: &str, lines: &[PlanLine], notes: &Notebook) -> String {
    let mut out = format!("# {heading}\n");
    let mut place = "";
    for line in lines {
        if line.place != place {
            place = &line.place;
            out.push_str(&format!("\n## {place}\n"));
        }
        let kind = if line.required {
            "required"
        } else {
            "optional"
        };
        out.push_str(&format!("\n### {} ({kind})\n\n{}\n", line.skill, line.text));
        if let Some(note) = notes.0.get(&line.key) {
            out.push_str(&format!("\n- Where I am: {}\n", note.progress.label()));
            for l in note.text.lines() {
                out.push_str(&format!("  > {l}\n"));
            }
            for link in &note.links {
                out.push_str(&format!("- Evidence: {link}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ticks;

    fn note(text: &str) -> Note {
        Note {
            progress: Progress::WorkingOnIt,
            text: text.into(),
            about: format!("About {text}"),
            ..Note::default()
        }
    }

    #[test]
    fn an_empty_note_is_not_kept() {
        let mut book = Notebook::default();
        book.put("a/dba/senior", note("x")).expect("kept");
        book.put("a/dba/senior", Note::default()).expect("removed");
        assert!(book.0.is_empty());
    }

    #[test]
    fn a_note_over_a_limit_is_refused_with_a_message() {
        let mut book = Notebook::default();
        let long = note(&"x".repeat(MAX_NOTE_TEXT_CHARS + 1));
        assert_eq!(book.put("a/b/c", long), Err(NoteProblem::TextTooLong));
        let mut links = note("x");
        links.links = vec!["https://example.com".into(), "y".repeat(MAX_LINK_CHARS + 1)];
        assert_eq!(book.put("a/b/c", links), Err(NoteProblem::LinkTooLong(2)));
        assert!(NoteProblem::LinkTooLong(2).message().contains("line 2"));
        assert!(book.0.is_empty());
    }

    #[test]
    fn evidence_is_one_line_each_without_blank_lines() {
        assert_eq!(
            Note::lines(" https://a.example \n\n the May drill \n"),
            ["https://a.example", "the May drill"]
        );
    }

    #[test]
    fn a_note_says_how_its_expectation_changed_since_it_was_written() {
        let mut n = note("x");
        assert_eq!(n.changed_since("Runs backups."), None, "nothing recorded");
        n.expectation = Some("Runs backups.".into());
        assert_eq!(n.changed_since("Runs backups."), None);
        let changes = n.changed_since("Runs and tests backups.").expect("changed");
        assert!(changes.contains(&Change::Added("and tests ".into())));
    }

    #[test]
    fn the_self_check_becomes_notes_on_the_level_worked_toward() {
        let mut check = SelfCheck::default();
        check.0.entry("backup".into()).or_default().insert(
            "dba/senior".into(),
            Ticks {
                label: "DBA, Middle → Senior".into(),
                ticked: vec!["Tests restores.".into()],
                total: 3,
            },
        );
        check
            .0
            .entry("backup".into())
            .or_default()
            .insert("dba/middle".into(), Ticks::default());
        let book = Notebook::from_self_check(&check);
        assert_eq!(book.0.len(), 1, "a goal without ticks has nothing to keep");
        let n = &book.0["backup/dba/senior"];
        assert_eq!(n.progress, Progress::WorkingOnIt);
        assert!(n.text.contains("- Tests restores."));
        assert_eq!(n.about, "backup — DBA, Middle → Senior");
    }

    #[test]
    fn an_exported_file_imports_back_as_it_was() {
        let mut book = Notebook::default();
        book.put("a/dba/senior", note("x")).expect("kept");
        let text = serde_json::to_string(&book.export("2026-12-02")).expect("writes");
        let file = parse_notes_file(&text).expect("reads");
        let mut other = Notebook::default();
        other.import(file);
        assert_eq!(other, book);
    }

    #[test]
    fn the_preview_counts_what_would_be_added_replaced_or_kept() {
        let mut here = Notebook::default();
        here.put("a/dba/senior", note("same")).expect("kept");
        here.put("b/dba/senior", note("mine")).expect("kept");
        let mut there = here.clone();
        there.0.insert("b/dba/senior".into(), note("theirs"));
        there.0.insert("c/dba/senior".into(), note("new"));
        let preview = here.preview(&there.export("2026-12-02"));
        assert_eq!(preview.added, ["About new"]);
        assert_eq!(preview.replaced, ["About theirs"]);
        assert_eq!(preview.unchanged, 1);
        assert_eq!(
            preview.question(),
            "This file has 3 notes: 1 new, 1 would replace the note kept here, 1 already here."
        );
    }

    #[test]
    fn broken_foreign_and_future_files_are_refused_by_name() {
        assert_eq!(parse_notes_file("{not json"), Err(ImportProblem::NotJson));
        assert_eq!(
            parse_notes_file(r#"{"name":"a theme file"}"#),
            Err(ImportProblem::Foreign)
        );
        assert_eq!(
            parse_notes_file(r#"{"format":"skill-profiles/plan-notes","version":7,"notes":{}}"#),
            Err(ImportProblem::Newer(7))
        );
        assert!(matches!(
            parse_notes_file(
                r#"{"format":"skill-profiles/plan-notes","version":1,"notes":{"a/b/c":{"progress":"passed"}}}"#
            ),
            Err(ImportProblem::Broken(_))
        ));
        assert!(matches!(
            parse_notes_file(r#"{"format":"skill-profiles/plan-notes","version":1,"notes":{"nowhere":{}}}"#),
            Err(ImportProblem::Broken(why)) if why.contains("nowhere")
        ));
        assert!(ImportProblem::Newer(7).message().contains("newer version"));
        assert!(ImportProblem::NotJson
            .message()
            .ends_with("Nothing was changed."));
    }

    #[test]
    fn the_markdown_lists_every_expectation_by_place_with_the_notes() {
        let lines = [
            PlanLine {
                key: "a/dba/senior".into(),
                skill: "Backup".into(),
                place: "Data › Storage".into(),
                required: true,
                text: "Tests restores.".into(),
            },
            PlanLine {
                key: "b/dba/senior".into(),
                skill: "Tuning".into(),
                place: "Data › Storage".into(),
                required: false,
                text: "Reads plans.".into(),
            },
        ];
        let mut book = Notebook::default();
        let mut n = note("Did the May drill");
        n.links = vec!["https://wiki.example/drill".into()];
        book.put("a/dba/senior", n).expect("kept");
        let md = plan_markdown("DBA at Senior", &lines, &book);
        assert_eq!(md.matches("## Data › Storage").count(), 1);
        assert!(md.contains("### Backup (required)\n\nTests restores."));
        assert!(md.contains("- Where I am: Working on it\n  > Did the May drill\n- Evidence: https://wiki.example/drill"));
        assert!(md.contains("### Tuning (optional)\n\nReads plans.\n"));
    }
}
