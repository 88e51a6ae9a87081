//! The `Store` trait: everything the server keeps in its database, behind one interface with
//! two implementations in the server crate (SQLite by default, PostgreSQL to scale out).
//! Server functions see only this trait, so neither the app nor its tests know which
//! database answers.

use crate::model::{Event, EventKind, ProposedCell, Status};

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

/// An event for webhooks, kept in the transaction of the change it tells of: one delivery
/// per webhook subscribed to its kind, sent later by the server's worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEvent {
    /// Its kind, which webhooks subscribe to.
    pub kind: EventKind,
    /// The body every delivery sends: the event as JSON.
    pub payload: String,
}

impl OutboxEvent {
    /// `event` ready to keep; `Encoding` if it does not serialise (it always does).
    pub fn new(event: &Event) -> Result<Self, StoreError> {
        Ok(Self {
            kind: event.kind,
            payload: serde_json::to_string(event)
                .map_err(|err| StoreError::Encoding(format!("an event: {err}")))?,
        })
    }
}

/// Makes the events of a change from what only the store knows once it stored it: a new
/// proposal's id (`i64`), or the position of a new revision in the list given and the number
/// it got (`(usize, u32)`). Called inside the change's transaction.
pub type EventsFor<'a, T> = &'a (dyn Fn(T) -> Result<Vec<OutboxEvent>, StoreError> + Sync);

/// An [`EventsFor`] making none, for changes nobody is told of (seeding, tests).
pub fn no_events<T>(_: T) -> Result<Vec<OutboxEvent>, StoreError> {
    Ok(Vec::new())
}

/// A webhook to register. Its `Debug` leaves the secret out.
#[derive(Clone, PartialEq, Eq)]
pub struct NewWebhook {
    /// Where deliveries are posted, checked (`http(s)`, allowed addresses) before it comes
    /// here.
    pub url: String,
    /// `whsec_` and the base64 of the key deliveries are signed with. Kept in the database
    /// because the server signs with it.
    pub secret: String,
    /// What it subscribes to.
    pub events: Vec<EventKind>,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// A registered webhook, as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// Its id.
    pub id: i64,
    /// Where deliveries are posted.
    pub url: String,
    /// What it subscribes to.
    pub events: Vec<EventKind>,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// A delivery as `server webhook deliveries` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its id: the `webhook-id` header, the same on every attempt.
    pub id: i64,
    /// The webhook's id.
    pub webhook_id: i64,
    /// The webhook's address.
    pub url: String,
    /// The event's kind as stored (`revision.published`).
    pub event: String,
    /// Attempts made or under way.
    pub attempts: u32,
    /// The HTTP status of the last attempt, if it got an answer.
    pub last_status: Option<u16>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// When it is (or was) due next, seconds since 1970.
    pub next_attempt_at: i64,
    /// When a target answered 2xx.
    pub delivered_at: Option<i64>,
    /// When it was given up after the last retry.
    pub failed_at: Option<i64>,
    /// When the event happened.
    pub created_at: i64,
}

/// A delivery a worker claimed: what it sends, where, signed with what. Its `Debug` leaves
/// the secret out.
#[derive(Clone, PartialEq, Eq)]
pub struct DueDelivery {
    /// Its id.
    pub id: i64,
    /// This attempt's number (1 for the first): finishing it names it, so a worker whose
    /// claim ran out cannot overwrite the attempt another worker made since.
    pub attempt: u32,
    /// The event's kind as stored.
    pub event: String,
    /// The body.
    pub payload: String,
    /// The target.
    pub url: String,
    /// The webhook's secret (never logged, never shown).
    pub secret: String,
    /// When the event happened, seconds since 1970.
    pub created_at: i64,
}

impl std::fmt::Debug for NewWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewWebhook")
            .field("url", &self.url)
            .field("secret", &"(hidden)")
            .field("events", &self.events)
            .field("created_at", &self.created_at)
            .finish()
    }
}

impl std::fmt::Debug for DueDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DueDelivery")
            .field("id", &self.id)
            .field("attempt", &self.attempt)
            .field("event", &self.event)
            .field("url", &self.url)
            .field("secret", &"(hidden)")
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// How one attempt of a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The delivery.
    pub id: i64,
    /// Which attempt ([`DueDelivery::attempt`]).
    pub attempt: u32,
    /// The HTTP status, if the target answered.
    pub status: Option<u16>,
    /// Why it failed (no answer, or not 2xx); `None` when delivered.
    pub error: Option<String>,
    /// What comes next.
    pub next: NextAttempt,
}

/// What happens to a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAttempt {
    /// The target answered 2xx at this time: done.
    Delivered(i64),
    /// Failed; try again at this time.
    RetryAt(i64),
    /// Failed for the last time, at this time: marked failed.
    GiveUp(i64),
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

    /// Adds each revision as the next of its skill, all or none, with the events
    /// `published` makes of each (`revision.published`); returns their numbers.
    async fn add_revisions(
        &self,
        revisions: &[NewRevision],
        published: EventsFor<'_, (usize, u32)>,
    ) -> Result<Vec<u32>, StoreError>;

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

    /// Stores a proposal with the events `opened` makes of its id (`proposal.opened`), or
    /// finds the one stored earlier under the same author and key (and tells nobody again).
    /// Returns its id and whether it was already there.
    async fn submit_proposal(
        &self,
        proposal: &NewProposal,
        opened: EventsFor<'_, i64>,
    ) -> Result<(i64, bool), StoreError>;

    /// The proposals of a skill, newest first.
    async fn proposals_for(&self, slug: &str) -> Result<Vec<StoredProposal>, StoreError>;

    /// One proposal.
    async fn proposal(&self, id: i64) -> Result<Option<StoredProposal>, StoreError>;

    /// Every open proposal across all skills, oldest first.
    async fn open_proposals(&self) -> Result<Vec<StoredProposal>, StoreError>;

    /// Decides an open proposal in one transaction with its `events` (`proposal.decided`,
    /// and `revision.published` for an acceptance): accepting stores the new revision (only
    /// if it is still the next number) and marks the proposal accepted; rejecting keeps the
    /// note. `Stale` when the proposal is no longer open or the skill moved on, and then
    /// no event is kept either.
    async fn decide(
        &self,
        id: i64,
        reviewer_id: i64,
        decision: &Decision,
        events: &[OutboxEvent],
        now: i64,
    ) -> Result<(), StoreError>;

    /// The author takes back an open proposal, with its `events` (`proposal.decided`);
    /// `Stale` when it is no longer open.
    async fn withdraw(
        &self,
        id: i64,
        author_id: i64,
        events: &[OutboxEvent],
        now: i64,
    ) -> Result<(), StoreError>;

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

    /// Registers a webhook; returns its id. Events kept from now on reach it.
    async fn add_webhook(&self, webhook: &NewWebhook) -> Result<i64, StoreError>;

    /// Every webhook, oldest first, without secrets.
    async fn webhooks(&self) -> Result<Vec<Webhook>, StoreError>;

    /// Removes a webhook and its deliveries; false when there is none with that id.
    async fn remove_webhook(&self, id: i64) -> Result<bool, StoreError>;

    /// The newest `limit` deliveries (of one webhook, if named), newest first.
    async fn deliveries(
        &self,
        webhook_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StoreError>;

    /// Claims up to `limit` deliveries due at `now`, oldest due first, for one worker: each
    /// counts an attempt and is not due again before `lease_until`, so no other worker (on
    /// this database, any server) sends it meanwhile, and if this one dies it is sent again
    /// after that. On PostgreSQL rows another worker is claiming are skipped, not waited for.
    async fn claim_deliveries(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
    ) -> Result<Vec<DueDelivery>, StoreError>;

    /// Records how `attempts` ended, in one transaction; returns how many were recorded. An
    /// attempt of a delivery claimed again meanwhile (this worker's claim ran out) or
    /// removed is not.
    async fn finish_deliveries(&self, attempts: &[Attempt]) -> Result<usize, StoreError>;
}

impl StoredProposal {
    /// The proposal as webhook events tell of it, still open.
    pub fn facts(&self) -> crate::model::ProposalFacts {
        crate::model::ProposalFacts::open(
            self.id,
            &self.author,
            self.base_revision,
            self.cells.len(),
            &self.rationale,
        )
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_a_webhook_secret() {
        let secret = "whsec_c2VjcmV0IHRoYXQgbXVzdCBub3Qgc2hvdw==";
        let webhook = NewWebhook {
            url: "https://portal.example.com/hooks".into(),
            secret: secret.into(),
            events: EventKind::ALL.to_vec(),
            created_at: 1,
        };
        let due = DueDelivery {
            id: 1,
            attempt: 1,
            event: "proposal.opened".into(),
            payload: "{}".into(),
            url: webhook.url.clone(),
            secret: secret.into(),
            created_at: 1,
        };
        for shown in [format!("{webhook:?}"), format!("{due:?}")] {
            assert!(!shown.contains(secret), "{shown}");
            assert!(shown.contains("portal.example.com"), "{shown}");
        }
    }
}
