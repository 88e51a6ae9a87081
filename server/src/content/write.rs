//! A profile written back as a content file, for revisions made by accepting a proposal:
//! each part serialized by the `toml` crate, laid out as the shipped files are.

use app::model::Profile;
use serde::Serialize;

/// The header fields, in the order the shipped files give them.
#[derive(Serialize)]
struct Header<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    domain: &'a str,
    group: &'a str,
    updated: toml::value::Datetime,
    levels: Vec<&'a str>,
}

#[derive(Serialize)]
struct RoleEntry<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct ExpectationEntry<'a> {
    level: &'a str,
    role: &'a str,
    required: bool,
    text: &'a str,
}

/// An array of tables (`[[roles]]`, `[[expectations]]`) as its own document.
#[derive(Serialize)]
struct Roles<'a> {
    roles: Vec<RoleEntry<'a>>,
}

#[derive(Serialize)]
struct Expectations<'a> {
    expectations: Vec<ExpectationEntry<'a>>,
}

/// A profile as a content file, in the layout of the shipped files: header fields, roles,
/// then expectations grouped under a comment per level. `parse_profile` reads it back to an
/// equal profile.
pub fn to_toml(profile: &Profile) -> String {
    let mut out = String::from(
        "# Skill profile: one file per skill. `cargo run -p server -- check content` validates it.\n",
    );
    // A model date prints as TOML's local date (YYYY-MM-DD), which `toml` reads back.
    let Ok(updated) = profile
        .updated()
        .to_string()
        .parse::<toml::value::Datetime>()
    else {
        return out;
    };
    let header = Header {
        slug: profile.slug().as_str(),
        title: profile.title(),
        summary: profile.summary(),
        domain: profile.domain(),
        group: profile.group(),
        updated,
        levels: profile.levels().iter().map(|l| l.name.as_str()).collect(),
    };
    let roles = Roles {
        roles: profile
            .roles()
            .iter()
            .map(|r| RoleEntry {
                id: r.id.as_str(),
                name: &r.name,
            })
            .collect(),
    };
    // Strings, booleans and a date always serialize: an error here would be a bug in `toml`.
    let write = |out: &mut String, part: Result<String, toml::ser::Error>| {
        out.push('\n');
        out.push_str(&part.unwrap_or_default());
    };
    out.push_str(&toml::to_string(&header).unwrap_or_default());
    write(&mut out, toml::to_string(&roles));
    for (li, level) in profile.levels().iter().enumerate() {
        out.push_str(&format!("\n# {}\n", level.name.replace('\n', " ")));
        let expectations = Expectations {
            expectations: profile
                .roles()
                .iter()
                .enumerate()
                .filter_map(|(ri, role)| {
                    profile.cell(li, ri).map(|cell| ExpectationEntry {
                        level: level.id.as_str(),
                        role: role.id.as_str(),
                        required: cell.required,
                        text: &cell.text,
                    })
                })
                .collect(),
        };
        write(&mut out, toml::to_string(&expectations));
    }
    out
}
