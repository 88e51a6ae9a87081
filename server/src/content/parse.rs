//! One content file read into a [`Profile`], every problem with its place, and the names
//! that must agree across the files of a folder.

use super::ContentError;
use app::model::{
    check_text, slugify, Date, Expectation, Level, LevelId, Profile, ProfileParts, Role, RoleId,
    Slug, MAX_AXIS_LEN, MAX_EXPECTATION_CHARS, MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

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
pub(super) struct Places {
    /// Per role, in order: a problem-to-be at the role's name.
    role_names: Vec<ContentError>,
    /// At the domain value.
    domain: ContentError,
    /// At the group value.
    group: ContentError,
}

pub(super) fn parse_located(
    file: &Path,
    source: &str,
) -> Result<(Profile, Places), Vec<ContentError>> {
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
    let (slug, updated) = header(&mut problems, file, &raw);
    let levels = levels(&mut problems, &raw.levels);
    let roles = roles(&mut problems, &raw.roles);
    let cells = cells(&mut problems, &raw.expectations, &levels, &roles);
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
        cells,
    };
    // Every rule was checked above with a location; this is the model's own guard.
    Profile::try_from(parts)
        .map(|profile| (profile, places))
        .map_err(|err| {
            problems.at(0..0, err.to_string());
            problems.found
        })
}

/// The header fields: the slug (which must match the file name), the texts' limits and the
/// date.
fn header(
    problems: &mut Problems<'_>,
    file: &Path,
    raw: &RawProfile,
) -> (Option<Slug>, Option<Date>) {
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
    (slug, updated)
}

/// The levels, each id made from its name.
fn levels(problems: &mut Problems<'_>, raw: &Spanned<Vec<Spanned<String>>>) -> Vec<Level> {
    axis(problems, "levels", raw, |problems, name| {
        problems.text("a level name", name, MAX_NAME_CHARS);
        let id = LevelId::parse(slugify(name.get_ref()))
            .map_err(|err| problems.at(name.span(), format!("the level name {err}")))
            .ok()?;
        Some(Level {
            id,
            name: name.get_ref().trim().to_owned(),
        })
    })
}

/// The roles, each with its own id.
fn roles(problems: &mut Problems<'_>, raw: &Spanned<Vec<Spanned<RawRole>>>) -> Vec<Role> {
    axis(problems, "roles", raw, |problems, role| {
        let role = role.get_ref();
        problems.text("a role name", &role.name, MAX_NAME_CHARS);
        let id = RoleId::parse(role.id.get_ref().clone())
            .map_err(|err| problems.at(role.id.span(), format!("the role id {err}")))
            .ok()?;
        Some(Role {
            id,
            name: role.name.get_ref().trim().to_owned(),
        })
    })
}

/// The expectations as a level × role grid: each names a known level and role, once, and
/// every cell has one.
fn cells(
    problems: &mut Problems<'_>,
    raw: &Spanned<Vec<Spanned<RawExpectation>>>,
    levels: &[Level],
    roles: &[Role],
) -> Vec<Vec<Expectation>> {
    let mut cells: Vec<Vec<Option<Expectation>>> = vec![vec![None; roles.len()]; levels.len()];
    for entry in raw.get_ref() {
        let entry = entry.get_ref();
        let Some((level, role)) = place(problems, entry, levels, roles) else {
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
                    raw.span(),
                    format!(
                        "no expectation for {} at {}: add an [[expectations]] with level = \"{}\" and role = \"{}\"",
                        role.name, level.name, level.id, role.id
                    ),
                );
            }
        }
    }
    cells
        .into_iter()
        .map(|row| row.into_iter().flatten().collect())
        .collect()
}

/// The level and role indices an expectation names, reporting the ones that are unknown.
fn place(
    problems: &mut Problems<'_>,
    entry: &RawExpectation,
    levels: &[Level],
    roles: &[Role],
) -> Option<(usize, usize)> {
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
    Some((level?, role?))
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
pub(super) struct Names {
    roles: HashMap<String, (String, PathBuf)>,
    domains: HashMap<String, (String, PathBuf)>,
    groups: HashMap<String, (String, PathBuf)>,
}

impl Names {
    pub(super) fn check(
        &mut self,
        profile: &Profile,
        places: Places,
        errors: &mut Vec<ContentError>,
    ) {
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
