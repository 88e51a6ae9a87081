//! One profile, or a slice of it, as a document: the JSON the API answers and the JSON,
//! CSV and Markdown downloads. All three are written from the same `SkillDocument`, so they
//! never disagree.

use app::model::{Level, Profile, Role};
use serde::Serialize;
use std::fmt::Write as _;

/// Which part of a profile to include. Parsed from `role` and `level` query values.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Filter {
    /// A role id: only that role's expectations.
    pub role: Option<String>,
    /// A level id: only that level's expectations.
    pub level: Option<String>,
}

/// Why a filter does not fit the profile. The message names the allowed ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// `role` names no role of the profile.
    #[error("`{given}` is not a role of this skill; use one of: {known}")]
    UnknownRole {
        /// What was asked for.
        given: String,
        /// The role ids, comma-separated.
        known: String,
    },
    /// `level` names no level of the profile.
    #[error("`{given}` is not a level of this skill; use one of: {known}")]
    UnknownLevel {
        /// What was asked for.
        given: String,
        /// The level ids, comma-separated.
        known: String,
    },
}

/// The levels and roles (indices) a document covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    levels: Vec<usize>,
    roles: Vec<usize>,
}

impl Slice {
    /// Exactly what `filter` names: one role and/or one level, everything when empty.
    pub fn exact(profile: &Profile, filter: &Filter) -> Result<Self, FilterError> {
        Ok(Self {
            levels: level_indices(profile, filter.level.as_deref())?,
            roles: role_indices(profile, filter.role.as_deref())?,
        })
    }

    /// A reader's selection: the chosen role at the chosen level and the next one — what
    /// the profile page shows as "what to cover to advance". Without a level, every level.
    pub fn selection(profile: &Profile, filter: &Filter) -> Result<Self, FilterError> {
        let mut slice = Self::exact(profile, filter)?;
        if let [level] = slice.levels[..] {
            if level + 1 < profile.levels().len() {
                slice.levels.push(level + 1);
            }
        }
        Ok(slice)
    }

    /// True when the slice is the whole profile.
    pub fn is_whole(&self, profile: &Profile) -> bool {
        self.levels.len() == profile.levels().len() && self.roles.len() == profile.roles().len()
    }
}

fn known<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

/// Every position on an axis of `len`, or the one `id` names (found with `position`).
fn indices<'a>(
    len: usize,
    id: Option<&str>,
    position: impl Fn(&str) -> Option<usize>,
    ids: impl Iterator<Item = &'a str>,
    unknown: impl FnOnce(String, String) -> FilterError,
) -> Result<Vec<usize>, FilterError> {
    match id.filter(|id| !id.is_empty()) {
        None => Ok((0..len).collect()),
        Some(id) => position(id)
            .map(|i| vec![i])
            .ok_or_else(|| unknown(id.to_owned(), known(ids))),
    }
}

fn level_indices(profile: &Profile, id: Option<&str>) -> Result<Vec<usize>, FilterError> {
    indices(
        profile.levels().len(),
        id,
        |id| profile.level_index(id),
        profile.levels().iter().map(|l| l.id.as_str()),
        |given, known| FilterError::UnknownLevel { given, known },
    )
}

fn role_indices(profile: &Profile, id: Option<&str>) -> Result<Vec<usize>, FilterError> {
    indices(
        profile.roles().len(),
        id,
        |id| profile.role_index(id),
        profile.roles().iter().map(|r| r.id.as_str()),
        |given, known| FilterError::UnknownRole { given, known },
    )
}

/// One expectation, named by its level and role ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Level id.
    pub level: String,
    /// Role id.
    pub role: String,
    /// Required at the level, else optional.
    pub required: bool,
    /// The expectation in prose.
    pub text: String,
}

/// A profile (or a slice of it) as the API and the downloads present it. Its JSON shape is
/// `Skill` in `openapi.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillDocument {
    /// URL name.
    pub slug: String,
    /// Display title.
    pub title: String,
    /// The summary line as written.
    pub summary: String,
    /// The summary split into keywords.
    pub keywords: Vec<String>,
    /// Catalog domain.
    pub domain: String,
    /// Catalog group.
    pub group: String,
    /// Date of the revision, `YYYY-MM-DD`.
    pub updated: String,
    /// Revision number.
    pub revision: u32,
    /// Where the profile is on this site (a path, base path included).
    pub path: String,
    /// The levels covered, lowest first.
    pub levels: Vec<Level>,
    /// The roles covered, in display order.
    pub roles: Vec<Role>,
    /// Level by level, role by role.
    pub expectations: Vec<Cell>,
}

impl SkillDocument {
    /// `profile` at `revision`, cut to `slice`; `base` is the site's base path.
    pub fn new(profile: &Profile, revision: u32, slice: &Slice, base: &str) -> Self {
        let levels: Vec<Level> = slice
            .levels
            .iter()
            .filter_map(|&i| profile.levels().get(i).cloned())
            .collect();
        let roles: Vec<Role> = slice
            .roles
            .iter()
            .filter_map(|&i| profile.roles().get(i).cloned())
            .collect();
        let mut expectations = Vec::with_capacity(levels.len() * roles.len());
        for &level in &slice.levels {
            for &role in &slice.roles {
                if let (Some(cell), Some(l), Some(r)) = (
                    profile.cell(level, role),
                    profile.levels().get(level),
                    profile.roles().get(role),
                ) {
                    expectations.push(Cell {
                        level: l.id.to_string(),
                        role: r.id.to_string(),
                        required: cell.required,
                        text: cell.text.clone(),
                    });
                }
            }
        }
        Self {
            slug: profile.slug().to_string(),
            title: profile.title().to_owned(),
            summary: profile.summary().to_owned(),
            keywords: profile.keywords().map(str::to_owned).collect(),
            domain: profile.domain().to_owned(),
            group: profile.group().to_owned(),
            updated: profile.updated().to_string(),
            revision,
            path: format!("{base}/skills/{}", profile.slug()),
            levels,
            roles,
            expectations,
        }
    }

    fn level_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.levels
            .iter()
            .find(|l| l.id.as_str() == id)
            .map_or(id, |l| l.name.as_str())
    }

    fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.roles
            .iter()
            .find(|r| r.id.as_str() == id)
            .map_or(id, |r| r.name.as_str())
    }

    /// Pretty JSON, the API's shape.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and vectors cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// RFC 4180 CSV (the `csv` crate), one row per expectation: `skill,revision,level,
    /// level_name,role,role_name,required,text`. CRLF line ends; fields quoted when they need
    /// it; a field a spreadsheet would run as a formula gets a leading `'`.
    pub fn to_csv(&self) -> String {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let header = [
            "skill",
            "revision",
            "level",
            "level_name",
            "role",
            "role_name",
            "required",
            "text",
        ];
        let revision = self.revision.to_string();
        let rows = self.expectations.iter().map(|cell| {
            [
                self.slug.as_str(),
                revision.as_str(),
                cell.level.as_str(),
                self.level_name(&cell.level),
                cell.role.as_str(),
                self.role_name(&cell.role),
                if cell.required {
                    "required"
                } else {
                    "optional"
                },
                cell.text.as_str(),
            ]
            .map(formula_guarded)
        });
        // Writing to memory cannot fail, and every field is UTF-8 text.
        let _ = out.write_record(header);
        for row in rows {
            let _ = out.write_record(row.iter().map(|field| field.as_bytes()));
        }
        out.into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Markdown: the title, the summary, then a `##` heading per level and a `###` heading
    /// per role (`Role name — required|optional`) over the expectation's text. Text is
    /// escaped so that nothing in it becomes markup.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "# {}\n", escape_markdown(&self.title));
        let _ = writeln!(out, "{}\n", escape_markdown(&self.summary));
        let _ = writeln!(
            out,
            "{} › {} · revision {} · updated {}\n",
            escape_markdown(&self.domain),
            escape_markdown(&self.group),
            self.revision,
            self.updated
        );
        for level in &self.levels {
            let _ = writeln!(out, "## {}\n", escape_markdown(&level.name));
            for cell in self
                .expectations
                .iter()
                .filter(|c| c.level == level.id.as_str())
            {
                let flag = if cell.required {
                    "required"
                } else {
                    "optional"
                };
                let _ = writeln!(
                    out,
                    "### {} — {flag}\n\n{}\n",
                    escape_markdown(self.role_name(&cell.role)),
                    escape_markdown(&cell.text)
                );
            }
        }
        out
    }
}

/// `field`, with a leading `'` when a spreadsheet would run it as a formula.
fn formula_guarded(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Backslash-escapes every ASCII punctuation character Markdown may read as markup, and
/// keeps the text on one line (a line break would end the paragraph).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '-' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json`.
    Json,
    /// `text/csv`.
    Csv,
    /// `text/markdown`.
    Markdown,
}

impl Format {
    /// `json`, `csv`, `md` (or `markdown`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }

    /// File name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Markdown => "md",
        }
    }

    /// `Content-Type` value.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv; charset=utf-8; header=present",
            Self::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// The document in this format.
    pub fn render(self, document: &SkillDocument) -> String {
        match self {
            Self::Json => document.to_json(),
            Self::Csv => document.to_csv(),
            Self::Markdown => document.to_markdown(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Profile {
        let source = include_str!("../../../content/replication-high-availability.toml");
        crate::content::parse_profile(
            std::path::Path::new("replication-high-availability.toml"),
            source,
        )
        .expect("the shipped profile parses")
    }

    /// One field as the CSV download writes it.
    fn csv_field(field: &str) -> String {
        let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
        out.write_record([formula_guarded(field).as_bytes()])
            .unwrap();
        let line = String::from_utf8(out.into_inner().unwrap()).unwrap();
        line.trim_end_matches('\n').to_owned()
    }

    #[test]
    fn a_role_and_level_filter_keeps_exactly_that_cell() {
        let profile = seed();
        let filter = Filter {
            role: Some("dba".into()),
            level: Some("senior".into()),
        };
        let document =
            SkillDocument::new(&profile, 1, &Slice::exact(&profile, &filter).unwrap(), "");
        assert_eq!(document.expectations.len(), 1);
        assert_eq!(document.expectations[0].role, "dba");
        assert_eq!(document.levels.len(), 1);
        assert_eq!(document.roles.len(), 1);
    }

    #[test]
    fn a_selection_adds_the_next_level_but_not_past_the_last() {
        let profile = seed();
        let pick = |level: &str| {
            let filter = Filter {
                role: Some("dba".into()),
                level: Some(level.into()),
            };
            Slice::selection(&profile, &filter).unwrap().levels
        };
        assert_eq!(pick("senior"), vec![2, 3]);
        assert_eq!(pick("principal"), vec![4]);
    }

    #[test]
    fn an_unknown_role_names_the_roles_there_are() {
        let profile = seed();
        let filter = Filter {
            role: Some("chef".into()),
            level: None,
        };
        let message = Slice::exact(&profile, &filter).unwrap_err().to_string();
        assert!(message.contains("`chef`"), "{message}");
        assert!(message.contains("dba"), "{message}");
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1, then"), "\"'-1, then\"");
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_expectation() {
        let profile = seed();
        let slice = Slice::exact(&profile, &Filter::default()).unwrap();
        let csv = SkillDocument::new(&profile, 2, &slice, "").to_csv();
        let cells = profile.levels().len() * profile.roles().len();
        // Every expectation is one line: texts in the shipped content have no line breaks.
        assert_eq!(csv.lines().count(), cells + 1);
        assert!(csv.starts_with("skill,revision,level,"));
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        assert_eq!(
            escape_markdown("<b>*PITR*</b> [x](y) #1\nnext"),
            "\\<b\\>\\*PITR\\*\\</b\\> \\[x\\]\\(y\\) \\#1 next"
        );
    }

    #[test]
    fn markdown_has_a_heading_per_level_and_per_expectation() {
        let profile = seed();
        let slice = Slice::exact(&profile, &Filter::default()).unwrap();
        let markdown = SkillDocument::new(&profile, 1, &slice, "").to_markdown();
        let levels = markdown.lines().filter(|l| l.starts_with("## ")).count();
        let cells = markdown.lines().filter(|l| l.starts_with("### ")).count();
        assert_eq!(levels, profile.levels().len());
        assert_eq!(cells, profile.levels().len() * profile.roles().len());
        assert!(markdown.starts_with("# Replication & High Availability\n"));
    }

    #[test]
    fn the_document_path_carries_the_base_path() {
        let profile = seed();
        let slice = Slice::exact(&profile, &Filter::default()).unwrap();
        let document = SkillDocument::new(&profile, 1, &slice, "/skills");
        assert_eq!(
            document.path,
            "/skills/skills/replication-high-availability"
        );
    }
}
