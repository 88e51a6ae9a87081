//! The shared domain model: plain serde types and pure logic, used by the server to render
//! and by the browser to hydrate. Nothing here knows about Leptos, HTTP or storage.

pub mod account;
pub use account::UserView;
mod catalog;
mod comment;
mod date;
mod diff;
mod draft;
mod event;
mod history;
mod merge;
mod notebook;
mod plan;
mod profile;
mod proposal;
mod search;
mod selection;
mod side_by_side;
mod url;
mod watch;

pub use catalog::{
    Catalog, CatalogEntry, DomainSummary, GroupSummary, Hit, LadderRow, Named, Neighbours,
    PlacedProfile, RoleLadder, RoleSummary, Scope, ScopeView, SearchResults, PAGE_SIZE,
};
pub use comment::{
    comment_problem, linkify, thread_key, CommentDraft, CommentDrafts, CommentOutcome, CommentPage,
    CommentView, Piece, COMMENTS_PAGE, MAX_COMMENT_CHARS,
};
pub use date::{Date, DateError};
pub use diff::{diff_words, new_sentences, sentences, Change};
pub use draft::{cell_key, describe, CellEdit, Draft, Drafts, MAX_RATIONALE_CHARS};
pub use event::{
    rfc3339, ChangedCell, Event, EventData, EventKind, ProposalEvent, ProposalFacts, ProposalLinks,
    RevisionLinks, RevisionPublished, SiteLinks, SkillRef,
};
pub use history::{History, RevisionDiff, RevisionEntry, RevisionNote};
pub use merge::{
    apply, compare as compare_revisions, merge, CellDiff, CellMerge, MergeError, MergedCell,
    Resolution,
};
pub use notebook::{
    parse_notes_file, plan_markdown, ImportPreview, ImportProblem, Note, NoteProblem, Notebook,
    NotesFile, PlanLine, Progress, MAX_IMPORT_BYTES, MAX_LINKS, MAX_LINK_CHARS, MAX_NOTES,
    MAX_NOTE_TEXT_CHARS, NOTES_FORMAT, NOTES_VERSION,
};
pub use plan::{
    note_key, split_note_key, Below, GrowthPlan, PlanChoices, PlanGroup, PlanItem, PlanProblem,
    PlanView, PLAN_PAGE_SIZE,
};
pub use profile::{
    check_text, fingerprint, slugify, Expectation, Figures, Level, LevelId, Profile, ProfileError,
    ProfileParts, Role, RoleId, Slug, SlugError, MAX_AXIS_LEN, MAX_EXPECTATION_CHARS,
    MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS,
};
pub use proposal::{
    review_note_problem, CellChange, Decided, Field, Problem, ProposalDetail, ProposalSummary,
    ProposalView, ProposedCell, QueueItem, Status, Submission, Submitted, IDEMPOTENCY_KEY_CHARS,
    MAX_NOTE_CHARS,
};
pub use search::{split_marked, Marks, Matches, Query, MAX_QUERY_CHARS};
pub use selection::{compare, Axes, Comparison, NextLevel, Scale, Selection};
pub use side_by_side::{
    CellPair, Shift, ShiftCounts, Side, SideBySide, SideBySideView, SideName, SideOption,
};
pub use url::{percent_encode, query_string, with_query};
pub use watch::{Seen, SelfCheck, Ticks, Watch, WatchedNow, Watches, MAX_WATCHED};
