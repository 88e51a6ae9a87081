//! What a skill's history pages show: its revisions, and two of them compared.

use super::{CellDiff, Date};
use serde::{Deserialize, Serialize};

/// A revision in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionEntry {
    /// Its number.
    pub number: u32,
    /// The UTC day it was published.
    pub date: Date,
    /// Whose change it was; `None` for the content files.
    pub author: Option<String>,
    /// The accepted proposal it came from.
    pub proposal_id: Option<i64>,
}

/// A skill's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The skill's title now.
    pub title: String,
    /// Newest first.
    pub revisions: Vec<RevisionEntry>,
}

/// Two revisions of a skill compared cell by cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    /// The skill's title now.
    pub title: String,
    /// The older revision.
    pub from: u32,
    /// The newer revision.
    pub to: u32,
    /// Every revision number, newest first, for choosing others.
    pub numbers: Vec<u32>,
    /// The cells that differ.
    pub cells: Vec<CellDiff>,
}

/// How the published revision of a skill came about, for the line under its header:
/// "Revision 3 · changed 2 cells on 2 Dec 2026 — see what changed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionNote {
    /// The revision's number.
    pub number: u32,
    /// The UTC day it was published.
    pub date: Date,
    /// The cells it changed against the revision before (0 for revision 1).
    pub changed: usize,
}

impl RevisionNote {
    /// The line's text before its link, e.g. "Revision 3 · changed 2 cells on 2 December 2026".
    pub fn line(&self) -> String {
        let date = self.date.human();
        match (self.number, self.changed) {
            (1, _) => format!("Revision 1 · first published on {date}"),
            (n, 1) => format!("Revision {n} · changed 1 cell on {date}"),
            (n, changed) => format!("Revision {n} · changed {changed} cells on {date}"),
        }
    }

    /// The revision to compare with to see what changed; `None` for revision 1.
    pub fn previous(&self) -> Option<u32> {
        self.number.checked_sub(1).filter(|n| *n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(number: u32, changed: usize) -> RevisionNote {
        RevisionNote {
            number,
            date: Date::new(2026, 12, 2).unwrap(),
            changed,
        }
    }

    #[test]
    fn the_note_says_what_a_revision_changed_and_when() {
        assert_eq!(
            note(3, 2).line(),
            "Revision 3 · changed 2 cells on 2 December 2026"
        );
        assert_eq!(
            note(2, 1).line(),
            "Revision 2 · changed 1 cell on 2 December 2026"
        );
        assert_eq!(note(3, 2).previous(), Some(2));
    }

    #[test]
    fn the_first_revision_has_nothing_to_compare_with() {
        assert_eq!(
            note(1, 0).line(),
            "Revision 1 · first published on 2 December 2026"
        );
        assert_eq!(note(1, 0).previous(), None);
    }
}
