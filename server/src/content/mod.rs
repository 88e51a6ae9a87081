//! Content files: one TOML file per skill under `content/`, parsed and validated with the
//! exact location of every problem, so `check` and server start-up report `file:line:col`.

use app::model::{Catalog, Profile};
use std::fmt;
use std::path::{Path, PathBuf};

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

mod parse;
pub mod sync;
mod write;

pub use parse::parse_profile;
use parse::{parse_located, Names};
pub use write::to_toml;

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

#[cfg(test)]
mod tests {
    use app::model::MAX_EXPECTATION_CHARS;

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
    fn quotes_backslashes_and_apostrophes_survive_the_round_trip() {
        // The title as TOML reads it: quotes, a backslash, apostrophes, a literal-string end.
        let tricky = r#"a "b" \ c 'd' ''' """ end"#;
        let escaped = tricky.replace('\\', r"\\").replace('"', r#"\""#);
        let source = VALID.replace("Backup & Recovery", &escaped);
        let profile = parse_profile(Path::new("backup.toml"), &source).unwrap();
        assert_eq!(profile.title(), tricky);
        let written = to_toml(&profile);
        let again = parse_profile(Path::new("backup.toml"), &written)
            .unwrap_or_else(|e| panic!("{e:?}\n{written}"));
        assert_eq!(again, profile);
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
