//! Merging a proposal into the published profile, cell by cell. A proposal is written
//! against a base revision; the profile may have moved on since. A cell nobody changed since
//! the base applies cleanly; a cell the profile already says the same as the proposal needs
//! nothing; a cell changed on both sides is a conflict the reviewer settles. Nothing is ever
//! overwritten silently.

use super::{Date, Expectation, Profile, ProfileError, ProfileParts, ProposedCell};
use serde::{Deserialize, Serialize};

/// How one proposed cell meets the published profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellMerge {
    /// Unchanged since the base: the proposal applies.
    Clean,
    /// The published profile already says what the proposal says.
    Identical,
    /// Changed since the base, differently: the reviewer picks or edits.
    Conflict {
        /// What the base revision said.
        base: Expectation,
        /// What the published profile says now.
        current: Expectation,
    },
    /// The cell's level or role is gone from the published profile: it cannot apply.
    Gone,
}

/// One proposed cell with its merge state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedCell {
    /// The proposed cell.
    pub proposed: ProposedCell,
    /// How it meets the published profile.
    pub state: CellMerge,
}

/// The reviewer's choice for a conflicting cell: the text and flag to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// Level id.
    pub level: String,
    /// Role id.
    pub role: String,
    /// The text to publish.
    pub text: String,
    /// The flag to publish (a form's unticked box posts nothing: not required).
    #[serde(default)]
    pub required: bool,
}

fn cell_of<'a>(profile: &'a Profile, level: &str, role: &str) -> Option<&'a Expectation> {
    profile.cell(profile.level_index(level)?, profile.role_index(role)?)
}

/// Each proposed cell against `base` (what it was written on) and `current` (what is
/// published now).
pub fn merge(base: &Profile, current: &Profile, proposed: &[ProposedCell]) -> Vec<MergedCell> {
    proposed
        .iter()
        .map(|cell| {
            let wanted = Expectation {
                text: cell.text.clone(),
                required: cell.required,
            };
            let state = match (
                cell_of(base, &cell.level, &cell.role),
                cell_of(current, &cell.level, &cell.role),
            ) {
                (_, None) => CellMerge::Gone,
                (_, Some(now)) if *now == wanted => CellMerge::Identical,
                (Some(then), Some(now)) if then == now => CellMerge::Clean,
                (then, Some(now)) => CellMerge::Conflict {
                    base: then.cloned().unwrap_or_else(|| now.clone()),
                    current: now.clone(),
                },
            };
            MergedCell {
                proposed: cell.clone(),
                state,
            }
        })
        .collect()
}

/// Why a merge could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// A conflicting cell has no resolution.
    #[error("{0} changed since the proposal was written: choose what to publish")]
    Unresolved(String),
    /// A resolution names a cell that is not in conflict.
    #[error("{0} is not in conflict")]
    NotInConflict(String),
    /// The result is not a valid profile (an empty or over-long resolution).
    #[error(transparent)]
    Invalid(#[from] ProfileError),
}

/// The published profile with the proposal applied: clean cells as proposed, conflicts as
/// resolved, dated `today`. Every conflict needs exactly one resolution; gone cells are left
/// out.
pub fn apply(
    current: &Profile,
    merged: &[MergedCell],
    resolutions: &[Resolution],
    today: Date,
) -> Result<Profile, MergeError> {
    let name = |level: &str, role: &str| format!("the cell for `{role}` at `{level}`");
    for resolution in resolutions {
        let in_conflict = merged.iter().any(|m| {
            m.proposed.level == resolution.level
                && m.proposed.role == resolution.role
                && matches!(m.state, CellMerge::Conflict { .. })
        });
        if !in_conflict {
            return Err(MergeError::NotInConflict(name(
                &resolution.level,
                &resolution.role,
            )));
        }
    }
    let mut parts: ProfileParts = current.clone().into();
    for m in merged {
        let (Some(level), Some(role)) = (
            current.level_index(&m.proposed.level),
            current.role_index(&m.proposed.role),
        ) else {
            continue;
        };
        let chosen = match &m.state {
            CellMerge::Clean => Expectation {
                text: m.proposed.text.clone(),
                required: m.proposed.required,
            },
            CellMerge::Identical | CellMerge::Gone => continue,
            CellMerge::Conflict { .. } => {
                let resolution = resolutions
                    .iter()
                    .find(|r| r.level == m.proposed.level && r.role == m.proposed.role)
                    .ok_or_else(|| {
                        MergeError::Unresolved(name(&m.proposed.level, &m.proposed.role))
                    })?;
                Expectation {
                    text: resolution.text.clone(),
                    required: resolution.required,
                }
            }
        };
        parts.cells[level][role] = chosen;
    }
    parts.updated = today;
    Ok(Profile::try_from(parts)?)
}

/// One cell that differs between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellDiff {
    /// "Role at Level".
    pub place: String,
    /// The role's id, to pick one role's changes (its feed).
    pub role: String,
    /// The level's id.
    pub level: String,
    /// The older revision's cell; `None` if the cell did not exist then.
    pub before: Option<Expectation>,
    /// The newer revision's cell; `None` if it no longer exists.
    pub after: Option<Expectation>,
}

/// The cells that differ between `old` and `new` (text or flag), in `new`'s matrix order,
/// then cells only `old` had.
pub fn compare(old: &Profile, new: &Profile) -> Vec<CellDiff> {
    let mut diffs = Vec::new();
    for (li, level) in new.levels().iter().enumerate() {
        for (ri, role) in new.roles().iter().enumerate() {
            let after = new.cell(li, ri);
            let before = cell_of(old, level.id.as_str(), role.id.as_str());
            if before != after {
                diffs.push(CellDiff {
                    place: format!("{} at {}", role.name, level.name),
                    role: role.id.to_string(),
                    level: level.id.to_string(),
                    before: before.cloned(),
                    after: after.cloned(),
                });
            }
        }
    }
    for (li, level) in old.levels().iter().enumerate() {
        for (ri, role) in old.roles().iter().enumerate() {
            if cell_of(new, level.id.as_str(), role.id.as_str()).is_none() {
                diffs.push(CellDiff {
                    place: format!("{} at {}", role.name, level.name),
                    role: role.id.to_string(),
                    level: level.id.to_string(),
                    before: old.cell(li, ri).cloned(),
                    after: None,
                });
            }
        }
    }
    diffs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn profile() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    fn with_cell(level: usize, role: usize, text: &str) -> Profile {
        let mut p = parts();
        p.cells[level][role].text = text.into();
        Profile::try_from(p).unwrap()
    }

    fn proposed(level: &str, role: &str, text: &str) -> ProposedCell {
        ProposedCell {
            level: level.into(),
            role: role.into(),
            text: text.into(),
            required: true,
        }
    }

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    #[test]
    fn a_cell_unchanged_since_the_base_applies_cleanly() {
        let base = profile();
        let current = with_cell(1, 1, "Someone else's edit elsewhere.");
        let cells = [proposed("junior", "dba", "Restores a whole cluster.")];
        let merged = merge(&base, &current, &cells);
        assert_eq!(merged[0].state, CellMerge::Clean);
        let next = apply(&current, &merged, &[], today()).unwrap();
        assert_eq!(next.cell(0, 0).unwrap().text, "Restores a whole cluster.");
        assert_eq!(
            next.cell(1, 1).unwrap().text,
            "Someone else's edit elsewhere.",
            "kept"
        );
        assert_eq!(next.updated(), today());
    }

    #[test]
    fn a_cell_changed_since_the_base_is_a_conflict_that_needs_a_resolution() {
        let base = profile();
        let current = with_cell(0, 0, "Restores a table and checks it.");
        let cells = [proposed("junior", "dba", "Restores a whole cluster.")];
        let merged = merge(&base, &current, &cells);
        let CellMerge::Conflict {
            base: then,
            current: now,
        } = &merged[0].state
        else {
            panic!("a conflict: {:?}", merged[0].state);
        };
        assert_eq!(then.text, "Restores a table.");
        assert_eq!(now.text, "Restores a table and checks it.");
        assert!(matches!(
            apply(&current, &merged, &[], today()),
            Err(MergeError::Unresolved(_))
        ));
        let picked = Resolution {
            level: "junior".into(),
            role: "dba".into(),
            text: "Restores a cluster and checks it.".into(),
            required: true,
        };
        let next = apply(&current, &merged, &[picked], today()).unwrap();
        assert_eq!(
            next.cell(0, 0).unwrap().text,
            "Restores a cluster and checks it."
        );
    }

    #[test]
    fn both_sides_identical_needs_nothing() {
        let base = profile();
        let current = with_cell(0, 0, "Restores a whole cluster.");
        let cells = [proposed("junior", "dba", "Restores a whole cluster.")];
        let merged = merge(&base, &current, &cells);
        assert_eq!(merged[0].state, CellMerge::Identical);
        let next = apply(&current, &merged, &[], today()).unwrap();
        assert_eq!(next.cell(0, 0), current.cell(0, 0));
    }

    #[test]
    fn a_resolution_for_a_clean_cell_or_an_empty_resolution_is_refused() {
        let base = profile();
        let cells = [proposed("junior", "dba", "New.")];
        let merged = merge(&base, &base, &cells);
        let stray = Resolution {
            level: "junior".into(),
            role: "dba".into(),
            text: "x".into(),
            required: true,
        };
        assert!(matches!(
            apply(&base, &merged, &[stray], today()),
            Err(MergeError::NotInConflict(_))
        ));
        let current = with_cell(0, 0, "Changed.");
        let merged = merge(&base, &current, &cells);
        let empty = Resolution {
            level: "junior".into(),
            role: "dba".into(),
            text: "  ".into(),
            required: true,
        };
        assert!(matches!(
            apply(&current, &merged, &[empty], today()),
            Err(MergeError::Invalid(_))
        ));
    }

    #[test]
    fn comparing_revisions_lists_only_cells_whose_text_or_flag_differ() {
        let old = profile();
        let mut later = parts();
        later.cells[1][0].text = "Designs PITR and drills it.".into();
        later.cells[0][1].required = !later.cells[0][1].required;
        let new = Profile::try_from(later).unwrap();
        let diffs = compare(&old, &new);
        let places: Vec<&str> = diffs.iter().map(|d| d.place.as_str()).collect();
        assert_eq!(places.len(), 2);
        assert!(diffs
            .iter()
            .all(|d| d.before.is_some() && d.after.is_some()));
        assert!(compare(&old, &old).is_empty());
    }

    #[test]
    fn a_cell_whose_role_is_gone_cannot_apply_and_is_left_out() {
        let base = profile();
        let cells = [proposed("junior", "nobody", "x")];
        let merged = merge(&base, &base, &cells);
        assert_eq!(merged[0].state, CellMerge::Gone);
        assert_eq!(
            apply(&base, &merged, &[], today()).unwrap().cell(0, 0),
            base.cell(0, 0)
        );
    }
}
