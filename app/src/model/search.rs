//! Catalog search: ranks skills by where the words of a query appear — an exact title
//! first, then words in the title, then keywords of the summary line, then role names — and
//! marks the matches of the skills shown. Pure; the catalog folds every skill's text once, so
//! scoring the whole catalog on a keystroke allocates nothing per skill.

use serde::{Deserialize, Serialize};

/// Longest query used, in characters. A search box never errors: longer input is cut.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words of a query used; the rest are ignored.
pub const MAX_QUERY_TERMS: usize = 8;

/// Byte ranges of a text to highlight, in order, not overlapping, on `char` boundaries.
pub type Marks = Vec<(usize, usize)>;

/// Where one skill matched a query, for highlighting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matches {
    /// Ranges in the title.
    pub title: Marks,
    /// Ranges in the summary line.
    pub summary: Marks,
    /// Ranges in role names, by position among the skill's roles; roles without a match
    /// are left out.
    pub roles: Vec<(usize, Marks)>,
}

/// A skill's searchable text, case-folded once when the catalog is built so that a search
/// allocates nothing per skill. Folding keeps every character's byte length, so offsets
/// found in the folded text are offsets in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searchable {
    title: String,
    /// The title's words, folded, joined by single spaces: for "the title is the query".
    title_words: String,
    summary: String,
    roles: Vec<String>,
}

impl Searchable {
    /// Folds the fields of one skill.
    pub fn new<'a>(title: &str, summary: &str, roles: impl IntoIterator<Item = &'a str>) -> Self {
        let title = fold(title);
        let title_words = words(&title).collect::<Vec<_>>().join(" ");
        Self {
            title,
            title_words,
            summary: fold(summary),
            roles: roles.into_iter().map(fold).collect(),
        }
    }
}

/// A parsed query: its words, case-folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
    whole: String,
}

impl Query {
    /// Splits `text` into words on anything that is not a letter or a digit, so `CI/CD` is
    /// `ci` and `cd`, and `&` is ignored. Repeated words count once.
    pub fn parse(text: &str) -> Self {
        let cut: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let folded = fold(&cut);
        let mut terms: Vec<String> = Vec::new();
        for word in words(&folded) {
            if !terms.iter().any(|t| t == word) && terms.len() < MAX_QUERY_TERMS {
                terms.push(word.to_owned());
            }
        }
        let whole = terms.join(" ");
        Self { terms, whole }
    }

    /// True when the query has no words: everything matches, in catalog order.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// How well a skill matches, or `None` when some word of the query appears nowhere.
    /// Every word must match (AND); each counts where it matches best.
    pub fn score(&self, skill: &Searchable) -> Option<u32> {
        let mut score = 0;
        for term in &self.terms {
            let best = [
                best_match(&skill.title, term, &Weight::TITLE),
                best_match(&skill.summary, term, &Weight::KEYWORD),
                skill
                    .roles
                    .iter()
                    .map(|role| best_match(role, term, &Weight::ROLE))
                    .max()
                    .unwrap_or(0),
            ]
            .into_iter()
            .max()
            .unwrap_or(0);
            if best == 0 {
                return None;
            }
            score += best;
        }
        if skill.title_words == self.whole {
            score += Weight::EXACT_TITLE;
        } else if skill.title_words.starts_with(&self.whole)
            && skill.title_words.as_bytes().get(self.whole.len()) == Some(&b' ')
        {
            score += Weight::TITLE_START;
        }
        Some(score)
    }

    /// Every occurrence of the query's words in a skill's fields, for highlighting.
    pub fn matches(&self, skill: &Searchable) -> Matches {
        Matches {
            title: self.marks(&skill.title),
            summary: self.marks(&skill.summary),
            roles: skill
                .roles
                .iter()
                .enumerate()
                .map(|(i, role)| (i, self.marks(role)))
                .filter(|(_, marks)| !marks.is_empty())
                .collect(),
        }
    }

    fn marks(&self, folded: &str) -> Marks {
        let mut marks: Marks = self
            .terms
            .iter()
            .flat_map(|term| {
                folded
                    .match_indices(term.as_str())
                    .map(|(at, found)| (at, at + found.len()))
            })
            .collect();
        normalise(&mut marks);
        marks
    }
}

/// Points per word by field: as a whole word, at the start of a word, inside one. Each field
/// outranks the whole of the fields below it for queries of up to `MAX_QUERY_TERMS` words.
struct Weight {
    whole: u32,
    at_start: u32,
    inside: u32,
}

impl Weight {
    const TITLE: Self = Self {
        whole: 8_000,
        at_start: 6_000,
        inside: 3_000,
    };
    const KEYWORD: Self = Self {
        whole: 260,
        at_start: 200,
        inside: 100,
    };
    const ROLE: Self = Self {
        whole: 8,
        at_start: 6,
        inside: 3,
    };
    /// The title is the query, word for word.
    const EXACT_TITLE: u32 = 1_000_000;
    /// The title begins with the query's words.
    const TITLE_START: u32 = 100_000;
}

/// The points of the best occurrence of `term` in `folded` (0: none).
fn best_match(folded: &str, term: &str, weight: &Weight) -> u32 {
    let mut best = 0;
    for (at, found) in folded.match_indices(term) {
        let before = folded[..at].chars().next_back();
        let after = folded[at + found.len()..].chars().next();
        let at_start = before.is_none_or(|c| !c.is_alphanumeric());
        let at_end = after.is_none_or(|c| !c.is_alphanumeric());
        best = best.max(match (at_start, at_end) {
            (true, true) => weight.whole,
            (true, false) => weight.at_start,
            _ => weight.inside,
        });
        if best == weight.whole {
            break;
        }
    }
    best
}

/// Lower case, character by character, where that keeps the character's UTF-8 length (so
/// byte offsets stay valid); other characters are kept as they are.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Sorts ranges and merges the overlapping or touching ones.
fn normalise(marks: &mut Marks) {
    marks.sort_unstable();
    let mut merged: Marks = Vec::with_capacity(marks.len());
    for &(start, end) in marks.iter() {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    *marks = merged;
}

/// Splits `text` into runs, each marked or not, for rendering `<mark>`. Ranges that do not
/// fit the text (a stale or forged response) are ignored rather than trusted.
pub fn split_marked<'a>(text: &'a str, marks: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in marks {
        let fits = at <= start
            && start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !fits {
            continue;
        }
        if at < start {
            out.push((&text[at..start], false));
        }
        out.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, title: &str, summary: &str, roles: &[&str]) -> Option<u32> {
        Query::parse(query).score(&Searchable::new(title, summary, roles.iter().copied()))
    }

    fn matches(query: &str, title: &str, summary: &str, roles: &[&str]) -> Matches {
        Query::parse(query).matches(&Searchable::new(title, summary, roles.iter().copied()))
    }

    #[test]
    fn an_exact_title_beats_a_title_that_only_contains_the_words() {
        let exact = score("backup", "Backup", "", &[]).unwrap();
        let longer = score("backup", "Backup & Recovery", "", &[]).unwrap();
        let later = score("backup", "Offsite Backup", "", &[]).unwrap();
        assert!(exact > longer, "{exact} > {longer}");
        assert!(longer > later, "{longer} > {later}");
    }

    #[test]
    fn a_title_match_beats_a_keyword_match_which_beats_a_role_match() {
        let title = score("observability", "Observability", "", &[]).unwrap();
        let keyword = score(
            "observability",
            "Pipelines",
            "Data observability, SLAs",
            &[],
        )
        .unwrap();
        let role = score(
            "observability",
            "Tracing",
            "Spans",
            &["Observability Engineer"],
        )
        .unwrap();
        assert!(
            title > keyword && keyword > role,
            "{title} > {keyword} > {role}"
        );
    }

    #[test]
    fn one_title_word_outranks_many_keyword_and_role_words() {
        let title = score("tuning x", "Query Tuning", "x", &[]).unwrap();
        let keywords = score("tuning x", "Other", "tuning, x", &["x"]).unwrap();
        assert!(title > keywords, "{title} > {keywords}");
    }

    #[test]
    fn a_whole_word_beats_the_start_of_a_longer_word() {
        let whole = score("data", "Data Modelling", "", &[]).unwrap();
        let start = score("data", "Database Security", "", &[]).unwrap();
        let later = score("data", "Change Data Capture", "", &[]).unwrap();
        assert!(
            whole > later && later > start,
            "{whole} > {later} > {start}"
        );
    }

    #[test]
    fn every_word_must_match_somewhere() {
        assert!(score("backup kafka", "Backup", "PITR", &["DBA"]).is_none());
        assert!(score("backup dba", "Backup", "PITR", &["DBA"]).is_some());
    }

    #[test]
    fn matching_ignores_case_and_punctuation() {
        assert!(score(
            "REPLICATION & high",
            "Replication & High Availability",
            "",
            &[]
        )
        .is_some());
        assert!(score("ci/cd", "Pipelines", "CI/CD, GitOps", &[]).is_some());
    }

    #[test]
    fn a_word_start_beats_a_match_inside_a_word() {
        let start = score("sql", "SQL tuning", "", &[]).unwrap();
        let inside = score("sql", "PostgreSQL tuning", "", &[]).unwrap();
        assert!(start > inside, "{start} > {inside}");
    }

    #[test]
    fn an_empty_query_is_empty_and_a_long_one_is_cut() {
        assert!(Query::parse("  ,; ").is_empty());
        let long = "a ".repeat(500) + "zzz";
        assert!(!Query::parse(&long).is_empty());
        assert_eq!(
            Query::parse(&"b c d e f g h i j k l".replace(' ', " "))
                .terms
                .len(),
            8
        );
    }

    #[test]
    fn matches_are_marked_in_every_field_and_merged() {
        let m = matches(
            "repli cation",
            "Replication",
            "logical replication",
            &["Replica admin", "DBA"],
        );
        assert_eq!(m.title, vec![(0, 11)], "touching matches merge");
        assert_eq!(m.summary, vec![(8, 19)]);
        assert_eq!(
            m.roles,
            vec![(0, vec![(0, 5)])],
            "roles without a match are left out"
        );
    }

    #[test]
    fn marks_are_byte_ranges_of_the_original_text_whatever_its_case() {
        let m = matches("ÜBER", "Daten über alles", "", &[]);
        assert_eq!(m.title, vec![(6, 11)]);
        assert_eq!(&"Daten über alles"[6..11], "über");
    }

    #[test]
    fn split_marked_yields_runs_and_ignores_ranges_that_do_not_fit() {
        let runs = split_marked("Backup & Recovery", &[(0, 6), (9, 17)]);
        assert_eq!(runs, [("Backup", true), (" & ", false), ("Recovery", true)]);
        let runs = split_marked("über", &[(1, 3), (0, 99)]);
        assert_eq!(runs, [("über", false)]);
    }
}
