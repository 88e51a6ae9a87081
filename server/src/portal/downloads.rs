//! A profile, or a reader's slice of it, as a JSON, CSV or Markdown file to download.

use super::document::{Filter, Format, SkillDocument, Slice};
use super::{cached, Api, ApiError, Params, CACHE_PUBLISHED};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;

/// Download parameters: `format` (json, csv, md), `part` (`all`, or `selection` for the
/// chosen role at the chosen level and the next), `role`, `level`.
#[derive(Debug, Deserialize)]
pub(super) struct ExportQuery {
    format: Option<String>,
    part: Option<String>,
    #[serde(flatten)]
    filter: Filter,
}

pub(super) async fn download(
    State(api): State<Api>,
    Path(slug): Path<String>,
    Params(query): Params<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let format = Format::parse(query.format.as_deref().unwrap_or("json")).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "format",
            "Choose json, csv or md as the format.",
        )
    })?;
    let catalog = api.state.catalog();
    let profile = catalog
        .get(&slug)
        .ok_or_else(|| ApiError::no_skill(&slug))?;
    let slice = if query.part.as_deref() == Some("selection") {
        Slice::selection(profile, &query.filter)?
    } else {
        Slice::exact(profile, &Filter::default())?
    };
    let document = SkillDocument::new(
        profile,
        api.state.revision_of(&slug),
        &slice,
        &api.site.base_path,
    );
    let mut name = slug.clone();
    if !slice.is_whole(profile) {
        for part in [&query.filter.role, &query.filter.level]
            .into_iter()
            .flatten()
        {
            name.push('-');
            name.push_str(part);
        }
    }
    let mut response = cached(
        &headers,
        format.content_type(),
        CACHE_PUBLISHED,
        format.render(&document),
    );
    let disposition = format!("attachment; filename=\"{name}.{}\"", format.extension());
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
