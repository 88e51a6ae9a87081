//! Catalog search: ranks skills by where the words of a query appear — an exact title
//! first, then words in the title, then keywords of the summary line, then role names — and
//! marks every match for highlighting. Pure and allocation-light: the server runs it over
//! the whole catalog on every keystroke.

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

/// A parsed query: its words, case-folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Vec<char>>,
    whole: Vec<char>,
}

impl Query {
    /// Splits `text` into words on anything that is not a letter or a digit, so `CI/CD` is
    /// `ci` and `cd`, and `&` is ignored. Repeated words count once.
    pub fn parse(text: &str) -> Self {
        let mut terms: Vec<Vec<char>> = Vec::new();
        for word in text
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let term: Vec<char> = word.chars().map(fold).collect();
            if !terms.contains(&term) && terms.len() < MAX_QUERY_TERMS {
                terms.push(term);
            }
        }
        let whole = words_joined(&terms);
        Self { terms, whole }
    }

    /// True when the query has no words: everything matches, in catalog order.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// How well a skill matches, or `None` when some word of the query appears nowhere.
    /// Every word must match (AND); each counts where it matches best.
    pub fn score<'a>(
        &self,
        title: &str,
        summary: &str,
        roles: impl IntoIterator<Item = &'a str>,
    ) -> Option<(u32, Matches)> {
        let title = Folded::new(title);
        let summary = Folded::new(summary);
        let roles: Vec<Folded> = roles.into_iter().map(Folded::new).collect();
        let mut matches = Matches::default();
        let mut role_marks: Vec<Marks> = vec![Vec::new(); roles.len()];
        let mut score = 0;
        for term in &self.terms {
            let mut best = 0;
            best = best.max(title.mark(term, Weight::TITLE, &mut matches.title));
            best = best.max(summary.mark(term, Weight::KEYWORD, &mut matches.summary));
            for (role, marks) in roles.iter().zip(&mut role_marks) {
                best = best.max(role.mark(term, Weight::ROLE, marks));
            }
            if best == 0 {
                return None;
            }
            score += best;
        }
        let title_words = words_joined(&title.words());
        if title_words == self.whole {
            score += Weight::EXACT_TITLE;
        } else if title_words.starts_with(&self.whole)
            && title_words.get(self.whole.len()) == Some(&' ')
        {
            score += Weight::TITLE_START;
        }
        normalise(&mut matches.title);
        normalise(&mut matches.summary);
        matches.roles = role_marks
            .into_iter()
            .enumerate()
            .filter(|(_, marks)| !marks.is_empty())
            .map(|(i, mut marks)| {
                normalise(&mut marks);
                (i, marks)
            })
            .collect();
        Some((score, matches))
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

/// A text folded to lower case character by character, remembering each character's byte
/// offset so that matches map back onto the original.
struct Folded {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            chars.push(fold(c));
            offsets.push(at);
        }
        offsets.push(text.len());
        Self { chars, offsets }
    }

    /// Marks every occurrence of `term` and returns the points of the best one (0: none).
    fn mark(&self, term: &[char], weight: Weight, marks: &mut Marks) -> u32 {
        let n = term.len();
        if n == 0 || n > self.chars.len() {
            return 0;
        }
        let mut best = 0;
        for at in 0..=self.chars.len() - n {
            if self.chars[at..at + n] != *term {
                continue;
            }
            let at_start = at == 0 || !self.chars[at - 1].is_alphanumeric();
            let at_end = self.chars.get(at + n).is_none_or(|c| !c.is_alphanumeric());
            best = best.max(match (at_start, at_end) {
                (true, true) => weight.whole,
                (true, false) => weight.at_start,
                _ => weight.inside,
            });
            marks.push((self.offsets[at], self.offsets[at + n]));
        }
        best
    }

    fn words(&self) -> Vec<Vec<char>> {
        self.chars
            .split(|c| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(<[char]>::to_vec)
            .collect()
    }
}

/// Lower case when it is one character (so offsets stay aligned), else the character itself.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn words_joined(words: &[Vec<char>]) -> Vec<char> {
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend_from_slice(word);
    }
    out
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
        Query::parse(query)
            .score(title, summary, roles.iter().copied())
            .map(|(score, _)| score)
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
        let (_, m) = Query::parse("repli cation")
            .score(
                "Replication",
                "logical replication",
                ["Replica admin", "DBA"],
            )
            .unwrap();
        assert_eq!(m.title, vec![(0, 11)], "touching matches merge");
        assert_eq!(m.summary, vec![(8, 19)]);
        assert_eq!(
            m.roles,
            vec![(0, vec![(0, 5)])],
            "roles without a match are left out"
        );
    }

    #[test]
    fn marks_follow_characters_not_bytes() {
        let (_, m) = Query::parse("über")
            .score("Daten über alles", "", [])
            .unwrap();
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
