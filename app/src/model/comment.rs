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

#[cfg(test)]
mod tests {
    use super::*;

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
