//! Atom feeds (RFC 4287, written by the `atom_syndication` crate) of what changes: every
//! revision of one skill (`/skills/<slug>/feed.atom`), the revisions touching one role
//! (`/roles/<role>/feed.atom`) and every revision of every skill (`/feed.atom`). Each entry
//! says who changed what, when, from which proposal, and every changed cell as text.
//!
//! Entry ids are `tag:` URIs made of the host, the base path, the skill and the revision
//! number, so they never change once a revision exists. Feeds are made from what is
//! published and the address alone: cached like the pages, with an `ETag`, a
//! `Last-Modified` and `304`s.

use super::{cached, escape_html, origin, requested_host, Api, ApiError, CACHE_PUBLISHED};
use app::api::ssr::state::Viewer;
use app::api::ssr::store::FeedRevision;
use app::model::{compare_revisions, CellDiff, Expectation, Profile};
use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// Entries a feed holds: the newest ones.
pub const FEED_ENTRIES: u32 = 50;

/// Revisions read for a role's feed, of which those touching the role are kept.
const ROLE_WINDOW: u32 = 500;

/// The content type feeds are served with.
const ATOM: &str = "application/atom+xml; charset=utf-8";

/// Where a feed is read from: absolute addresses and the `tag:` authority.
struct Site {
    /// `http(s)://host` as the reader asked.
    origin: String,
    /// The host without its port, for `tag:` ids.
    authority: String,
    /// The base path (`""` at the root).
    base: String,
}

impl Site {
    fn of(api: &Api, viewer: &Viewer, headers: &HeaderMap) -> Self {
        let host = requested_host(headers, "localhost");
        let authority = match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        };
        Self {
            origin: origin(viewer, host),
            authority: authority.trim_matches(['[', ']']).to_owned(),
            base: api.site.base_path.clone(),
        }
    }

    /// The absolute address of `path` on this site.
    fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.origin, self.base)
    }

    /// A permanent id for `path` on this site.
    fn tag(&self, path: &str) -> String {
        format!("tag:{},2026:{}{path}", self.authority, self.base)
    }
}

/// `GET /skills/<slug>/feed.atom`.
pub(super) async fn skill_feed(
    State(api): State<Api>,
    Path(slug): Path<String>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let catalog = api.state.catalog();
    let profile = catalog
        .get(&slug)
        .ok_or_else(|| ApiError::no_skill(&slug))?;
    let site = Site::of(&api, &viewer, &headers);
    let revisions = recent(&api, Some(&slug), FEED_ENTRIES).await?;
    let entries = revisions
        .iter()
        .filter_map(|r| entry(&site, r, None))
        .collect();
    let page = format!("/skills/{slug}");
    let feed = feed(
        &site,
        format!("{} · Skill Profiles", profile.title()),
        &page,
        &format!("{page}/feed.atom"),
        entries,
    );
    Ok(answer(&headers, &feed))
}

/// `GET /roles/<role>/feed.atom`: the revisions of skills the role appears in, each with
/// only the role's cells; revisions that changed none of them are left out.
pub(super) async fn role_feed(
    State(api): State<Api>,
    Path(role): Path<String>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let catalog = api.state.catalog();
    let Some(summary) = catalog.roles().iter().find(|r| r.role.id.as_str() == role) else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No skill has the role `{role}`."),
        ));
    };
    let site = Site::of(&api, &viewer, &headers);
    let revisions = recent(&api, None, ROLE_WINDOW).await?;
    let entries = revisions
        .iter()
        .filter_map(|r| entry(&site, r, Some(&role)))
        .take(FEED_ENTRIES as usize)
        .collect();
    let page = format!("/roles/{role}");
    let feed = feed(
        &site,
        format!("{} · Skill Profiles", summary.role.name),
        &page,
        &format!("{page}/feed.atom"),
        entries,
    );
    Ok(answer(&headers, &feed))
}

/// `GET /feed.atom`: every skill's revisions.
pub(super) async fn catalog_feed(
    State(api): State<Api>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let site = Site::of(&api, &viewer, &headers);
    let revisions = recent(&api, None, FEED_ENTRIES).await?;
    let entries = revisions
        .iter()
        .filter_map(|r| entry(&site, r, None))
        .collect();
    let feed = feed(
        &site,
        "Skill Profiles".to_owned(),
        "/",
        "/feed.atom",
        entries,
    );
    Ok(answer(&headers, &feed))
}

/// The newest revisions, or 503 when the store cannot say (logged).
async fn recent(api: &Api, slug: Option<&str>, limit: u32) -> Result<Vec<FeedRevision>, ApiError> {
    api.state
        .store
        .recent_revisions(slug, limit)
        .await
        .map_err(|err| {
            tracing::error!(%err, ?slug, "reading revisions for a feed failed");
            ApiError::unavailable()
        })
}

/// A feed of `entries` (newest first) about the page at `page`, found at `path`. It was
/// updated when its newest entry was.
fn feed(site: &Site, title: String, page: &str, path: &str, entries: Vec<Entry>) -> Feed {
    let updated = entries
        .first()
        .map_or_else(|| time(0), |entry| entry.updated);
    Feed {
        title: Text::plain(title),
        id: site.tag(path),
        updated,
        authors: vec![Person {
            name: "Skill Profiles".into(),
            ..Person::default()
        }],
        links: vec![
            link("self", &site.url(path), "application/atom+xml"),
            link("alternate", &site.url(page), "text/html"),
        ],
        entries,
        ..Feed::default()
    }
}

/// Revision `revision` as an entry: every changed cell, or only `role`'s (then `None` when
/// it changed none of them, or the skill has no such role).
fn entry(site: &Site, revision: &FeedRevision, role: Option<&str>) -> Option<Entry> {
    let profile: Profile = parsed(&revision.profile_json)?;
    if role.is_some_and(|role| profile.role_index(role).is_none()) {
        return None;
    }
    let previous: Option<Profile> = revision.previous_json.as_deref().and_then(parsed);
    let changes: Vec<CellDiff> = previous
        .as_ref()
        .map(|before| compare_revisions(before, &profile))
        .unwrap_or_default()
        .into_iter()
        .filter(|c| role.is_none_or(|role| c.role == role))
        .collect();
    if previous.is_some() && changes.is_empty() {
        return None;
    }
    let slug = profile.slug().as_str();
    let number = revision.number;
    let path = format!("/skills/{slug}/revisions/{number}");
    let alternate = if previous.is_some() {
        format!("/skills/{slug}/compare?from={}&to={number}", number - 1)
    } else {
        format!("/skills/{slug}")
    };
    let mut links = vec![link("alternate", &site.url(&alternate), "text/html")];
    if let Some(id) = revision.proposal_id {
        links.push(link(
            "related",
            &site.url(&format!("/skills/{slug}/proposals/{id}")),
            "text/html",
        ));
    }
    let (summary, html) = described(&profile, previous.is_some(), &changes, revision);
    let mut categories: Vec<Category> = changes
        .iter()
        .map(|c| c.role.clone())
        .chain(role.map(str::to_owned))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|term| Category {
            term,
            ..Category::default()
        })
        .collect();
    categories.insert(
        0,
        Category {
            term: slug.to_owned(),
            label: Some(profile.title().to_owned()),
            ..Category::default()
        },
    );
    Some(Entry {
        title: Text::plain(format!("{}: revision {number}", profile.title())),
        id: site.tag(&path),
        updated: time(revision.created_at),
        published: Some(time(revision.created_at)),
        authors: revision
            .author
            .iter()
            .map(|name| Person {
                name: name.clone(),
                ..Person::default()
            })
            .collect(),
        links,
        categories,
        summary: Some(Text::plain(summary)),
        content: Some(Content {
            value: Some(html),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    })
}

/// The entry's one-line summary and its HTML: who, which proposal, each changed cell.
fn described(
    profile: &Profile,
    changed: bool,
    changes: &[CellDiff],
    revision: &FeedRevision,
) -> (String, String) {
    let who = revision.author.as_deref().map_or_else(
        || "from the content files".to_owned(),
        |name| format!("by {name}"),
    );
    let from = revision
        .proposal_id
        .map(|id| format!(", accepting proposal #{id}"))
        .unwrap_or_default();
    if !changed {
        let summary = format!(
            "First published {who}{from}: {} expectations for {} roles at {} levels.",
            profile.levels().len() * profile.roles().len(),
            profile.roles().len(),
            profile.levels().len()
        );
        let html = format!("<p>{}</p>", escape_html(&summary));
        return (summary, html);
    }
    let cells = if changes.len() == 1 { "cell" } else { "cells" };
    let summary = format!("{} {cells} changed {who}{from}.", changes.len());
    let items: String = changes
        .iter()
        .map(|c| format!("<li>{}</li>", escape_html(&change_line(c))))
        .collect();
    let html = format!("<p>{}</p><ul>{items}</ul>", escape_html(&summary));
    (summary, html)
}

/// One changed cell as a sentence: `DBA at Senior: required → optional; "old" → "new"`.
pub fn change_line(change: &CellDiff) -> String {
    let flag = |e: &Expectation| if e.required { "required" } else { "optional" };
    let place = &change.place;
    match (&change.before, &change.after) {
        (None, Some(after)) => format!("{place}: added ({}): “{}”", flag(after), after.text),
        (Some(_), None) => format!("{place}: removed"),
        (Some(before), Some(after)) => {
            let mut parts = Vec::new();
            if before.required != after.required {
                parts.push(format!("{} → {}", flag(before), flag(after)));
            }
            if before.text != after.text {
                parts.push(format!("“{}” → “{}”", before.text, after.text));
            }
            format!("{place}: {}", parts.join("; "))
        }
        (None, None) => place.clone(),
    }
}

fn parsed(json: &str) -> Option<Profile> {
    serde_json::from_str(json)
        .map_err(|err| tracing::error!(%err, "a stored revision does not parse"))
        .ok()
}

fn link(rel: &str, href: &str, mime: &str) -> Link {
    Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        mime_type: Some(mime.to_owned()),
        ..Link::default()
    }
}

/// Seconds since 1970 as an Atom date (UTC).
fn time(seconds: i64) -> FixedDateTime {
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// The feed as XML with its validators: an `ETag` (by [`cached`]) and a `Last-Modified`
/// (its `updated`), `304` when the reader has it by either.
fn answer(request: &HeaderMap, feed: &Feed) -> Response {
    let modified = feed.updated.to_utc();
    let unchanged_since = request
        .get(header::IF_MODIFIED_SINCE)
        .filter(|_| !request.contains_key(header::IF_NONE_MATCH))
        .and_then(|value| value.to_str().ok())
        .and_then(|text| chrono::DateTime::parse_from_rfc2822(text).ok())
        .is_some_and(|since| since.to_utc() >= modified);
    let last_modified = modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let mut response = if unchanged_since {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        cached(request, ATOM, CACHE_PUBLISHED, feed.to_string())
    };
    if let Ok(value) = HeaderValue::from_str(&last_modified) {
        response.headers_mut().insert(header::LAST_MODIFIED, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, required: bool) -> Option<Expectation> {
        Some(Expectation {
            text: text.into(),
            required,
        })
    }

    #[test]
    fn a_changed_cell_reads_as_before_and_after() {
        let change = CellDiff {
            place: "DBA at Senior".into(),
            role: "dba".into(),
            level: "senior".into(),
            before: cell("Runs backups.", true),
            after: cell("Runs and tests backups.", false),
        };
        assert_eq!(
            change_line(&change),
            "DBA at Senior: required → optional; “Runs backups.” → “Runs and tests backups.”"
        );
        let added = CellDiff {
            before: None,
            ..change.clone()
        };
        assert_eq!(
            change_line(&added),
            "DBA at Senior: added (optional): “Runs and tests backups.”"
        );
    }

    #[test]
    fn feed_dates_are_utc_seconds() {
        assert_eq!(time(0).to_rfc3339(), "1970-01-01T00:00:00+00:00");
    }
}
