//! Word-level differences between two texts, for the compare view and proposal diffs.
//! A longest-common-subsequence over words: expectation texts are a few dozen words, so
//! the quadratic table is tiny and the code stays small in wasm.

use serde::{Deserialize, Serialize};

/// One run of words: kept in both texts, only in the new one, or only in the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// In both texts.
    Same(String),
    /// Only in the new text.
    Added(String),
    /// Only in the old text.
    Removed(String),
}

/// Longest text the diff compares word by word; beyond it, the whole text is one change
/// (keeps the table under a million cells whatever the input).
const MAX_WORDS: usize = 1_000;

/// Splits into words, keeping each word's trailing whitespace so runs rejoin exactly.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The word-level changes that turn `old` into `new`, with neighbouring words of the same
/// kind joined into one run. Words compare without their trailing whitespace.
pub fn diff_words(old: &str, new: &str) -> Vec<Change> {
    let a = words(old);
    let b = words(new);
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return vec![
            Change::Removed(old.to_owned()),
            Change::Added(new.to_owned()),
        ]
        .into_iter()
        .filter(|c| !matches!(c, Change::Removed(t) | Change::Added(t) if t.is_empty()))
        .collect();
    }
    let key = |w: &str| w.trim_end().to_owned();
    let (ka, kb): (Vec<String>, Vec<String>) = (
        a.iter().map(|w| key(w)).collect(),
        b.iter().map(|w| key(w)).collect(),
    );
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if ka[i] == kb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<Change> = Vec::new();
    let mut push = |change: Change| match (out.last_mut(), change) {
        (Some(Change::Same(run)), Change::Same(w))
        | (Some(Change::Added(run)), Change::Added(w))
        | (Some(Change::Removed(run)), Change::Removed(w)) => run.push_str(&w),
        (_, change) => out.push(change),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && ka[i] == kb[j] {
            push(Change::Same(b[j].to_owned()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] > lcs[i + 1][j]) {
            // On a tie the removal comes first: old words read before their replacement.
            push(Change::Added(b[j].to_owned()));
            j += 1;
        } else {
            push(Change::Removed(a[i].to_owned()));
            i += 1;
        }
    }
    out
}

/// The sentences of `new` that `old` does not contain word for word: "what to cover".
pub fn new_sentences(old: &str, new: &str) -> Vec<String> {
    let normal = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let known: Vec<String> = sentences(old).iter().map(|s| normal(s)).collect();
    sentences(new)
        .into_iter()
        .filter(|s| !known.contains(&normal(s)))
        .map(str::to_owned)
        .collect()
}

/// Splits prose into sentences at `.`, `!` or `?` followed by whitespace.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?')
            && bytes
                .get(i + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if ends {
            let sentence = text[start..=i].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Change::*;

    fn rejoin(changes: &[Change], keep_added: bool) -> String {
        changes
            .iter()
            .filter_map(|c| match c {
                Same(t) => Some(t.as_str()),
                Added(t) if keep_added => Some(t.as_str()),
                Removed(t) if !keep_added => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn identical_texts_are_one_unchanged_run() {
        assert_eq!(
            diff_words("Monitors lag.", "Monitors lag."),
            [Same("Monitors lag.".into())]
        );
    }

    #[test]
    fn an_added_word_is_marked_as_added() {
        assert_eq!(
            diff_words("Monitors lag.", "Monitors replication lag."),
            [
                Same("Monitors ".into()),
                Added("replication ".into()),
                Same("lag.".into())
            ]
        );
    }

    #[test]
    fn a_replaced_word_is_removed_then_added() {
        assert_eq!(
            diff_words("Follows runbooks.", "Writes runbooks."),
            [
                Removed("Follows ".into()),
                Added("Writes ".into()),
                Same("runbooks.".into())
            ]
        );
    }

    #[test]
    fn both_sides_can_be_rebuilt_from_the_diff() {
        // Unchanged runs carry the new text's spacing, so the old side matches up to spacing.
        let old = "Defines product-level data strategy. Establishes standards.";
        let new = "Defines data strategy at the product level. Establishes  standards. Reviews.";
        let changes = diff_words(old, new);
        let spaced = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(spaced(&rejoin(&changes, false)), old);
        assert_eq!(rejoin(&changes, true), new);
    }

    #[test]
    fn an_empty_side_is_all_added_or_all_removed() {
        assert_eq!(diff_words("", "New text"), [Added("New text".into())]);
        assert_eq!(diff_words("Old text", ""), [Removed("Old text".into())]);
        assert_eq!(diff_words("", ""), []);
    }

    #[test]
    fn very_long_texts_fall_back_to_a_whole_text_change() {
        let long = "word ".repeat(MAX_WORDS + 1);
        assert_eq!(
            diff_words(&long, "x"),
            [Removed(long.clone()), Added("x".into())]
        );
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_but_not_inside_words() {
        assert_eq!(
            sentences("Uses Node.js daily. Tunes RPO/RTO! Why? end"),
            ["Uses Node.js daily.", "Tunes RPO/RTO!", "Why?", "end"]
        );
    }

    #[test]
    fn new_sentences_are_those_the_old_text_lacks() {
        let old = "Establishes HA standards. Conducts reviews.";
        let new = "Establishes  HA standards. Defines lag SLAs. Conducts reviews.";
        assert_eq!(new_sentences(old, new), ["Defines lag SLAs."]);
    }
}
