//! oEmbed (<https://oembed.com>): a portal that is given a profile's address learns the
//! iframe that embeds it.

use super::{escape_html, json, origin, requested_host, Api, ApiError, Params, CACHE_PUBLISHED};
use app::api::ssr::state::Viewer;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;

/// Width and height of an oEmbed iframe unless the consumer asks for less.
const OEMBED_SIZE: (u32, u32) = (800, 600);

/// oEmbed request parameters (<https://oembed.com>, section 2.2).
#[derive(Debug, Deserialize)]
pub(super) struct OEmbedQuery {
    url: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
    format: Option<String>,
}

pub(super) async fn oembed(
    State(api): State<Api>,
    Params(query): Params<OEmbedQuery>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if query.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "format",
            "Only the json format is offered.",
        ));
    }
    let url = query.url.as_deref().unwrap_or_default();
    if url.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "url",
            "Give the profile's address as `url`.",
        ));
    }
    let host = requested_host(&headers, "");
    let origin = origin(&viewer, host);
    let not_ours = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "That address is not a skill profile on this site.",
        )
    };
    let target = OEmbedTarget::parse(url, host, &api.site.base_path).ok_or_else(not_ours)?;
    let catalog = api.state.catalog();
    let profile = catalog.get(&target.slug).ok_or_else(not_ours)?;
    let base = &api.site.base_path;
    let mut src = format!("{origin}{base}/embed/skills/{}", profile.slug());
    let mut params = Vec::new();
    if let Some(role) = target.role.filter(|r| profile.role_index(r).is_some()) {
        params.push(format!("role={role}"));
    }
    if let Some(level) = target.level.filter(|l| profile.level_index(l).is_some()) {
        params.push(format!("level={level}"));
    }
    if !params.is_empty() {
        src = format!("{src}?{}", params.join("&"));
    }
    let width = query
        .maxwidth
        .map_or(OEMBED_SIZE.0, |w| w.min(OEMBED_SIZE.0));
    let height = query
        .maxheight
        .map_or(OEMBED_SIZE.1, |h| h.min(OEMBED_SIZE.1));
    let title = escape_html(profile.title());
    let html = format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{title}: skill profile\" \
         loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        escape_html(&src)
    );
    let body = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "Skill Profiles",
        "provider_url": format!("{origin}{base}/"),
        "title": profile.title(),
        "html": html,
        "width": width,
        "height": height,
        "cache_age": 3600,
    });
    Ok(json(&headers, CACHE_PUBLISHED, &body))
}

/// A profile address given to oEmbed: `http(s)://<this host><base>/skills/<slug>` or the
/// embed view's, with optional `role` and `level`.
#[derive(Debug, PartialEq, Eq)]
struct OEmbedTarget {
    slug: String,
    role: Option<String>,
    level: Option<String>,
}

impl OEmbedTarget {
    fn parse(url: &str, host: &str, base: &str) -> Option<Self> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let (authority, path_and_query) = rest.split_at(rest.find('/')?);
        if !authority.eq_ignore_ascii_case(host) {
            return None;
        }
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let path = path.strip_prefix(base)?;
        let slug = path
            .strip_prefix("/skills/")
            .or_else(|| path.strip_prefix("/embed/skills/"))?
            .trim_end_matches('/');
        if slug.is_empty() || slug.contains('/') {
            return None;
        }
        let value = |key: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_owned())
                .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        };
        Some(Self {
            slug: slug.to_owned(),
            role: value("role"),
            level: value("level"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oembed_url_must_be_a_profile_on_this_host_under_the_base_path() {
        let parse = |url: &str| OEmbedTarget::parse(url, "skills.example.com", "/kb");
        assert_eq!(
            parse("https://skills.example.com/kb/skills/backup-recovery?role=dba&level=senior"),
            Some(OEmbedTarget {
                slug: "backup-recovery".into(),
                role: Some("dba".into()),
                level: Some("senior".into()),
            })
        );
        assert!(parse("https://skills.example.com/kb/embed/skills/backup-recovery").is_some());
        assert_eq!(
            parse("https://evil.example/kb/skills/backup-recovery"),
            None
        );
        assert_eq!(
            parse("https://skills.example.com/skills/backup-recovery"),
            None
        );
        assert_eq!(
            parse("https://skills.example.com/kb/skills/a/history"),
            None
        );
        assert_eq!(parse("javascript:alert(1)"), None);
        let odd = parse("http://skills.example.com/kb/skills/x?role=%22%3E").unwrap();
        assert_eq!(odd.role, None, "a role that is not an id is dropped");
    }

    #[test]
    fn attribute_text_is_escaped() {
        assert_eq!(escape_html("a\"<b>&'"), "a&quot;&lt;b&gt;&amp;&#39;");
    }
}
