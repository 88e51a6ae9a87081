//! The reader's choice on a profile page — role, current level, open rows — and its
//! query-string form, so every state is a shareable link rendered by the server.

use super::diff::{diff_words, new_sentences, Change};
use super::Profile;
use serde::{Deserialize, Serialize};

/// The two axes of a profile as a selection needs them: role and level ids by position.
/// The profile is one; the browser's explorer carries only these ids ([`Axes`]), not the
/// whole profile.
pub trait Scale {
    /// The id of the role at `index`.
    fn role_id(&self, index: usize) -> Option<&str>;
    /// The id of the level at `index`.
    fn level_id(&self, index: usize) -> Option<&str>;
    /// The position of the role `id`.
    fn role_position(&self, id: &str) -> Option<usize>;
    /// The position of the level `id`.
    fn level_position(&self, id: &str) -> Option<usize>;
    /// How many levels the scale has.
    fn level_count(&self) -> usize;
}

impl Scale for Profile {
    fn role_id(&self, index: usize) -> Option<&str> {
        self.roles().get(index).map(|r| r.id.as_str())
    }
    fn level_id(&self, index: usize) -> Option<&str> {
        self.levels().get(index).map(|l| l.id.as_str())
    }
    fn role_position(&self, id: &str) -> Option<usize> {
        self.role_index(id)
    }
    fn level_position(&self, id: &str) -> Option<usize> {
        self.level_index(id)
    }
    fn level_count(&self) -> usize {
        self.levels().len()
    }
}

/// A profile's roles and levels, `(id, name)` by position: what the browser's explorer
/// needs of a profile to follow the reader's choice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Axes {
    /// The roles, `(id, name)`.
    pub roles: Vec<(String, String)>,
    /// The levels, `(id, name)`.
    pub levels: Vec<(String, String)>,
}

impl Axes {
    /// The axes of `profile`.
    pub fn of(profile: &Profile) -> Self {
        Self {
            roles: profile
                .roles()
                .iter()
                .map(|r| (r.id.to_string(), r.name.clone()))
                .collect(),
            levels: profile
                .levels()
                .iter()
                .map(|l| (l.id.to_string(), l.name.clone()))
                .collect(),
        }
    }
}

impl Scale for Axes {
    fn role_id(&self, index: usize) -> Option<&str> {
        self.roles.get(index).map(|(id, _)| id.as_str())
    }
    fn level_id(&self, index: usize) -> Option<&str> {
        self.levels.get(index).map(|(id, _)| id.as_str())
    }
    fn role_position(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|(role, _)| role == id)
    }
    fn level_position(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|(level, _)| level == id)
    }
    fn level_count(&self) -> usize {
        self.levels.len()
    }
}

/// Role, current level and expanded rows, as indices into the profile's axes. Always
/// valid for the profile it was made for: unknown values fell back to the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Selection {
    /// Index of the chosen role; the first role by default.
    pub role: usize,
    /// Index of the reader's current level; the first level by default.
    pub level: usize,
    /// Indices of the expanded level rows, ascending.
    pub open: Vec<usize>,
}

impl Selection {
    /// Reads `role`, `level` and `open` query values. Anything unknown falls back to the
    /// default and never errors. `level` is a level id, or a position on the scale (what the
    /// slider submits without JavaScript); `open` is a comma-separated list of level ids or
    /// `all`.
    pub fn from_query(
        scale: &impl Scale,
        role: Option<&str>,
        level: Option<&str>,
        open: Option<&str>,
    ) -> Self {
        let role = role.and_then(|id| scale.role_position(id)).unwrap_or(0);
        let levels = scale.level_count();
        let level = level
            .and_then(|id| {
                scale
                    .level_position(id)
                    .or_else(|| id.parse::<usize>().ok().filter(|&i| i < levels))
            })
            .unwrap_or(0);
        let open = match open {
            Some("all") => (0..levels).collect(),
            Some(list) => {
                let mut open: Vec<usize> = list
                    .split(',')
                    .filter_map(|id| scale.level_position(id.trim()))
                    .collect();
                open.sort_unstable();
                open.dedup();
                open
            }
            None => Vec::new(),
        };
        Self { role, level, open }
    }

    /// The query string of this state, without `?`: `role=dba&level=senior&open=lead`.
    /// Open rows are written `all` when every row is open and left out when none is.
    pub fn to_query(&self, scale: &impl Scale) -> String {
        let mut query = String::new();
        if let Some(role) = scale.role_id(self.role) {
            query.push_str("role=");
            query.push_str(role);
        }
        if let Some(level) = scale.level_id(self.level) {
            query.push_str("&level=");
            query.push_str(level);
        }
        if let Some(open) = self.open_value(scale) {
            query.push_str("&open=");
            query.push_str(&open);
        }
        query
    }

    /// The `open` query value: `all` when every row is open, the open level ids separated
    /// by commas otherwise, `None` when no row is open.
    pub fn open_value(&self, scale: &impl Scale) -> Option<String> {
        if self.open.is_empty() {
            None
        } else if self.open.len() == scale.level_count() {
            Some("all".to_owned())
        } else {
            let ids: Vec<&str> = self
                .open
                .iter()
                .filter_map(|&i| scale.level_id(i))
                .collect();
            Some(ids.join(","))
        }
    }

    /// The same selection with row `level` opened or closed.
    pub fn with_row(&self, level: usize, open: bool) -> Self {
        let mut next = self.clone();
        next.open.retain(|&i| i != level);
        if open {
            next.open.push(level);
            next.open.sort_unstable();
        }
        next
    }

    /// The same selection with every row open (`true`) or closed.
    pub fn with_all_rows(&self, scale: &impl Scale, open: bool) -> Self {
        let open = if open {
            (0..scale.level_count()).collect()
        } else {
            Vec::new()
        };
        Self {
            open,
            ..self.clone()
        }
    }

    /// Whether row `level` is expanded.
    pub fn is_open(&self, level: usize) -> bool {
        self.open.contains(&level)
    }
}

/// What changes for the chosen role between the current level and the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Name of the chosen role.
    pub role: String,
    /// Name of the current level.
    pub current_level: String,
    /// The current expectation's text.
    pub current_text: String,
    /// Whether the current expectation is required.
    pub current_required: bool,
    /// The next level, or `None` at the top of the scale.
    pub next: Option<NextLevel>,
}

/// The next level's expectation, compared with the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    /// Its name.
    pub level: String,
    /// Whether it is required.
    pub required: bool,
    /// Optional now, required there.
    pub becomes_required: bool,
    /// Its text as word-level changes from the current text.
    pub changes: Vec<Change>,
    /// Its text as written, for reading it without the marks.
    pub text: String,
    /// Its sentences that the current text does not have.
    pub to_cover: Vec<String>,
}

/// Compares the selection's current level with the next one for its role.
pub fn compare(profile: &Profile, selection: &Selection) -> Option<Comparison> {
    let role = profile.roles().get(selection.role)?;
    let level = profile.levels().get(selection.level)?;
    let current = profile.cell(selection.level, selection.role)?;
    let next = profile
        .levels()
        .get(selection.level + 1)
        .zip(profile.cell(selection.level + 1, selection.role))
        .map(|(next_level, next)| NextLevel {
            level: next_level.name.clone(),
            required: next.required,
            becomes_required: next.required && !current.required,
            changes: diff_words(&current.text, &next.text),
            text: next.text.clone(),
            to_cover: new_sentences(&current.text, &next.text),
        });
    Some(Comparison {
        role: role.name.clone(),
        current_level: level.name.clone(),
        current_text: current.text.clone(),
        current_required: current.required,
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;

    fn profile() -> Profile {
        Profile::try_from(parts()).unwrap()
    }

    #[test]
    fn a_deep_link_selects_role_level_and_open_rows() {
        let p = profile();
        let s = Selection::from_query(&p, Some("sre"), Some("senior"), Some("senior,junior"));
        assert_eq!(
            s,
            Selection {
                role: 1,
                level: 1,
                open: vec![0, 1]
            }
        );
        assert_eq!(s.to_query(&p), "role=sre&level=senior&open=all");
    }

    #[test]
    fn a_level_may_be_given_as_its_position_on_the_scale() {
        let p = profile();
        assert_eq!(Selection::from_query(&p, None, Some("1"), None).level, 1);
        assert_eq!(
            Selection::from_query(&p, None, Some("2"), None).level,
            0,
            "out of range"
        );
        assert_eq!(Selection::from_query(&p, None, Some("-1"), None).level, 0);
    }

    #[test]
    fn unknown_values_fall_back_to_the_defaults() {
        let p = profile();
        let s = Selection::from_query(&p, Some("astronaut"), Some("<script>"), Some(",,nope"));
        assert_eq!(s, Selection::default());
        assert_eq!(
            Selection::from_query(&p, None, None, None),
            Selection::default()
        );
    }

    #[test]
    fn the_query_leaves_out_closed_rows_and_lists_some_open_ones() {
        let p = profile();
        let s = Selection {
            role: 0,
            level: 0,
            open: vec![],
        };
        assert_eq!(s.to_query(&p), "role=dba&level=junior");
        assert_eq!(
            s.with_row(1, true).to_query(&p),
            "role=dba&level=junior&open=senior"
        );
        assert_eq!(s.with_all_rows(&p, true).with_row(0, false).open, [1]);
    }

    #[test]
    fn opening_a_row_twice_keeps_it_once() {
        let s = Selection::default()
            .with_row(1, true)
            .with_row(1, true)
            .with_row(0, true);
        assert_eq!(s.open, [0, 1]);
        assert!(s.is_open(1));
        assert!(!s.with_row(1, false).is_open(1));
    }

    #[test]
    fn the_comparison_diffs_the_next_level_and_flags_what_becomes_required() {
        let p = profile();
        let c = compare(
            &p,
            &Selection {
                role: 1,
                level: 0,
                open: vec![],
            },
        )
        .unwrap();
        assert_eq!(
            (c.role.as_str(), c.current_level.as_str()),
            ("SRE", "Junior")
        );
        let next = c.next.unwrap();
        assert_eq!(next.level, "Senior");
        assert!(
            next.becomes_required,
            "SRE is optional at Junior, required at Senior"
        );
        assert_eq!(
            next.changes,
            [
                Change::Removed("Watches backups.".into()),
                Change::Added("Automates drills.".into())
            ]
        );
        assert_eq!(next.to_cover, ["Automates drills."]);
    }

    #[test]
    fn a_required_expectation_that_stays_required_is_not_called_out() {
        let p = profile();
        let next = compare(
            &p,
            &Selection {
                role: 0,
                level: 0,
                open: vec![],
            },
        )
        .unwrap()
        .next
        .unwrap();
        assert!(next.required && !next.becomes_required);
    }

    #[test]
    fn the_top_level_has_no_next_level() {
        let p = profile();
        let c = compare(
            &p,
            &Selection {
                role: 0,
                level: 1,
                open: vec![],
            },
        )
        .unwrap();
        assert_eq!(c.current_level, "Senior");
        assert!(c.next.is_none());
    }
}
