//! Server state shared by routes and server functions (server only).

use crate::api::ssr::limits::RateLimiter;
use crate::api::ssr::store::{Store, User};
use crate::error::AppError;
use crate::model::{Catalog, Profile, SiteLinks};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};

/// What is published: the catalog and each profile's revision number. Swapped whole when a
/// revision is published, so a reader sees one version or the next, never a mix.
#[derive(Debug)]
struct Published {
    catalog: Arc<Catalog>,
    revisions: Arc<HashMap<String, u32>>,
    /// Counts publishes: whatever was made from an earlier generation is out of date.
    generation: u64,
}

/// The response header a page or API answer carries when it is made from what is published
/// and its address alone, the same for every reader who is not signed in: the server's
/// render cache may keep it until the next publish. The server removes it before sending.
pub const CACHE_MARK: http::HeaderName = http::HeaderName::from_static("x-skills-cache");
/// [`CACHE_MARK`]'s value on pages and API answers made from published content.
pub const CACHE_PUBLISHED: &str = "published";

/// What every request may need. Cheap to clone; provided to Leptos as context.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The published profiles, in memory: reading never waits on the database.
    published: Arc<RwLock<Published>>,
    /// Where accounts, sessions, revisions, proposals and comments are kept.
    pub store: Arc<dyn Store>,
    /// Limits on sign-in, sign-up and submissions.
    pub limits: Arc<RateLimiter>,
    /// Writes a profile as a content file (the server's format), for new revisions.
    pub render_source: fn(&Profile) -> String,
    /// Where the links in webhook events point (paths only until the router sets the
    /// site's public address).
    pub links: Arc<SiteLinks>,
    /// How each (skill, revision) came about, read from the store once: a revision never
    /// changes, so the profile pages after the first ask nothing of the database.
    pub notes: Arc<std::sync::Mutex<HashMap<(String, u32), crate::model::RevisionNote>>>,
}

impl AppState {
    /// State serving `catalog` at `revisions`.
    pub fn new(
        catalog: Catalog,
        revisions: HashMap<String, u32>,
        store: Arc<dyn Store>,
        limits: RateLimiter,
        render_source: fn(&Profile) -> String,
    ) -> Self {
        Self {
            published: Arc::new(RwLock::new(Published {
                catalog: Arc::new(catalog),
                revisions: Arc::new(revisions),
                generation: 0,
            })),
            store,
            limits: Arc::new(limits),
            render_source,
            links: Arc::new(SiteLinks::default()),
            notes: Arc::default(),
        }
    }

    /// The same state, its events linking to `links`.
    #[must_use]
    pub fn with_links(self, links: SiteLinks) -> Self {
        Self {
            links: Arc::new(links),
            ..self
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Published> {
        // A poisoned lock only means a writer panicked between two whole assignments.
        self.published
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The published catalog now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.read().catalog.clone()
    }

    /// Publishes `profile` as revision `number` of its skill: every later request sees it.
    pub fn publish(&self, profile: Profile, number: u32) {
        let mut published = self
            .published
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let slug = profile.slug().to_string();
        let mut profiles: Vec<Profile> = published
            .catalog
            .profiles()
            .iter()
            .filter(|p| p.slug().as_str() != slug)
            .cloned()
            .collect();
        profiles.push(profile);
        let mut revisions = (*published.revisions).clone();
        revisions.insert(slug, number);
        *published = Published {
            catalog: Arc::new(Catalog::new(profiles)),
            revisions: Arc::new(revisions),
            generation: published.generation + 1,
        };
    }

    /// Replaces everything published (another server published a revision).
    pub fn replace(&self, catalog: Catalog, revisions: HashMap<String, u32>) {
        let mut published = self
            .published
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *published = Published {
            catalog: Arc::new(catalog),
            revisions: Arc::new(revisions),
            generation: published.generation + 1,
        };
    }

    /// How many times something was published since the server started: a render made
    /// while this number stays the same shows what is published now.
    pub fn generation(&self) -> u64 {
        self.read().generation
    }

    /// The revision number of every published profile.
    pub fn revisions(&self) -> Arc<HashMap<String, u32>> {
        self.read().revisions.clone()
    }

    /// The state of the current request, or `Internal` if the server forgot to provide it.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
        })
    }

    /// The revision a profile is published at (1 when it was never revised).
    pub fn revision_of(&self, slug: &str) -> u32 {
        self.read().revisions.get(slug).copied().unwrap_or(1)
    }
}

/// Who sent the current request, worked out once per request by the server's middleware
/// from the session cookie or a trusted proxy's header.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The signed-in user, if any.
    pub user: Option<User>,
    /// The client's address: the peer's, or the one a trusted proxy forwarded.
    pub ip: IpAddr,
    /// Came over HTTPS (configured, or said by a trusted proxy): absolute links use it.
    pub https: bool,
}

impl Viewer {
    /// The viewer of the current request; a signed-out one at 0.0.0.0 when the middleware
    /// did not run (never in the real router).
    pub fn current() -> Self {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Self>().cloned())
            .unwrap_or(Self {
                user: None,
                ip: IpAddr::from([0, 0, 0, 0]),
                https: false,
            })
    }
}

/// Sets the status of the response being server-rendered (404 for an unknown profile).
pub fn set_status(code: u16) {
    let status =
        http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Adds a header to the response being rendered or answered.
pub fn set_header(name: http::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.insert_header(name, value);
    }
}

/// The address of the page being rendered as the reader's browser has it
/// (`https://host/base/skills/x?…`); `None` without a `Host`.
pub fn page_url() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let host = parts.headers.get(http::header::HOST)?.to_str().ok()?;
    let scheme = if Viewer::current().https {
        "https"
    } else {
        "http"
    };
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    Some(format!("{scheme}://{host}{path}"))
}
