//! One skill profile: what each role is expected to know at each level.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest expectation text, in characters. The seed's longest is about 330.
pub const MAX_EXPECTATION_CHARS: usize = 2_000;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest summary line, in characters.
pub const MAX_SUMMARY_CHARS: usize = 300;
/// Longest name of a role, level, domain or group, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Most levels or roles one profile may have: the matrix must stay readable.
pub const MAX_AXIS_LEN: usize = 12;

/// Why an identifier (slug, role id, level id) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// Empty, or longer than 80 characters.
    #[error("must be 1 to 80 characters long")]
    Length,
    /// Has a character other than a-z, 0-9 and inner single hyphens.
    #[error("may only use lowercase letters a-z, digits and single hyphens between them, like `replication-high-availability`")]
    Characters,
}

fn check_ident(text: &str) -> Result<(), SlugError> {
    if text.is_empty() || text.len() > 80 {
        return Err(SlugError::Length);
    }
    let allowed = text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !allowed || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
        return Err(SlugError::Characters);
    }
    Ok(())
}

/// Turns a display name into an identifier: `Database Engineer / DBA` → `database-engineer-dba`.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

macro_rules! ident_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses an identifier: lowercase letters, digits and inner hyphens.
            pub fn parse(text: impl Into<String>) -> Result<Self, SlugError> {
                let text = text.into();
                check_ident(&text)?;
                Ok(Self(text))
            }

            /// The identifier as written in URLs and content files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = SlugError;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

ident_type!(
    /// The URL name of a skill profile: `replication-high-availability`.
    Slug
);
ident_type!(
    /// The URL name of a role, shared across skills: `dba`.
    RoleId
);
ident_type!(
    /// The URL name of a level on the scale: `senior`.
    LevelId
);

/// A short fingerprint of `texts` (each followed by a 0xff byte, so their boundaries count):
/// FNV-1a, 64 bits, in hex, the same on the server and in the browser.
pub fn fingerprint<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in texts {
        for byte in text.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// One step of the level scale, in order from the first (Junior) to the last (Principal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// URL name, `senior`.
    pub id: LevelId,
    /// Display name, `Senior`.
    pub name: String,
}

/// A role for which the skill sets expectations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// URL name, `dba`.
    pub id: RoleId,
    /// Display name, `Database Engineer / DBA`.
    pub name: String,
}

/// What one role is expected to know at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectation {
    /// The expectation in prose.
    pub text: String,
    /// Required for the level, or merely optional.
    pub required: bool,
}

/// The figures the profile header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Roles where the skill appears.
    pub roles: usize,
    /// Steps on the level scale.
    pub levels: usize,
    /// Cells marked required.
    pub required: usize,
    /// Cells marked optional.
    pub optional: usize,
}

/// Why a profile was refused. Each variant names what is wrong so a content author or an
/// editor can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// A text field is empty or only whitespace.
    #[error("{field} must not be empty")]
    Empty {
        /// Which field.
        field: String,
    },
    /// A text field holds a NUL character, which PostgreSQL cannot store (and SQLite would):
    /// refused the same way everywhere.
    #[error("{field} contains a NUL character")]
    Nul {
        /// Which field.
        field: String,
    },
    /// A text field is over its limit.
    #[error("{field} is {len} characters long; the limit is {max}")]
    TooLong {
        /// Which field.
        field: String,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// No levels or no roles, or more than the matrix can show.
    #[error("a profile needs 1 to {MAX_AXIS_LEN} {axis}, this one has {len}")]
    AxisSize {
        /// `levels` or `roles`.
        axis: &'static str,
        /// How many it has.
        len: usize,
    },
    /// The same level or role appears twice.
    #[error("{axis} `{id}` appears twice")]
    DuplicateAxis {
        /// `level` or `role`.
        axis: &'static str,
        /// The repeated identifier.
        id: String,
    },
    /// The matrix is not levels × roles in size.
    #[error("the matrix must have one expectation for every role at every level")]
    Shape,
}

/// The parts of a profile before validation: what content files, the wire and editors hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileParts {
    /// URL name.
    pub slug: Slug,
    /// Display title.
    pub title: String,
    /// Comma-separated keywords shown as chips.
    pub summary: String,
    /// Top of the catalog tree, `Database Management`.
    pub domain: String,
    /// Within the domain, `Database Administration`.
    pub group: String,
    /// Date of the newest revision.
    pub updated: crate::model::Date,
    /// The level scale, lowest first.
    pub levels: Vec<Level>,
    /// The roles, in display order.
    pub roles: Vec<Role>,
    /// `cells[level][role]`.
    pub cells: Vec<Vec<Expectation>>,
}

/// A valid skill profile: every role has exactly one expectation at every level, and every
/// text is non-empty and within its limit. The one profile type of the app.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "ProfileParts")]
pub struct Profile(ProfileParts);

/// Written as its parts, in place: serde's `into` would clone the whole profile first, and
/// every page serializes it for the islands that show it.
impl Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Checks a text field: not blank, at most `max` characters. `field` names it in the error.
pub fn check_text(field: impl Into<String>, text: &str, max: usize) -> Result<(), ProfileError> {
    let len = text.chars().count();
    if text.trim().is_empty() {
        Err(ProfileError::Empty {
            field: field.into(),
        })
    } else if text.contains('\0') {
        Err(ProfileError::Nul {
            field: field.into(),
        })
    } else if len > max {
        Err(ProfileError::TooLong {
            field: field.into(),
            len,
            max,
        })
    } else {
        Ok(())
    }
}

fn check_axis<'a>(
    axis: &'static str,
    singular: &'static str,
    items: impl ExactSizeIterator<Item = (&'a str, &'a str)>,
) -> Result<(), ProfileError> {
    let len = items.len();
    if len == 0 || len > MAX_AXIS_LEN {
        return Err(ProfileError::AxisSize { axis, len });
    }
    let mut seen: Vec<&str> = Vec::with_capacity(len);
    for (id, name) in items {
        check_text(
            format!("the name of {singular} `{id}`"),
            name,
            MAX_NAME_CHARS,
        )?;
        if seen.contains(&id) {
            return Err(ProfileError::DuplicateAxis {
                axis: singular,
                id: id.to_owned(),
            });
        }
        seen.push(id);
    }
    Ok(())
}

impl TryFrom<ProfileParts> for Profile {
    type Error = ProfileError;

    fn try_from(parts: ProfileParts) -> Result<Self, Self::Error> {
        check_text("the title", &parts.title, MAX_TITLE_CHARS)?;
        check_text("the summary", &parts.summary, MAX_SUMMARY_CHARS)?;
        check_text("the domain", &parts.domain, MAX_NAME_CHARS)?;
        check_text("the group", &parts.group, MAX_NAME_CHARS)?;
        check_axis(
            "levels",
            "level",
            parts
                .levels
                .iter()
                .map(|l| (l.id.as_str(), l.name.as_str())),
        )?;
        check_axis(
            "roles",
            "role",
            parts.roles.iter().map(|r| (r.id.as_str(), r.name.as_str())),
        )?;
        if parts.cells.len() != parts.levels.len()
            || parts.cells.iter().any(|row| row.len() != parts.roles.len())
        {
            return Err(ProfileError::Shape);
        }
        for (level, row) in parts.levels.iter().zip(&parts.cells) {
            for (role, cell) in parts.roles.iter().zip(row) {
                let field = format!("the expectation for {} at {}", role.name, level.name);
                check_text(field, &cell.text, MAX_EXPECTATION_CHARS)?;
            }
        }
        Ok(Self(parts))
    }
}

impl From<Profile> for ProfileParts {
    fn from(profile: Profile) -> Self {
        profile.0
    }
}

impl Profile {
    /// URL name.
    pub fn slug(&self) -> &Slug {
        &self.0.slug
    }
    /// Display title.
    pub fn title(&self) -> &str {
        &self.0.title
    }
    /// The summary line as written.
    pub fn summary(&self) -> &str {
        &self.0.summary
    }
    /// The summary line split into keyword chips.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.0
            .summary
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
    }
    /// Domain name.
    pub fn domain(&self) -> &str {
        &self.0.domain
    }
    /// Group name.
    pub fn group(&self) -> &str {
        &self.0.group
    }
    /// Date of the newest revision.
    pub fn updated(&self) -> crate::model::Date {
        self.0.updated
    }
    /// The level scale, lowest first.
    pub fn levels(&self) -> &[Level] {
        &self.0.levels
    }
    /// The roles, in display order.
    pub fn roles(&self) -> &[Role] {
        &self.0.roles
    }
    /// The expectation of role `role` at level `level` (indices into the two axes).
    pub fn cell(&self, level: usize, role: usize) -> Option<&Expectation> {
        self.0.cells.get(level)?.get(role)
    }
    /// The expectations of every role at one level, in role order.
    pub fn row(&self, level: usize) -> &[Expectation] {
        self.0.cells.get(level).map_or(&[], Vec::as_slice)
    }
    /// Position of a level on the scale.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.0.levels.iter().position(|l| l.id.as_str() == id)
    }
    /// Position of a role among the roles.
    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.0.roles.iter().position(|r| r.id.as_str() == id)
    }
    /// A short fingerprint of everything the reader sees (title, summary, axes, every cell),
    /// so "changed since you last looked" notices edits that kept the date. FNV-1a, 64 bits,
    /// in hex: the same on the server and in the browser.
    pub fn fingerprint(&self) -> String {
        let mut texts: Vec<&str> = vec![&self.0.title, &self.0.summary];
        texts.extend(self.0.levels.iter().map(|l| l.id.as_str()));
        for role in &self.0.roles {
            texts.extend([role.id.as_str(), role.name.as_str()]);
        }
        for cell in self.0.cells.iter().flatten() {
            texts.extend([cell.text.as_str(), if cell.required { "r" } else { "o" }]);
        }
        fingerprint(texts)
    }

    /// The figures the header shows.
    pub fn figures(&self) -> Figures {
        let required = self.0.cells.iter().flatten().filter(|c| c.required).count();
        let all = self.0.levels.len() * self.0.roles.len();
        Figures {
            roles: self.0.roles.len(),
            levels: self.0.levels.len(),
            required,
            optional: all - required,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small valid profile: two levels, two roles.
    pub(crate) fn parts() -> ProfileParts {
        let cell = |text: &str, required| Expectation {
            text: text.into(),
            required,
        };
        ProfileParts {
            slug: Slug::parse("backup").unwrap(),
            title: "Backup".into(),
            summary: "PITR, WAL archiving, , restore drills".into(),
            domain: "Database Management".into(),
            group: "Database Administration".into(),
            updated: "2026-03-17".parse().unwrap(),
            levels: ["Junior", "Senior"]
                .map(|n| Level {
                    id: LevelId::parse(slugify(n)).unwrap(),
                    name: n.into(),
                })
                .to_vec(),
            roles: [("dba", "DBA"), ("sre", "SRE")]
                .map(|(id, n)| Role {
                    id: RoleId::parse(id).unwrap(),
                    name: n.into(),
                })
                .to_vec(),
            cells: vec![
                vec![
                    cell("Restores a table.", true),
                    cell("Watches backups.", false),
                ],
                vec![cell("Designs PITR.", true), cell("Automates drills.", true)],
            ],
        }
    }

    #[test]
    fn the_fingerprint_changes_with_any_cell_and_only_then() {
        let a = Profile::try_from(parts()).unwrap();
        assert_eq!(
            a.fingerprint(),
            Profile::try_from(parts()).unwrap().fingerprint()
        );
        let mut flipped = parts();
        flipped.cells[1][1].required = false;
        assert_ne!(
            a.fingerprint(),
            Profile::try_from(flipped).unwrap().fingerprint()
        );
        let mut edited = parts();
        edited.cells[0][1].text.push('!');
        assert_ne!(
            a.fingerprint(),
            Profile::try_from(edited).unwrap().fingerprint()
        );
        assert_eq!(a.fingerprint().len(), 16);
    }

    #[test]
    fn figures_count_roles_levels_and_required_cells() {
        let profile = Profile::try_from(parts()).unwrap();
        assert_eq!(
            profile.figures(),
            Figures {
                roles: 2,
                levels: 2,
                required: 3,
                optional: 1
            }
        );
    }

    #[test]
    fn keywords_are_the_trimmed_non_empty_parts_of_the_summary() {
        let profile = Profile::try_from(parts()).unwrap();
        assert_eq!(
            profile.keywords().collect::<Vec<_>>(),
            ["PITR", "WAL archiving", "restore drills"]
        );
    }

    #[test]
    fn cells_are_found_by_level_and_role_ids() {
        let profile = Profile::try_from(parts()).unwrap();
        let level = profile.level_index("senior").unwrap();
        let role = profile.role_index("sre").unwrap();
        assert_eq!(profile.cell(level, role).unwrap().text, "Automates drills.");
        assert_eq!(profile.level_index("principal"), None);
    }

    #[test]
    fn a_missing_cell_is_refused() {
        let mut p = parts();
        p.cells[1].pop();
        assert_eq!(Profile::try_from(p), Err(ProfileError::Shape));
    }

    #[test]
    fn an_empty_expectation_is_refused_and_named() {
        let mut p = parts();
        p.cells[1][0].text = "  \n".into();
        let err = Profile::try_from(p).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the expectation for DBA at Senior must not be empty"
        );
    }

    #[test]
    fn an_expectation_over_the_limit_is_refused() {
        let mut p = parts();
        p.cells[0][1].text = "é".repeat(MAX_EXPECTATION_CHARS + 1);
        assert!(matches!(
            Profile::try_from(p),
            Err(ProfileError::TooLong { len, max: MAX_EXPECTATION_CHARS, .. }) if len == MAX_EXPECTATION_CHARS + 1
        ));
    }

    #[test]
    fn an_expectation_at_the_limit_is_accepted() {
        let mut p = parts();
        p.cells[0][1].text = "é".repeat(MAX_EXPECTATION_CHARS);
        assert!(Profile::try_from(p).is_ok());
    }

    #[test]
    fn a_repeated_role_is_refused() {
        let mut p = parts();
        p.roles[1].id = RoleId::parse("dba").unwrap();
        assert_eq!(
            Profile::try_from(p),
            Err(ProfileError::DuplicateAxis {
                axis: "role",
                id: "dba".into()
            })
        );
    }

    #[test]
    fn a_profile_without_levels_is_refused() {
        let mut p = parts();
        p.levels.clear();
        p.cells.clear();
        assert_eq!(
            Profile::try_from(p),
            Err(ProfileError::AxisSize {
                axis: "levels",
                len: 0
            })
        );
    }

    #[test]
    fn identifiers_accept_lowercase_words_joined_by_hyphens() {
        assert!(Slug::parse("replication-high-availability").is_ok());
        assert!(RoleId::parse("dba").is_ok());
        for bad in ["", "-a", "a-", "a--b", "Caps", "under_score", "sp ace", "ü"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Slug::parse("x".repeat(81)), Err(SlugError::Length));
    }

    #[test]
    fn names_slugify_to_identifiers() {
        assert_eq!(slugify("Database Engineer / DBA"), "database-engineer-dba");
        assert_eq!(slugify("  Lead "), "lead");
        assert_eq!(
            slugify("Replication & High Availability"),
            "replication-high-availability"
        );
    }

    #[test]
    fn a_profile_round_trips_through_json_and_is_validated_on_the_way_in() {
        let profile = Profile::try_from(parts()).unwrap();
        let json = serde_json::to_string(&profile).unwrap();
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        let broken = json.replace("Restores a table.", "");
        assert!(serde_json::from_str::<Profile>(&broken).is_err());
    }
}
