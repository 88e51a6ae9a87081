//! The JSON API under `/api/v1/`, as `/api/v1/openapi.json` describes it.

use super::document::{Filter, SkillDocument, Slice};
use super::{cached, json, Api, ApiError, Params, CACHE_PUBLISHED, CACHE_REVISION};
use app::model::Date;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct SkillSummary<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    domain: &'a str,
    group: &'a str,
    updated: String,
    revision: u32,
    path: String,
}

pub(super) async fn skills(State(api): State<Api>, headers: HeaderMap) -> Response {
    let catalog = api.state.catalog();
    let revisions = api.state.revisions();
    let base = &api.site.base_path;
    let skills: Vec<SkillSummary> = catalog
        .profiles()
        .iter()
        .map(|p| SkillSummary {
            slug: p.slug().as_str(),
            title: p.title(),
            summary: p.summary(),
            domain: p.domain(),
            group: p.group(),
            updated: p.updated().to_string(),
            revision: revisions.get(p.slug().as_str()).copied().unwrap_or(1),
            path: format!("{base}/skills/{}", p.slug()),
        })
        .collect();
    json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "skills": skills }),
    )
}

pub(super) async fn skill(
    State(api): State<Api>,
    Path(slug): Path<String>,
    Params(filter): Params<Filter>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let catalog = api.state.catalog();
    let profile = catalog
        .get(&slug)
        .ok_or_else(|| ApiError::no_skill(&slug))?;
    let slice = Slice::exact(profile, &filter)?;
    let document = SkillDocument::new(
        profile,
        api.state.revision_of(&slug),
        &slice,
        &api.site.base_path,
    );
    Ok(json(&headers, CACHE_PUBLISHED, &document))
}

#[derive(Serialize)]
struct RevisionEntry {
    number: u32,
    date: String,
    author: Option<String>,
    proposal: Option<i64>,
}

pub(super) async fn revisions(
    State(api): State<Api>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if api.state.catalog().get(&slug).is_none() {
        return Err(ApiError::no_skill(&slug));
    }
    let list = api.state.store.revisions_of(&slug).await.map_err(|err| {
        tracing::error!(%err, slug, "reading revisions failed");
        ApiError::unavailable()
    })?;
    let revisions: Vec<RevisionEntry> = list
        .into_iter()
        .map(|r| RevisionEntry {
            number: r.number,
            date: Date::from_unix_seconds(r.created_at).to_string(),
            author: r.author,
            proposal: r.proposal_id,
        })
        .collect();
    Ok(json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "slug": slug, "revisions": revisions }),
    ))
}

pub(super) async fn revision(
    State(api): State<Api>,
    Path((slug, number)): Path<(String, String)>,
    Params(filter): Params<Filter>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let missing = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("`{slug}` has no revision `{number}`."),
        )
    };
    let n: u32 = number.parse().map_err(|_| missing())?;
    // The published revision comes from memory; failures are logged where they happen.
    let profile = app::api::ssr::profile_at(&api.state, &slug, n)
        .await
        .map_err(|_| ApiError::unavailable())?
        .ok_or_else(missing)?;
    let slice = Slice::exact(&profile, &filter)?;
    let document = SkillDocument::new(&profile, n, &slice, &api.site.base_path);
    Ok(json(&headers, CACHE_REVISION, &document))
}

pub(super) async fn roles(State(api): State<Api>, headers: HeaderMap) -> Response {
    let catalog = api.state.catalog();
    let roles: Vec<_> = catalog
        .roles()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.role.id,
                "name": r.role.name,
                "skills": r.skills,
                "path": format!("{}/roles/{}", api.site.base_path, r.role.id),
            })
        })
        .collect();
    json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "roles": roles }),
    )
}

pub(super) async fn openapi(State(api): State<Api>, headers: HeaderMap) -> Response {
    cached(
        &headers,
        "application/json",
        CACHE_PUBLISHED,
        api.openapi.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::OPENAPI;

    #[test]
    fn the_openapi_document_is_json_with_every_route() {
        let document: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let paths = document["paths"].as_object().unwrap();
        for path in [
            "/skills",
            "/skills/{slug}",
            "/skills/{slug}/revisions",
            "/skills/{slug}/revisions/{number}",
            "/roles",
        ] {
            assert!(paths.contains_key(path), "{path} is documented");
        }
    }
}
