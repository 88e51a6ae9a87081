//! Content files: one TOML file per skill under `content/`, parsed and validated with the
//! exact location of every problem, so `check` and server start-up report `file:line:col`.

use app::model::{
    check_text, slugify, Catalog, Date, Expectation, Level, LevelId, Profile, ProfileParts, Role,
    RoleId, Slug, MAX_AXIS_LEN, MAX_EXPECTATION_CHARS, MAX_NAME_CHARS, MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One problem in one content file, at a line and column (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, as given to the loader.
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// What is wrong, as a sentence fragment.
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    slug: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    domain: Spanned<String>,
    group: Spanned<String>,
    updated: Spanned<toml::value::Datetime>,
    levels: Spanned<Vec<Spanned<String>>>,
    roles: Spanned<Vec<Spanned<RawRole>>>,
    expectations: Spanned<Vec<Spanned<RawExpectation>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    name: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpectation {
    level: Spanned<String>,
    role: Spanned<String>,
    required: bool,
    text: Spanned<String>,
}

/// Collects the problems of one file with their locations.
struct Problems<'a> {
    file: &'a Path,
    source: &'a str,
    found: Vec<ContentError>,
}

impl Problems<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let error = self.error(span, message);
        self.found.push(error);
    }

    /// A problem at `span`, not yet recorded.
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ContentError {
        let before = &self.source[..span.start.min(self.source.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ContentError {
            file: self.file.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    fn text(&mut self, field: &str, value: &Spanned<String>, max: usize) {
        if let Err(err) = check_text(field, value.get_ref(), max) {
            self.at(value.span(), err.to_string());
        }
    }
}

/// Parses and validates one content file. `file` is only used in messages.
pub fn parse_profile(file: &Path, source: &str) -> Result<Profile, Vec<ContentError>> {
    parse_located(file, source).map(|(profile, _)| profile)
}

/// Where the names that must agree across files are written in one file, so a
/// disagreement is reported where it is.
struct Places {
    /// Per role, in order: a problem-to-be at the role's name.
    role_names: Vec<ContentError>,
    /// At the domain value.
    domain: ContentError,
    /// At the group value.
    group: ContentError,
}

fn parse_located(file: &Path, source: &str) -> Result<(Profile, Places), Vec<ContentError>> {
    let mut problems = Problems {
        file,
        source,
        found: Vec::new(),
    };
    let raw: RawProfile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(err) => {
            problems.at(
                err.span().unwrap_or(0..0),
                err.message().trim_end().to_owned(),
            );
            return Err(problems.found);
        }
    };

    let slug = Slug::parse(raw.slug.get_ref().clone())
        .map_err(|err| problems.at(raw.slug.span(), format!("the slug {err}")))
        .ok();
    if let (Some(slug), Some(stem)) = (&slug, file.file_stem().and_then(|s| s.to_str())) {
        if slug.as_str() != stem {
            problems.at(
                raw.slug.span(),
                format!("the slug `{slug}` must match the file name `{stem}.toml`"),
            );
        }
    }
    problems.text("the title", &raw.title, MAX_TITLE_CHARS);
    problems.text("the summary", &raw.summary, MAX_SUMMARY_CHARS);
    problems.text("the domain", &raw.domain, MAX_NAME_CHARS);
    problems.text("the group", &raw.group, MAX_NAME_CHARS);
    let updated = date(&raw.updated)
        .map_err(|message| problems.at(raw.updated.span(), message))
        .ok();

    let levels = axis(&mut problems, "levels", &raw.levels, |problems, name| {
        problems.text("a level name", name, MAX_NAME_CHARS);
        let id = LevelId::parse(slugify(name.get_ref()))
            .map_err(|err| problems.at(name.span(), format!("the level name {err}")))
            .ok()?;
        Some(Level {
            id,
            name: name.get_ref().trim().to_owned(),
        })
    });
    let roles = axis(&mut problems, "roles", &raw.roles, |problems, role| {
        let role = role.get_ref();
        problems.text("a role name", &role.name, MAX_NAME_CHARS);
        let id = RoleId::parse(role.id.get_ref().clone())
            .map_err(|err| problems.at(role.id.span(), format!("the role id {err}")))
            .ok()?;
        Some(Role {
            id,
            name: role.name.get_ref().trim().to_owned(),
        })
    });

    let mut cells: Vec<Vec<Option<Expectation>>> = vec![vec![None; roles.len()]; levels.len()];
    for entry in raw.expectations.get_ref() {
        let entry = entry.get_ref();
        let level = levels
            .iter()
            .position(|l| l.id.as_str() == entry.level.get_ref());
        let role = roles
            .iter()
            .position(|r| r.id.as_str() == entry.role.get_ref());
        if level.is_none() {
            let known = ids(levels.iter().map(|l| l.id.as_str()));
            problems.at(
                entry.level.span(),
                format!(
                    "unknown level `{}`; the levels are {known}",
                    entry.level.get_ref()
                ),
            );
        }
        if role.is_none() {
            let known = ids(roles.iter().map(|r| r.id.as_str()));
            problems.at(
                entry.role.span(),
                format!(
                    "unknown role `{}`; the roles are {known}",
                    entry.role.get_ref()
                ),
            );
        }
        let (Some(level), Some(role)) = (level, role) else {
            continue;
        };
        let field = format!(
            "the expectation for {} at {}",
            roles[role].name, levels[level].name
        );
        problems.text(&field, &entry.text, MAX_EXPECTATION_CHARS);
        let slot = &mut cells[level][role];
        if slot.is_some() {
            problems.at(entry.level.span(), format!("{field} is given twice"));
        } else {
            *slot = Some(Expectation {
                text: entry.text.get_ref().trim().to_owned(),
                required: entry.required,
            });
        }
    }
    for (level, row) in levels.iter().zip(&cells) {
        for (role, cell) in roles.iter().zip(row) {
            if cell.is_none() {
                problems.at(
                    raw.expectations.span(),
                    format!(
                        "no expectation for {} at {}: add an [[expectations]] with level = \"{}\" and role = \"{}\"",
                        role.name, level.name, level.id, role.id
                    ),
                );
            }
        }
    }

    if !problems.found.is_empty() {
        return Err(problems.found);
    }
    let (Some(slug), Some(updated)) = (slug, updated) else {
        return Err(problems.found);
    };
    let places = Places {
        role_names: raw
            .roles
            .get_ref()
            .iter()
            .map(|role| problems.error(role.get_ref().name.span(), ""))
            .collect(),
        domain: problems.error(raw.domain.span(), ""),
        group: problems.error(raw.group.span(), ""),
    };
    let parts = ProfileParts {
        slug,
        title: raw.title.into_inner().trim().to_owned(),
        summary: raw.summary.into_inner().trim().to_owned(),
        domain: raw.domain.into_inner().trim().to_owned(),
        group: raw.group.into_inner().trim().to_owned(),
        updated,
        levels,
        roles,
        cells: cells
            .into_iter()
            .map(|row| row.into_iter().flatten().collect())
            .collect(),
    };
    // Every rule was checked above with a location; this is the model's own guard.
    Profile::try_from(parts)
        .map(|profile| (profile, places))
        .map_err(|err| {
            problems.at(0..0, err.to_string());
            problems.found
        })
}

fn date(value: &Spanned<toml::value::Datetime>) -> Result<Date, String> {
    let value = value.get_ref();
    match (value.date, value.time) {
        (Some(d), None) => {
            Date::new(d.year, d.month, d.day).map_err(|err| format!("`updated`: {err}"))
        }
        _ => Err("`updated` must be a plain date such as 2026-03-17, without a time".into()),
    }
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses one axis (levels or roles), reporting its size and repeated identifiers.
fn axis<R, T>(
    problems: &mut Problems<'_>,
    name: &str,
    raw: &Spanned<Vec<Spanned<R>>>,
    mut parse: impl FnMut(&mut Problems<'_>, &Spanned<R>) -> Option<T>,
) -> Vec<T>
where
    T: AxisItem,
{
    let len = raw.get_ref().len();
    if len == 0 || len > MAX_AXIS_LEN {
        problems.at(
            raw.span(),
            format!("a profile needs 1 to {MAX_AXIS_LEN} {name}, this one has {len}"),
        );
    }
    let mut out: Vec<T> = Vec::with_capacity(len);
    for item in raw.get_ref() {
        let Some(parsed) = parse(problems, item) else {
            continue;
        };
        if out.iter().any(|o| o.id() == parsed.id()) {
            problems.at(
                item.span(),
                format!("`{}` appears twice in {name}", parsed.id()),
            );
            continue;
        }
        out.push(parsed);
    }
    out
}

/// What the axis parser needs of a level or role.
trait AxisItem {
    fn id(&self) -> &str;
}

impl AxisItem for Level {
    fn id(&self) -> &str {
        self.id.as_str()
    }
}

impl AxisItem for Role {
    fn id(&self) -> &str {
        self.id.as_str()
    }
}

/// Names that must mean one thing across the whole folder: a role id names one role (its
/// ladder gathers every skill by id), and two spellings of a domain or group must not share
/// one URL. The first file (in name order) sets the name; later files are held to it.
#[derive(Default)]
struct Names {
    roles: HashMap<String, (String, PathBuf)>,
    domains: HashMap<String, (String, PathBuf)>,
    groups: HashMap<String, (String, PathBuf)>,
}

impl Names {
    fn check(&mut self, profile: &Profile, places: Places, errors: &mut Vec<ContentError>) {
        for (role, place) in profile.roles().iter().zip(places.role_names) {
            agree(
                &mut self.roles,
                role.id.to_string(),
                &role.name,
                "the role",
                place,
                errors,
            );
        }
        let domain = slugify(profile.domain());
        let group = format!("{domain}/{}", slugify(profile.group()));
        agree(
            &mut self.domains,
            domain,
            profile.domain(),
            "the domain",
            places.domain,
            errors,
        );
        agree(
            &mut self.groups,
            group,
            profile.group(),
            "the group",
            places.group,
            errors,
        );
    }
}

/// Records `name` under `key`, or reports at `place` that an earlier file named it otherwise.
fn agree(
    known: &mut HashMap<String, (String, PathBuf)>,
    key: String,
    name: &str,
    what: &str,
    mut place: ContentError,
    errors: &mut Vec<ContentError>,
) {
    match known.get(&key) {
        Some((first, file)) if first != name => {
            place.message = format!(
                "{what} `{key}` is named \"{first}\" in {}; use the same name here (found \"{name}\")",
                file.display()
            );
            errors.push(place);
        }
        Some(_) => {}
        None => {
            known.insert(key, (name.to_owned(), place.file));
        }
    }
}

/// Loads every `*.toml` file of a folder into a catalog, or returns every problem found.
pub fn load_dir(dir: &Path) -> Result<Catalog, Vec<ContentError>> {
    load_sources(&read_dir(dir)?)
}

/// Reads every `*.toml` file of a folder as `(path, text)`, sorted by path; every file that
/// cannot be read is reported, and a folder without any is a problem too.
pub fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>, Vec<ContentError>> {
    let whole_file = |file: &Path, message: String| ContentError {
        file: file.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    let entries = std::fs::read_dir(dir).map_err(|err| {
        vec![whole_file(
            dir,
            format!("cannot read the content folder: {err}"),
        )]
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut sources = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(source) => sources.push((file, source)),
            Err(err) => errors.push(whole_file(&file, format!("cannot read the file: {err}"))),
        }
    }
    if sources.is_empty() && errors.is_empty() {
        errors.push(whole_file(
            dir,
            "the content folder has no .toml profiles".into(),
        ));
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Parses content files given as `(path, text)` into a catalog with every check `check`
/// runs (one slug per file, the same name for a role or domain everywhere); the path only
/// names the file in messages.
pub fn load_sources(sources: &[(PathBuf, String)]) -> Result<Catalog, Vec<ContentError>> {
    let whole_file = |file: &Path, message: String| ContentError {
        file: file.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    let mut profiles: Vec<Profile> = Vec::with_capacity(sources.len());
    let mut errors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut names = Names::default();
    for (file, source) in sources {
        match parse_located(file, source) {
            // The file-name rule keeps slugs unique within one folder; this guards the rule.
            Ok((profile, places)) => match seen.insert(profile.slug().clone(), file) {
                Some(first) => errors.push(whole_file(
                    file,
                    format!(
                        "the slug `{}` is already used by {}",
                        profile.slug(),
                        first.display()
                    ),
                )),
                None => {
                    names.check(&profile, places, &mut errors);
                    profiles.push(profile);
                }
            },
            Err(found) => errors.extend(found),
        }
    }
    if errors.is_empty() {
        Ok(Catalog::new(profiles))
    } else {
        Err(errors)
    }
}

/// A TOML basic string: `"…"` with `\`, `"` and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A profile as a content file, in the layout of the shipped files: header fields, roles,
/// then expectations grouped under a comment per level. `parse_profile` reads it back to an
/// equal profile. Used for revisions made by accepting a proposal.
pub fn to_toml(profile: &Profile) -> String {
    let mut out = String::from(
        "# Skill profile: one file per skill. `cargo run -p server -- check content` validates it.\n",
    );
    let field = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("{key} = {}\n", toml_string(value)));
    };
    field(&mut out, "slug", profile.slug().as_str());
    field(&mut out, "title", profile.title());
    field(&mut out, "summary", profile.summary());
    field(&mut out, "domain", profile.domain());
    field(&mut out, "group", profile.group());
    out.push_str(&format!("updated = {}\n", profile.updated()));
    let levels: Vec<String> = profile
        .levels()
        .iter()
        .map(|l| toml_string(&l.name))
        .collect();
    out.push_str(&format!("levels = [{}]\n", levels.join(", ")));
    for role in profile.roles() {
        out.push_str("\n[[roles]]\n");
        field(&mut out, "id", role.id.as_str());
        field(&mut out, "name", &role.name);
    }
    for (li, level) in profile.levels().iter().enumerate() {
        out.push_str(&format!("\n# {}\n", level.name));
        for (ri, role) in profile.roles().iter().enumerate() {
            let Some(cell) = profile.cell(li, ri) else {
                continue;
            };
            out.push_str("\n[[expectations]]\n");
            field(&mut out, "level", level.id.as_str());
            field(&mut out, "role", role.id.as_str());
            out.push_str(&format!("required = {}\n", cell.required));
            field(&mut out, "text", &cell.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_shipped_profile_written_as_toml_reads_back_equal() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        for (file, source) in read_dir(&dir).unwrap() {
            let profile = parse_profile(&file, &source).unwrap();
            let written = to_toml(&profile);
            let again =
                parse_profile(&file, &written).unwrap_or_else(|e| panic!("{e:?}\n{written}"));
            assert_eq!(again, profile, "{}", file.display());
        }
    }

    #[test]
    fn quotes_backslashes_and_newlines_survive_the_round_trip() {
        assert_eq!(
            toml_string("a \"b\" \\ c\nd\u{7}"),
            r#""a \"b\" \\ c\nd\u0007""#
        );
    }
    use super::*;

    const VALID: &str = r#"slug = "backup"
title = "Backup & Recovery"
summary = "PITR, WAL archiving"
domain = "Database Management"
group = "Database Administration"
updated = 2026-03-17
levels = ["Junior", "Senior"]

[[roles]]
id = "dba"
name = "DBA"

[[expectations]]
level = "junior"
role = "dba"
required = false
text = "Restores a table from last night's backup."

[[expectations]]
level = "senior"
role = "dba"
required = true
text = "Designs point-in-time recovery."
"#;

    fn errors_of(source: &str) -> Vec<String> {
        parse_profile(Path::new("content/backup.toml"), source)
            .expect_err("the file should be refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_valid_file_becomes_a_profile() {
        let profile = parse_profile(Path::new("backup.toml"), VALID).unwrap();
        assert_eq!(profile.title(), "Backup & Recovery");
        assert_eq!(profile.levels()[1].id.as_str(), "senior");
        assert_eq!(profile.figures().optional, 1);
        assert_eq!(profile.updated().to_string(), "2026-03-17");
    }

    #[test]
    fn the_shipped_content_is_valid_and_has_the_seed_figures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = load_dir(&dir).unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let seed = catalog.get("replication-high-availability").unwrap();
        let figures = seed.figures();
        assert_eq!((figures.roles, figures.levels), (3, 5));
        assert_eq!((figures.required, figures.optional), (11, 4));
        let levels: Vec<_> = seed.levels().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(levels, ["Junior", "Middle", "Senior", "Lead", "Principal"]);
        // Data Engineer is required everywhere; the other two from Senior up.
        for level in 0..5 {
            let row: Vec<bool> = seed.row(level).iter().map(|c| c.required).collect();
            assert_eq!(row, [true, level >= 2, level >= 2], "level {level}");
        }
        // The framework around the seed: several domains and groups, roles that vary.
        let groups: usize = catalog.domains().iter().map(|d| d.groups.len()).sum();
        assert!(
            catalog.profiles().len() >= 8,
            "{}",
            catalog.profiles().len()
        );
        assert!(
            catalog.domains().len() >= 2 && groups >= 3,
            "{groups} groups"
        );
        assert!(catalog.roles().len() > 3);
    }

    #[test]
    fn a_missing_cell_is_reported_with_what_to_add() {
        let source = VALID.replace("level = \"senior\"", "level = \"junior\"");
        let errors = errors_of(&source);
        assert!(
            errors.contains(
                &"content/backup.toml:20:9: the expectation for DBA at Junior is given twice"
                    .to_owned()
            ),
            "{errors:?}"
        );
        assert!(errors.iter().any(|e| e.contains(
            "no expectation for DBA at Senior: add an [[expectations]] with level = \"senior\" and role = \"dba\""
        )), "{errors:?}");
    }

    #[test]
    fn an_unknown_role_is_reported_at_its_value() {
        let source = VALID.replacen(
            "role = \"dba\"\nrequired = false",
            "role = \"sre\"\nrequired = false",
            1,
        );
        let errors = errors_of(&source);
        assert_eq!(
            errors[0],
            "content/backup.toml:15:8: unknown role `sre`; the roles are `dba`"
        );
    }

    #[test]
    fn an_unknown_level_is_reported_at_its_value() {
        let source = VALID.replace("level = \"senior\"", "level = \"staff\"");
        let errors = errors_of(&source);
        assert_eq!(
            errors[0],
            "content/backup.toml:20:9: unknown level `staff`; the levels are `junior`, `senior`"
        );
    }

    #[test]
    fn an_empty_text_is_reported_at_the_text() {
        let source = VALID.replace("\"Designs point-in-time recovery.\"", "\"  \"");
        assert_eq!(
            errors_of(&source),
            ["content/backup.toml:23:8: the expectation for DBA at Senior must not be empty"]
        );
    }

    #[test]
    fn a_text_over_the_limit_is_reported_with_its_length() {
        let long = "x".repeat(MAX_EXPECTATION_CHARS + 1);
        let source = VALID.replace("Designs point-in-time recovery.", &long);
        assert_eq!(
            errors_of(&source),
            [format!(
                "content/backup.toml:23:8: the expectation for DBA at Senior is {} characters long; the limit is {MAX_EXPECTATION_CHARS}",
                MAX_EXPECTATION_CHARS + 1
            )]
        );
    }

    #[test]
    fn a_slug_that_does_not_match_the_file_name_is_reported() {
        let source = VALID.replace("slug = \"backup\"", "slug = \"backups\"");
        assert_eq!(
            errors_of(&source),
            ["content/backup.toml:1:8: the slug `backups` must match the file name `backup.toml`"]
        );
    }

    #[test]
    fn a_malformed_slug_is_reported() {
        let source = VALID.replace("slug = \"backup\"", "slug = \"Back Up\"");
        let errors = errors_of(&source);
        assert!(
            errors[0].starts_with("content/backup.toml:1:8: the slug may only use"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_repeated_level_is_reported() {
        let source = VALID.replace(
            "[\"Junior\", \"Senior\"]",
            "[\"Junior\", \"Senior\", \"junior\"]",
        );
        let errors = errors_of(&source);
        assert!(
            errors
                .contains(&"content/backup.toml:7:31: `junior` appears twice in levels".to_owned()),
            "{errors:?}"
        );
    }

    #[test]
    fn a_syntax_error_is_reported_with_its_location() {
        let source = VALID.replace("title = \"Backup & Recovery\"", "title = \"Backup");
        let errors = errors_of(&source);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("content/backup.toml:2:"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_unknown_key_is_reported() {
        let source = VALID.replace("group =", "team = \"x\"\ngroup =");
        let errors = errors_of(&source);
        assert!(errors[0].contains("unknown field `team`"), "{errors:?}");
    }

    #[test]
    fn a_date_with_a_time_is_refused() {
        let source = VALID.replace("updated = 2026-03-17", "updated = 2026-03-17T10:00:00Z");
        assert_eq!(
            errors_of(&source),
            ["content/backup.toml:6:11: `updated` must be a plain date such as 2026-03-17, without a time"]
        );
    }

    #[test]
    fn every_problem_of_a_file_is_reported_not_only_the_first() {
        let source = VALID
            .replace("title = \"Backup & Recovery\"", "title = \"\"")
            .replace(
                "role = \"dba\"\nrequired = true",
                "role = \"x\"\nrequired = true",
            );
        assert_eq!(
            errors_of(&source).len(),
            3,
            "title, unknown role, missing cell"
        );
    }

    #[test]
    fn two_files_with_the_same_slug_are_refused() {
        let dir = std::env::temp_dir().join(format!("skills-dup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("backup.toml"), VALID).unwrap();
        std::fs::write(dir.join("copy.toml"), VALID).unwrap();
        let errors = load_dir(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(errors
            .iter()
            .any(|e| e.message.contains("must match the file name `copy.toml`")));
    }

    /// A folder holding `files` (name, source), removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str, files: &[(&str, String)]) -> Self {
            let dir = std::env::temp_dir().join(format!("skills-{name}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            for (file, source) in files {
                std::fs::write(dir.join(file), source).unwrap();
            }
            Self(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_role_id_named_differently_in_two_files_is_reported_at_the_second_name() {
        let second = VALID
            .replace("slug = \"backup\"", "slug = \"restore\"")
            .replace("name = \"DBA\"", "name = \"Database Admin\"");
        let folder = Folder::new(
            "roles",
            &[("backup.toml", VALID.into()), ("restore.toml", second)],
        );
        let errors: Vec<String> = load_dir(&folder.0)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        let file = folder.0.join("restore.toml");
        assert_eq!(
            errors,
            [format!(
                "{}:11:8: the role `dba` is named \"DBA\" in {}; use the same name here (found \"Database Admin\")",
                file.display(),
                folder.0.join("backup.toml").display()
            )]
        );
    }

    #[test]
    fn two_spellings_of_one_domain_are_reported_at_the_second() {
        let second = VALID
            .replace("slug = \"backup\"", "slug = \"restore\"")
            .replace(
                "domain = \"Database Management\"",
                "domain = \"Database management\"",
            );
        let folder = Folder::new(
            "domains",
            &[("backup.toml", VALID.into()), ("restore.toml", second)],
        );
        let errors = load_dir(&folder.0).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (4, 10));
        assert!(errors[0]
            .message
            .contains("the domain `database-management` is named \"Database Management\""));
    }

    #[test]
    fn files_that_agree_on_names_load_together() {
        let second = VALID.replace("slug = \"backup\"", "slug = \"restore\"");
        let folder = Folder::new(
            "agree",
            &[("backup.toml", VALID.into()), ("restore.toml", second)],
        );
        let catalog = load_dir(&folder.0).unwrap();
        assert_eq!(catalog.roles()[0].skills, 2);
    }
}
