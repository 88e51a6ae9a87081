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
