//! The `Store` trait: everything the server keeps in its database, behind one interface with
//! two implementations in the server crate (SQLite by default, PostgreSQL to scale out).
//! Server functions see only this trait, so neither the app nor its tests know which
//! database answers.

use crate::model::{ProposedCell, Status};

/// Seconds since 1970 now: every time the store keeps is in these.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A signed-up person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Database id.
    pub id: i64,
    /// Unique, as typed at sign-up.
    pub username: String,
    /// May review proposals.
    pub reviewer: bool,
}

/// A revision of a profile as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRevision {
    /// The skill.
    pub slug: String,
    /// 1 for the content files' version, then one more per accepted change.
    pub number: u32,
    /// The profile as a content file (TOML), exactly as imported: `export` writes it back.
    pub source: String,
    /// The same profile as JSON (`Profile`'s serde form), for the app to read.
    pub profile_json: String,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// A revision to add; its number is the next one of its skill.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewRevision {
    /// The skill.
    pub slug: String,
    /// The content file.
    pub source: String,
    /// The profile as JSON.
    pub profile_json: String,
    /// Seconds since 1970.
    pub created_at: i64,
    /// Whose change it is (the proposal's author); `None` for imported content.
    pub author_id: Option<i64>,
    /// The accepted proposal it came from.
    pub proposal_id: Option<i64>,
}

/// A revision in a skill's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionInfo {
    /// Its number.
    pub number: u32,
    /// Seconds since 1970.
    pub created_at: i64,
    /// Whose change it was; `None` for imported content.
    pub author: Option<String>,
    /// The accepted proposal it came from.
    pub proposal_id: Option<i64>,
}

/// A revision as a feed tells it: when, whose, from which proposal, and the profile before
/// and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRevision {
    /// The skill.
    pub slug: String,
    /// Its number.
    pub number: u32,
    /// Seconds since 1970.
    pub created_at: i64,
    /// Whose change it was; `None` for imported content.
    pub author: Option<String>,
    /// The accepted proposal it came from.
    pub proposal_id: Option<i64>,
    /// The profile at this revision, as the app's JSON.
    pub profile_json: String,
    /// The profile at the revision before; `None` for revision 1.
    pub previous_json: Option<String>,
}

/// A comment to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    /// The skill.
    pub slug: String,
    /// `None` for a comment on the profile, else the proposal's id.
    pub proposal_id: Option<i64>,
    /// Who writes it.
    pub author_id: i64,
    /// Plain text.
    pub body: String,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// A stored comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    /// Its id.
    pub id: i64,
    /// The skill.
    pub slug: String,
    /// The proposal it is on, if any.
    pub proposal_id: Option<i64>,
    /// The author's id.
    pub author_id: i64,
    /// The author's username.
    pub author: String,
    /// Plain text.
    pub body: String,
    /// Seconds since 1970.
    pub created_at: i64,
    /// When last edited.
    pub edited_at: Option<i64>,
    /// Hidden by a reviewer.
    pub hidden: bool,
}

/// A reviewer's decision on an open proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Publish `revision` as number `number` of the skill.
    Accept {
        /// The new revision.
        revision: NewRevision,
        /// The number it must get: if the skill moved on meanwhile, nothing is stored.
        number: u32,
    },
    /// Refuse, with a note the author sees.
    Reject {
        /// The note.
        note: String,
    },
}

/// A proposal to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    /// The skill.
    pub slug: String,
    /// The revision its cells were written against.
    pub base_revision: u32,
    /// Who submits it.
    pub author_id: i64,
    /// The browser's key for this draft: the same key from the same author stores nothing new.
    pub idempotency_key: String,
    /// Why.
    pub rationale: String,
    /// The cells that change, in matrix order.
    pub cells: Vec<ProposedCell>,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProposal {
    /// Its number.
    pub id: i64,
    /// The skill.
    pub slug: String,
    /// The revision its cells were written against.
    pub base_revision: u32,
    /// The author's username.
    pub author: String,
    /// The author's id.
    pub author_id: i64,
    /// Where it stands.
    pub status: Status,
    /// Why.
    pub rationale: String,
    /// The cells that change.
    pub cells: Vec<ProposedCell>,
    /// Seconds since 1970.
    pub created_at: i64,
    /// The reviewer who decided, if any.
    pub reviewer: Option<String>,
    /// The reviewer's note.
    pub review_note: Option<String>,
}

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A username already in use (compared without case).
    #[error("that name is taken")]
    Taken,
    /// A revision or proposal names something that does not exist.
    #[error("{0} does not exist")]
    Missing(&'static str),
    /// Someone else got there first: the proposal is no longer open, or the skill has a newer
    /// revision than the one the decision was made on.
    #[error("{0}")]
    Stale(&'static str),
    /// The database failed; the text is for the log only, never for a reader.
    #[error("database error: {0}")]
    Database(String),
    /// A value could not be encoded for the database or decoded from a row (a bug, or a row
    /// edited by hand). The text is for the log only.
    #[error("stored data unreadable: {0}")]
    Encoding(String),
    /// The database cannot be reached (no connection within the wait, or it refused one):
    /// the reader is told to try again shortly. The text is for the log.
    #[error("database unreachable: {0}")]
    Unavailable(String),
}

/// What a [`RevisionSignals`] heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// A revision was added.
    Published,
    /// The connection was lost and is being made again: signals sent meanwhile are lost,
    /// so whatever depends on them should check now.
    Reconnected,
}

/// A subscription to the revisions added to a database.
#[async_trait::async_trait]
pub trait RevisionSignals: Send {
    /// Waits for the next signal; an error when the database cannot be reached again.
    async fn next(&mut self) -> Result<Signal, StoreError>;
}

/// Everything the server keeps. Every write runs in one transaction; on SQLite, one that
/// takes the write lock at its start (`BEGIN IMMEDIATE`).
#[async_trait::async_trait]
pub trait Store: Send + Sync + std::fmt::Debug + 'static {
    /// `sqlite` or `postgres`, for the log.
    fn backend(&self) -> &'static str;

    /// The newest revision of every skill, by slug.
    async fn latest_revisions(&self) -> Result<Vec<StoredRevision>, StoreError>;

    /// The newest revision number of every skill: a cheap check for revisions another
    /// server published.
    async fn revision_numbers(&self) -> Result<Vec<(String, u32)>, StoreError>;

    /// Signals each time any server (or `import`) adds a revision to this database, for a
    /// database that can tell (PostgreSQL's `LISTEN`); `None` where it cannot (SQLite),
    /// and the server checks `revision_numbers` from time to time instead.
    async fn listen_for_revisions(&self) -> Result<Option<Box<dyn RevisionSignals>>, StoreError>;

    /// One revision; `None` when the skill or the number is unknown.
    async fn revision(&self, slug: &str, number: u32)
        -> Result<Option<StoredRevision>, StoreError>;

    /// Adds each revision as the next of its skill, all or none; returns their numbers.
    async fn add_revisions(&self, revisions: &[NewRevision]) -> Result<Vec<u32>, StoreError>;

    /// Creates a user; `password_hash` is `None` for people signed in by a trusted proxy.
    async fn create_user(
        &self,
        username: &str,
        password_hash: Option<&str>,
        now: i64,
    ) -> Result<User, StoreError>;

    /// A user and their password hash, by name (without case).
    async fn user_by_name(
        &self,
        username: &str,
    ) -> Result<Option<(User, Option<String>)>, StoreError>;

    /// Grants or takes away the reviewer role; false when there is no such user.
    async fn set_reviewer(&self, username: &str, reviewer: bool) -> Result<bool, StoreError>;

    /// Records a session by the SHA-256 of its token.
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// The user of an unexpired session.
    async fn session_user(&self, token_hash: &str, now: i64) -> Result<Option<User>, StoreError>;

    /// Ends a session (no error if there is none).
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Stores a proposal, or finds the one stored earlier under the same author and key.
    /// Returns its id and whether it was already there.
    async fn submit_proposal(&self, proposal: &NewProposal) -> Result<(i64, bool), StoreError>;

    /// The proposals of a skill, newest first.
    async fn proposals_for(&self, slug: &str) -> Result<Vec<StoredProposal>, StoreError>;

    /// One proposal.
    async fn proposal(&self, id: i64) -> Result<Option<StoredProposal>, StoreError>;

    /// Every open proposal across all skills, oldest first.
    async fn open_proposals(&self) -> Result<Vec<StoredProposal>, StoreError>;

    /// Decides an open proposal in one transaction: accepting stores the new revision (only
    /// if it is still the next number) and marks the proposal accepted; rejecting keeps the
    /// note. `Stale` when the proposal is no longer open or the skill moved on.
    async fn decide(
        &self,
        id: i64,
        reviewer_id: i64,
        decision: &Decision,
        now: i64,
    ) -> Result<(), StoreError>;

    /// The author takes back an open proposal; `Stale` when it is no longer open.
    async fn withdraw(&self, id: i64, author_id: i64, now: i64) -> Result<(), StoreError>;

    /// A skill's revisions, newest first.
    async fn revisions_of(&self, slug: &str) -> Result<Vec<RevisionInfo>, StoreError>;

    /// The newest `limit` revisions of `slug` (of every skill when `None`), newest first,
    /// each with the profile before it.
    async fn recent_revisions(
        &self,
        slug: Option<&str>,
        limit: u32,
    ) -> Result<Vec<FeedRevision>, StoreError>;

    /// Stores a comment; returns its id.
    async fn add_comment(&self, comment: &NewComment) -> Result<i64, StoreError>;

    /// One page of the comments on a profile (`proposal_id: None`) or a proposal, oldest
    /// first, with the total count (hidden ones included in both).
    async fn comments(
        &self,
        slug: &str,
        proposal_id: Option<i64>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<StoredComment>, i64), StoreError>;

    /// One comment.
    async fn comment(&self, id: i64) -> Result<Option<StoredComment>, StoreError>;

    /// Replaces a comment's text.
    async fn edit_comment(&self, id: i64, body: &str, now: i64) -> Result<(), StoreError>;

    /// Deletes a comment.
    async fn delete_comment(&self, id: i64) -> Result<(), StoreError>;

    /// Hides or shows a comment.
    async fn hide_comment(&self, id: i64, hidden: bool) -> Result<(), StoreError>;
}

impl StoredProposal {
    /// The proposal as lists show it.
    pub fn summary(self) -> crate::model::ProposalSummary {
        crate::model::ProposalSummary {
            id: self.id,
            slug: self.slug,
            status: self.status,
            author: self.author,
            created: crate::model::Date::from_unix_seconds(self.created_at),
            base_revision: self.base_revision,
            cells: self.cells.len(),
            rationale: self.rationale,
            reviewer: self.reviewer,
            review_note: self.review_note,
        }
    }
}
