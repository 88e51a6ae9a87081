//! Proposals: a draft sent to the server. What a submission carries, how it is checked
//! against the revision it is based on (one message per field), and what a proposal page
//! shows of each edited cell.

use super::{check_text, Date, Profile, ProfileError, MAX_EXPECTATION_CHARS, MAX_RATIONALE_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Shortest and longest idempotency key, in characters.
pub const IDEMPOTENCY_KEY_CHARS: std::ops::RangeInclusive<usize> = 16..=64;

/// One edited cell as submitted: where, and what it should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedCell {
    /// Level id, `senior`.
    pub level: String,
    /// Role id, `dba`.
    pub role: String,
    /// The proposed text.
    pub text: String,
    /// The proposed flag.
    pub required: bool,
}

/// A draft as sent to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The skill.
    pub slug: String,
    /// The revision of the skill the draft was written against.
    pub base_revision: u32,
    /// The edited cells.
    pub edits: Vec<ProposedCell>,
    /// Why.
    pub rationale: String,
    /// Chosen by the browser once per draft: a retried submit with the same key creates
    /// no second proposal.
    pub idempotency_key: String,
}

/// The field a problem belongs to, so the editor shows the message beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// The draft as a whole (no change, too many cells, a stale base).
    Draft,
    /// One cell, by level and role id.
    Cell {
        /// Level id.
        level: String,
        /// Role id.
        role: String,
    },
    /// The rationale.
    Rationale,
}

/// One reason a submission was refused, as the author may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where.
    pub field: Field,
    /// What is wrong and what to do, as a sentence.
    pub message: String,
}

impl Problem {
    fn new(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// Words a reader sees for a text problem of `what`.
fn text_problem(what: &str, error: &ProfileError) -> String {
    match error {
        ProfileError::TooLong { len, max, .. } => format!(
            "{what} is {len} characters long; the limit is {max}. Shorten it by {}.",
            len - max
        ),
        ProfileError::Nul { .. } => format!(
            "{what} contains an invisible NUL character (often pasted from another program). Remove it and try again."
        ),
        _ => format!("{what} is empty; write what it should say."),
    }
}

impl Submission {
    /// The submission as it will be stored and published: each text without the spaces,
    /// tabs and line ends around it, as content files are read. Normalized once, here, so
    /// what a reviewer accepts is what readers get before and after a restart.
    pub fn normalized(mut self) -> Self {
        for edit in &mut self.edits {
            let trimmed = edit.text.trim();
            if trimmed.len() != edit.text.len() {
                edit.text = trimmed.to_owned();
            }
        }
        let rationale = self.rationale.trim();
        if rationale.len() != self.rationale.len() {
            self.rationale = rationale.to_owned();
        }
        self
    }

    /// Every problem of this submission against `base`, the revision it names; empty when it
    /// may be stored. The base's own texts decide what is a change, not the browser's copy.
    pub fn problems(&self, base: &Profile) -> Vec<Problem> {
        let mut problems = Vec::new();
        let key_chars = self.idempotency_key.chars().count();
        if !IDEMPOTENCY_KEY_CHARS.contains(&key_chars)
            || !self
                .idempotency_key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            problems.push(Problem::new(
                Field::Draft,
                "This page sent a malformed submission key. Reload the page and submit again; your draft is kept.",
            ));
        }
        let cells = base.levels().len() * base.roles().len();
        if self.edits.len() > cells {
            problems.push(Problem::new(
                Field::Draft,
                format!("A proposal edits at most the {cells} cells of the skill."),
            ));
            return problems;
        }
        let mut seen = BTreeSet::new();
        let mut changes = 0;
        for edit in &self.edits {
            let field = Field::Cell {
                level: edit.level.clone(),
                role: edit.role.clone(),
            };
            let (Some(level), Some(role)) =
                (base.level_index(&edit.level), base.role_index(&edit.role))
            else {
                problems.push(Problem::new(
                    field,
                    format!(
                        "This skill has no cell for level `{}` and role `{}`.",
                        edit.level, edit.role
                    ),
                ));
                continue;
            };
            if !seen.insert((level, role)) {
                problems.push(Problem::new(field, "This cell is edited twice."));
                continue;
            }
            if let Err(error) = check_text("text", &edit.text, MAX_EXPECTATION_CHARS) {
                problems.push(Problem::new(
                    field,
                    text_problem("This expectation", &error),
                ));
                continue;
            }
            let before = base.cell(level, role);
            if before.is_some_and(|b| b.text != edit.text || b.required != edit.required) {
                changes += 1;
            }
        }
        if changes == 0 && problems.is_empty() {
            problems.push(Problem::new(
                Field::Draft,
                "Nothing differs from the published skill. Change at least one expectation before submitting.",
            ));
        }
        if let Err(error) = check_text("rationale", &self.rationale, MAX_RATIONALE_CHARS) {
            problems.push(Problem::new(
                Field::Rationale,
                text_problem("The rationale", &error),
            ));
        }
        problems
    }

    /// The cells that really change `base`, in matrix order: the rest are left out of the
    /// stored proposal.
    pub fn changes(&self, base: &Profile) -> Vec<ProposedCell> {
        let mut changed: Vec<(usize, usize, ProposedCell)> = self
            .edits
            .iter()
            .filter_map(|edit| {
                let level = base.level_index(&edit.level)?;
                let role = base.role_index(&edit.role)?;
                let before = base.cell(level, role)?;
                (before.text != edit.text || before.required != edit.required)
                    .then(|| (level, role, edit.clone()))
            })
            .collect();
        changed.sort_by_key(|(level, role, _)| (*level, *role));
        changed.into_iter().map(|(_, _, edit)| edit).collect()
    }
}

/// What the server answered a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Submitted {
    /// Stored (or, for a repeated key, already stored earlier): the proposal's number.
    Accepted {
        /// Proposal id.
        id: i64,
        /// True when this key had been submitted before and nothing new was stored.
        repeated: bool,
    },
    /// Refused; nothing stored. The draft stays in the browser.
    Invalid {
        /// One entry per problem.
        problems: Vec<Problem>,
    },
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for review.
    Open,
    /// Became a revision.
    Accepted,
    /// Refused by a reviewer.
    Rejected,
    /// Taken back by its author.
    Withdrawn,
}

impl Status {
    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// The stored word back; `None` for anything else.
    pub fn parse(word: &str) -> Option<Self> {
        [
            Status::Open,
            Status::Accepted,
            Status::Rejected,
            Status::Withdrawn,
        ]
        .into_iter()
        .find(|status| status.as_str() == word)
    }

    /// As a reader sees it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Withdrawn => "Withdrawn",
        }
    }
}

/// A proposal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalSummary {
    /// Its number.
    pub id: i64,
    /// The skill.
    pub slug: String,
    /// Where it stands.
    pub status: Status,
    /// Who submitted it.
    pub author: String,
    /// When (UTC day).
    pub created: Date,
    /// The revision it is based on.
    pub base_revision: u32,
    /// How many cells it changes.
    pub cells: usize,
    /// The rationale.
    pub rationale: String,
    /// Who decided it, if anyone has.
    pub reviewer: Option<String>,
    /// The reviewer's note (always given with a rejection).
    pub review_note: Option<String>,
}

/// One edited cell of a proposal beside what its base revision said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellChange {
    /// Level display name.
    pub level: String,
    /// Role display name.
    pub role: String,
    /// What the base revision said.
    pub before: super::Expectation,
    /// What the proposal says.
    pub after: super::Expectation,
}

/// A proposal with every edited cell against its base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    /// Number, status, author, date, rationale.
    pub summary: ProposalSummary,
    /// The skill's title in the base revision.
    pub title: String,
    /// Each changed cell, in matrix order.
    pub changes: Vec<CellChange>,
}

/// What the proposal page shows: the proposal, how it merges into the published profile,
/// and what the viewer may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDetail {
    /// The proposal against its base.
    pub view: ProposalView,
    /// Each proposed cell against the published profile, with "Role at Level" names.
    pub merged: Vec<(String, super::MergedCell)>,
    /// The revision published now (the one a decision is made on).
    pub published_revision: u32,
    /// The viewer is a reviewer, not its author, and it is open.
    pub may_review: bool,
    /// The viewer is its author and it is open.
    pub may_withdraw: bool,
    /// The viewer reviews proposals but wrote this one: the page says why they cannot
    /// review it.
    pub reviewer_is_author: bool,
}

/// An open proposal in the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The proposal.
    pub summary: ProposalSummary,
    /// The skill's title now.
    pub title: String,
    /// Written on an older revision than the one published: may conflict.
    pub stale: bool,
}

/// What a decision came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decided {
    /// Done; for an accepted proposal, the revision it became.
    Done {
        /// The new revision, when accepted.
        revision: Option<u32>,
    },
    /// Refused with a sentence saying why and what to do; nothing changed.
    Refused {
        /// The sentence.
        message: String,
    },
}

impl ProposalView {
    /// Pairs the stored cells with `base`; cells the base does not have are left out (they
    /// were refused when submitted, so this only guards old rows).
    pub fn new(summary: ProposalSummary, base: &Profile, cells: &[ProposedCell]) -> Self {
        let changes = cells
            .iter()
            .filter_map(|cell| {
                let level = base.level_index(&cell.level)?;
                let role = base.role_index(&cell.role)?;
                Some(CellChange {
                    level: base.levels()[level].name.clone(),
                    role: base.roles()[role].name.clone(),
                    before: base.cell(level, role)?.clone(),
                    after: super::Expectation {
                        text: cell.text.clone(),
                        required: cell.required,
                    },
                })
            })
            .collect();
        Self {
            summary,
            title: base.title().to_owned(),
            changes,
        }
    }
}

/// Longest review note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Why `note` cannot reject a proposal, as the sentence the reviewer reads; `None` when it
/// can. The review form counts against the same [`MAX_NOTE_CHARS`].
pub fn review_note_problem(note: &str) -> Option<String> {
    let chars = note.chars().count();
    if note.contains('\0') {
        Some("The note contains an invisible NUL character (often pasted from another program). Remove it and try again.".into())
    } else if note.trim().is_empty() || chars > MAX_NOTE_CHARS {
        Some(format!(
            "Write a note of 1 to {MAX_NOTE_CHARS} characters telling the author why (this one has {chars})."
        ))
    } else {
        None
    }
}

impl Decided {
    /// One rule for both decisions: a reviewer never decides on their own proposal (they may
    /// withdraw it, as any author may).
    pub fn own_proposal() -> Self {
        Self::Refused {
            message: "You cannot decide on your own proposal: another reviewer must. You can withdraw it instead.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn seed() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    fn submission(edits: Vec<ProposedCell>, rationale: &str) -> Submission {
        Submission {
            slug: "backup".into(),
            base_revision: 1,
            edits,
            rationale: rationale.into(),
            idempotency_key: "0c6f3c1e-8f3a-4a7e-9d55-2f4a1b9e6c11".into(),
        }
    }

    fn cell(level: &str, role: &str, text: &str, required: bool) -> ProposedCell {
        ProposedCell {
            level: level.into(),
            role: role.into(),
            text: text.into(),
            required,
        }
    }

    #[test]
    fn a_real_change_with_a_rationale_has_no_problems() {
        let base = seed();
        let s = submission(
            vec![cell(
                "junior",
                "dba",
                "Explains streaming replication.",
                true,
            )],
            "Juniors meet it early.",
        );
        assert_eq!(s.problems(&base), vec![]);
        assert_eq!(s.changes(&base).len(), 1);
    }

    #[test]
    fn texts_are_stored_without_the_spaces_and_tabs_around_them() {
        let s = submission(
            vec![cell("junior", "dba", "\t  Explains replication.  \n", true)],
            "  Juniors meet it early. ",
        )
        .normalized();
        assert_eq!(s.edits[0].text, "Explains replication.");
        assert_eq!(s.rationale, "Juniors meet it early.");
        // A cell that only gained spaces is no change at all.
        let base = seed();
        let same = base.cell(0, 0).unwrap().clone();
        let (level, role) = (
            base.levels()[0].id.to_string(),
            base.roles()[0].id.to_string(),
        );
        let padded = submission(
            vec![cell(
                &level,
                &role,
                &format!(" {} ", same.text),
                same.required,
            )],
            "why",
        )
        .normalized();
        assert!(padded.problems(&base)[0]
            .message
            .contains("Change at least one"));
    }

    #[test]
    fn a_nul_character_in_a_cell_or_the_rationale_is_refused_with_a_message() {
        let base = seed();
        let s = submission(
            vec![cell("junior", "dba", "Explains\0 replication.", true)],
            "Because\0.",
        );
        let problems = s.problems(&base);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.message.contains("NUL character")));
    }

    #[test]
    fn a_submission_equal_to_its_base_is_refused_as_no_change() {
        let base = seed();
        let same = base.cell(0, 0).unwrap().clone();
        let level = base.levels()[0].id.to_string();
        let role = base.roles()[0].id.to_string();
        let s = submission(vec![cell(&level, &role, &same.text, same.required)], "why");
        let problems = s.problems(&base);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Draft);
        assert!(problems[0].message.contains("Change at least one"));
    }

    #[test]
    fn unknown_cells_duplicates_empty_text_and_long_rationale_each_get_their_field() {
        let base = seed();
        let s = submission(
            vec![
                cell("wizard", "dba", "x", true),
                cell("junior", "dba", "New text.", true),
                cell("junior", "dba", "Again.", true),
                cell("senior", "dba", "   ", true),
            ],
            &"r".repeat(MAX_RATIONALE_CHARS + 5),
        );
        let fields: Vec<Field> = s.problems(&base).into_iter().map(|p| p.field).collect();
        let at = |level: &str| Field::Cell {
            level: level.into(),
            role: "dba".into(),
        };
        assert_eq!(
            fields,
            vec![at("wizard"), at("junior"), at("senior"), Field::Rationale]
        );
        let rationale = s.problems(&base).pop().unwrap().message;
        assert!(rationale.contains("Shorten it by 5"), "{rationale}");
    }

    #[test]
    fn a_malformed_idempotency_key_is_a_draft_problem() {
        let base = seed();
        let mut s = submission(vec![cell("junior", "dba", "New.", true)], "why");
        s.idempotency_key = "short".into();
        assert_eq!(s.problems(&base)[0].field, Field::Draft);
        s.idempotency_key = "<script>alert(1)</script>-padding-padding".into();
        assert_eq!(s.problems(&base)[0].field, Field::Draft);
    }

    #[test]
    fn changes_keep_only_real_changes_in_matrix_order() {
        let base = seed();
        let unchanged = base.cell(0, 1).unwrap().clone();
        let s = submission(
            vec![
                cell("senior", "dba", "Senior text.", false),
                cell(
                    base.levels()[0].id.as_str(),
                    base.roles()[1].id.as_str(),
                    &unchanged.text,
                    unchanged.required,
                ),
                cell("junior", "dba", "Junior text.", true),
            ],
            "why",
        );
        let levels: Vec<String> = s.changes(&base).into_iter().map(|c| c.level).collect();
        assert_eq!(levels, vec!["junior", "senior"]);
    }

    #[test]
    fn status_words_round_trip() {
        for status in [
            Status::Open,
            Status::Accepted,
            Status::Rejected,
            Status::Withdrawn,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("merged"), None);
    }

    #[test]
    fn a_review_note_is_1_to_2000_characters_without_nul() {
        assert_eq!(review_note_problem("Needs a source."), None);
        assert!(review_note_problem("   ")
            .unwrap()
            .contains("this one has 3"));
        assert!(review_note_problem(&"x".repeat(MAX_NOTE_CHARS + 1)).is_some());
        assert_eq!(review_note_problem(&"x".repeat(MAX_NOTE_CHARS)), None);
        assert!(review_note_problem("ok\0").unwrap().contains("NUL"));
    }
}
