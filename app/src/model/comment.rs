//! Comments on a profile or a proposal: plain text in which web addresses become links and
//! nothing else is interpreted.

use super::Date;
use serde::{Deserialize, Serialize};

/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// Comments per page.
pub const COMMENTS_PAGE: usize = 20;

/// A run of a comment: text as text, or an address to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Shown as typed.
    Text(&'a str),
    /// An `http(s)://` address.
    Link(&'a str),
}

/// Splits `text` into text and `http://` / `https://` addresses (up to the next whitespace,
/// without trailing punctuation such as a sentence's full stop or a closing bracket).
pub fn linkify(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let tail = &rest[start..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let link =
            tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']);
        let scheme_only = link == "https://" || link == "http://";
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        if scheme_only {
            pieces.push(Piece::Text(&tail[..end]));
            rest = &tail[end..];
        } else {
            pieces.push(Piece::Link(link));
            rest = &tail[link.len()..];
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// A comment as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author: String,
    /// The text; `None` when hidden and the reader is not a reviewer.
    pub body: Option<String>,
    /// When written.
    pub created: Date,
    /// Edited since.
    pub edited: bool,
    /// Hidden by a reviewer.
    pub hidden: bool,
    /// The reader wrote it (may edit and delete).
    pub mine: bool,
}

/// One page of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    /// Oldest first.
    pub comments: Vec<CommentView>,
    /// Comments in the whole thread.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// Pages in all (at least 1).
    pub pages: usize,
    /// The reader is signed in.
    pub may_post: bool,
    /// The reader is a reviewer (may hide).
    pub may_moderate: bool,
}

/// What posting or changing a comment came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentOutcome {
    /// Done.
    Done,
    /// Refused; the sentence says why. Nothing changed.
    Refused(String),
}

/// Why `body` cannot be posted as a comment, as the sentence its writer reads; `None` when
/// it can. The comment form counts against the same [`MAX_COMMENT_CHARS`].
pub fn comment_problem(body: &str) -> Option<String> {
    let chars = body.chars().count();
    if body.trim().is_empty() {
        Some("Write something before posting.".into())
    } else if body.contains('\0') {
        Some("This comment contains an invisible NUL character (often pasted from another program). Remove it and try again.".into())
    } else if chars > MAX_COMMENT_CHARS {
        Some(format!(
            "This comment is {chars} characters long; the limit is {MAX_COMMENT_CHARS}. Shorten it by {}.",
            chars - MAX_COMMENT_CHARS
        ))
    } else {
        None
    }
}

/// Most comments kept unsent in one browser; the least recently typed go first.
pub const MAX_COMMENT_DRAFTS: usize = 50;
/// Longest unsent comment kept, in characters (more than may be posted, so nothing typed is
/// cut; the form says when it is too long).
pub const MAX_COMMENT_DRAFT_CHARS: usize = 10 * MAX_COMMENT_CHARS;

/// A comment being written, kept in the browser as it is typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentDraft {
    /// What was typed.
    pub text: String,
    /// When, in milliseconds since 1970 (browser clock).
    pub saved_at: f64,
}

/// The comments being written in this browser, by thread ([`thread_key`]): one typed
/// offline, or before a post that failed, is still in the form when the page is opened
/// again, until it is posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentDrafts(pub std::collections::BTreeMap<String, CommentDraft>);

/// The thread a comment form posts to: the skill's, or one of its proposals'.
pub fn thread_key(slug: &str, proposal: Option<&str>) -> String {
    match proposal {
        Some(id) if !id.is_empty() => format!("{slug}/proposals/{id}"),
        _ => slug.to_owned(),
    }
}

impl CommentDrafts {
    /// Keeps `text` as the comment being written in `thread` (an empty one is dropped), at
    /// most [`MAX_COMMENT_DRAFT_CHARS`] of it and [`MAX_COMMENT_DRAFTS`] threads.
    pub fn put(&mut self, thread: &str, text: &str, now: f64) {
        if text.trim().is_empty() {
            self.0.remove(thread);
            return;
        }
        let text: String = text.chars().take(MAX_COMMENT_DRAFT_CHARS).collect();
        self.0.insert(
            thread.to_owned(),
            CommentDraft {
                text,
                saved_at: now,
            },
        );
        while self.0.len() > MAX_COMMENT_DRAFTS {
            let oldest = self
                .0
                .iter()
                .min_by(|a, b| a.1.saved_at.total_cmp(&b.1.saved_at))
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                self.0.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_being_written_is_kept_per_thread_and_dropped_when_emptied() {
        let mut drafts = CommentDrafts::default();
        drafts.put(&thread_key("backup", None), "First thoughts", 1.0);
        drafts.put(&thread_key("backup", Some("7")), "On the proposal", 2.0);
        assert_eq!(drafts.0["backup"].text, "First thoughts");
        assert_eq!(drafts.0["backup/proposals/7"].text, "On the proposal");
        drafts.put("backup", "   ", 3.0);
        assert!(!drafts.0.contains_key("backup"));
    }

    #[test]
    fn the_least_recently_typed_unsent_comment_goes_first_past_the_limit() {
        let mut drafts = CommentDrafts::default();
        for i in 0..=MAX_COMMENT_DRAFTS {
            drafts.put(&format!("skill-{i}"), "text", i as f64);
        }
        assert_eq!(drafts.0.len(), MAX_COMMENT_DRAFTS);
        assert!(!drafts.0.contains_key("skill-0"));
        let long = "x".repeat(MAX_COMMENT_DRAFT_CHARS + 5);
        drafts.put("long", &long, 100.0);
        assert_eq!(
            drafts.0["long"].text.chars().count(),
            MAX_COMMENT_DRAFT_CHARS
        );
    }

    #[test]
    fn addresses_become_links_without_their_trailing_punctuation() {
        assert_eq!(
            linkify("See https://example.com/a?b=1. And (http://x.org/y)!"),
            vec![
                Piece::Text("See "),
                Piece::Link("https://example.com/a?b=1"),
                Piece::Text(". And ("),
                Piece::Link("http://x.org/y"),
                Piece::Text(")!"),
            ]
        );
    }

    #[test]
    fn html_and_other_schemes_stay_text() {
        let text = "<a href=\"javascript:alert(1)\">x</a> ftp://host https://";
        assert_eq!(
            linkify(text),
            vec![
                Piece::Text("<a href=\"javascript:alert(1)\">x</a> ftp://host "),
                Piece::Text("https://")
            ]
        );
        assert_eq!(linkify(""), vec![]);
    }

    #[test]
    fn an_empty_a_nul_holding_or_an_overlong_comment_is_refused_with_a_reason() {
        assert_eq!(
            comment_problem("  \n").as_deref(),
            Some("Write something before posting.")
        );
        assert!(comment_problem("a\0b").unwrap().contains("NUL"));
        let long = "é".repeat(MAX_COMMENT_CHARS + 3);
        assert!(comment_problem(&long).unwrap().contains("Shorten it by 3."));
        assert_eq!(comment_problem(&"é".repeat(MAX_COMMENT_CHARS)), None);
    }
}
