//! Content files and the database: seeding revision 1 on first start, `import` and
//! `export`, and the published catalog read back at start-up.

use super::{self as content, ContentError};
use app::api::ssr::store::{no_events, NewRevision, OutboxEvent, Store, StoreError};
use app::model::{Catalog, Event, Profile, SiteLinks};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why content and database could not be brought together.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    /// The content files (or the set they would publish) have problems, one per line.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Content(Vec<ContentError>),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing an exported file failed.
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// What is published: the catalog and each profile's revision number.
pub struct PublishedCatalog {
    /// The profiles, in memory.
    pub catalog: Catalog,
    /// Revision number by slug.
    pub revisions: HashMap<String, u32>,
}

/// The new revisions `sources` bring: files whose slug has none yet (`only_new`) or, for
/// `import`, also those whose text differs from the latest revision. Validates the files
/// together with what stays published, so no import can publish a broken set.
async fn changes(
    store: &dyn Store,
    sources: Vec<(PathBuf, String)>,
    only_new: bool,
) -> Result<Vec<NewRevision>, RevisionError> {
    let imported = content::load_sources(&sources).map_err(RevisionError::Content)?;
    let latest: HashMap<String, String> = store
        .latest_revisions()
        .await?
        .into_iter()
        .map(|revision| (revision.slug, revision.source))
        .collect();
    // What stays published beside the import must agree with it (role and domain names);
    // with nothing else stored (the first start) the import was checked whole above.
    let mut combined: Vec<(PathBuf, String)> = latest
        .iter()
        .filter(|(slug, _)| imported.get(slug).is_none())
        .map(|(slug, source)| (database_path(slug), source.clone()))
        .collect();
    if !combined.is_empty() {
        combined.extend(sources.iter().cloned());
        content::load_sources(&combined).map_err(RevisionError::Content)?;
    }

    let now = app::api::ssr::store::unix_now();
    let mut revisions = Vec::new();
    for (file, source) in &sources {
        // A file is named after its slug (a rule `load_sources` checked).
        let Some(profile) = file
            .file_stem()
            .and_then(|stem| imported.get(&stem.to_string_lossy()))
        else {
            continue;
        };
        let slug = profile.slug().to_string();
        let wanted = match latest.get(&slug) {
            None => true,
            Some(current) => !only_new && current != source,
        };
        if wanted {
            revisions.push(NewRevision {
                profile_json: serde_json::to_string(profile)
                    .map_err(|err| StoreError::Encoding(err.to_string()))?,
                slug,
                source: source.clone(),
                created_at: now,
                ..NewRevision::default()
            });
        }
    }
    Ok(revisions)
}

/// How a profile read from the database is named in messages.
fn database_path(slug: &str) -> PathBuf {
    Path::new("database").join(format!("{slug}.toml"))
}

/// On start: every profile of the content folder that the database does not have yet
/// becomes its revision 1. Returns how many were added.
pub async fn seed(store: &dyn Store, dir: &Path) -> Result<usize, RevisionError> {
    let sources = content::read_dir(dir).map_err(RevisionError::Content)?;
    let revisions = changes(store, sources, true).await?;
    // What a server starts with is not news: webhooks hear of imports and accepted proposals.
    store.add_revisions(&revisions, &no_events).await?;
    Ok(revisions.len())
}

/// `import DIR`: each file whose text differs from its profile's latest revision (or whose
/// profile is new) becomes the next revision, and webhooks are told of each
/// (`revision.published`, linking to `links`). Returns (added, unchanged).
pub async fn import(
    store: &dyn Store,
    dir: &Path,
    links: &SiteLinks,
) -> Result<(usize, usize), RevisionError> {
    let sources = content::read_dir(dir).map_err(RevisionError::Content)?;
    let total = sources.len();
    let revisions = changes(store, sources, false).await?;
    let before: HashMap<String, Profile> = store
        .latest_revisions()
        .await?
        .into_iter()
        .map(|revision| Ok((revision.slug, profile_of(&revision.profile_json)?)))
        .collect::<Result<_, StoreError>>()?;
    let published = |(index, number): (usize, u32)| {
        let Some(revision) = revisions.get(index) else {
            return Ok(Vec::new());
        };
        let after = profile_of(&revision.profile_json)?;
        let before = before.get(&revision.slug);
        let event =
            Event::revision_published(links, before, &after, number, None, revision.created_at);
        Ok(vec![OutboxEvent::new(&event)?])
    };
    store.add_revisions(&revisions, &published).await?;
    Ok((revisions.len(), total - revisions.len()))
}

/// A profile from its JSON, as stored.
fn profile_of(json: &str) -> Result<Profile, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError::Encoding(format!("a profile: {err}")))
}

/// `export DIR`: writes the latest revision of every profile as `<slug>.toml`, byte for byte
/// as it was imported. Returns how many files were written.
pub async fn export(store: &dyn Store, dir: &Path) -> Result<usize, RevisionError> {
    std::fs::create_dir_all(dir).map_err(|err| RevisionError::Write(dir.to_path_buf(), err))?;
    let latest = store.latest_revisions().await?;
    for revision in &latest {
        let file = dir.join(format!("{}.toml", revision.slug));
        std::fs::write(&file, &revision.source).map_err(|err| RevisionError::Write(file, err))?;
    }
    Ok(latest.len())
}

/// The published catalog: the latest revision of every profile, checked as `check` checks
/// content files.
pub async fn published(store: &dyn Store) -> Result<PublishedCatalog, RevisionError> {
    let latest = store.latest_revisions().await?;
    let revisions = latest
        .iter()
        .map(|revision| (revision.slug.clone(), revision.number))
        .collect();
    let sources: Vec<(PathBuf, String)> = latest
        .into_iter()
        .map(|revision| (database_path(&revision.slug), revision.source))
        .collect();
    let catalog = content::load_sources(&sources).map_err(RevisionError::Content)?;
    Ok(PublishedCatalog { catalog, revisions })
}

/// The state a server starts with: the content files of profiles `store` does not have yet
/// become their revision 1 (checked as `check` checks them), and what is published is read
/// back. For `main` and for the tests that start whole servers.
pub async fn open_state(
    store: std::sync::Arc<dyn Store>,
    content: &Path,
    rate_limits: bool,
) -> Result<app::api::ssr::state::AppState, RevisionError> {
    let seeded = seed(store.as_ref(), content).await?;
    let now = published(store.as_ref()).await?;
    tracing::info!(
        backend = store.backend(),
        seeded,
        published = now.catalog.profiles().len(),
        "database ready"
    );
    Ok(app::api::ssr::state::AppState::new(
        now.catalog,
        now.revisions,
        store,
        app::api::ssr::limits::RateLimiter::new(rate_limits),
        crate::content::to_toml,
    ))
}

/// How often a server checks for revisions published elsewhere when the database cannot
/// signal them (SQLite: `server import` run beside the server), or after it stopped
/// signalling.
pub const POLL_EVERY: std::time::Duration = std::time::Duration::from_secs(10);
/// How often it checks anyway while PostgreSQL signals each revision: a slow fallback for
/// a signal lost in a reconnection.
pub const POLL_WHILE_LISTENING: std::time::Duration = std::time::Duration::from_secs(60);

/// Keeps what `state` publishes in step with the database: whenever it holds other revision
/// numbers than the ones served (another server accepted a proposal, `import` ran), the
/// catalog is read again and replaced whole. On PostgreSQL each new revision is signalled
/// (`LISTEN`), so other servers serve it within moments; without signals, or after they
/// stop, the database is asked every [`POLL_EVERY`]. Runs until the process ends.
pub async fn follow(state: app::api::ssr::state::AppState) {
    follow_polling(state, POLL_EVERY, POLL_WHILE_LISTENING).await;
}

/// [`follow`], checking every `poll` without signals and every `slow_poll` with them (tests
/// set both long, so only a signal can bring a revision in time).
pub async fn follow_polling(
    state: app::api::ssr::state::AppState,
    poll: std::time::Duration,
    slow_poll: std::time::Duration,
) {
    use app::api::ssr::store::Signal;
    let mut signals = None;
    let mut fast = tokio::time::interval(poll);
    let mut slow = tokio::time::interval(slow_poll);
    loop {
        if signals.is_none() {
            match state.store.listen_for_revisions().await {
                Ok(Some(listening)) => {
                    tracing::info!("listening for revisions published by other servers");
                    signals = Some(listening);
                    // Whatever was published while nobody listened.
                    catch_up(&state).await;
                }
                Ok(None) => {}
                Err(err) => tracing::warn!(%err, "cannot listen for revisions; polling"),
            }
        }
        let heard = match signals.as_mut() {
            Some(listening) => tokio::select! {
                heard = listening.next() => Some(heard),
                _ = slow.tick() => None,
            },
            None => {
                fast.tick().await;
                None
            }
        };
        match heard {
            Some(Err(err)) => {
                tracing::warn!(%err, "lost the database's revision signals; polling");
                signals = None;
            }
            Some(Ok(Signal::Reconnected)) => {
                tracing::info!("reconnected to the database's revision signals");
            }
            Some(Ok(Signal::Published)) | None => {}
        }
        catch_up(&state).await;
    }
}

/// Reloads what `state` publishes if the database holds other revision numbers.
async fn catch_up(state: &app::api::ssr::state::AppState) {
    let numbers = match state.store.revision_numbers().await {
        Ok(numbers) => numbers,
        Err(err) => {
            tracing::warn!(%err, "could not check for new revisions");
            return;
        }
    };
    let served = state.revisions();
    if numbers.len() == served.len() && numbers.iter().all(|(slug, n)| served.get(slug) == Some(n))
    {
        return;
    }
    match published(state.store.as_ref()).await {
        Ok(now) => {
            tracing::info!("revisions published elsewhere: catalog reloaded");
            state.replace(now.catalog, now.revisions);
        }
        Err(err) => tracing::error!(%err, "could not reload the published revisions"),
    }
}
