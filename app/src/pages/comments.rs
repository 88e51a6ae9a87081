//! `/skills/:slug/comments`: a profile's comment thread on a page of its own, rendered for
//! each request (it shows the reader's own comments and forms). A profile links here
//! without JavaScript and takes its thread from here with it.

use crate::api::{list_comments, skill_title};
use crate::components::{page_param, CommentThread};
use crate::error::AppError;
use crate::model::CommentPage;
use crate::pages::page_loader;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The comments on a skill, oldest first, with the reader's form.
#[component]
pub fn CommentsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = use_query_map().with_untracked(page_param);
    let title = crate::components::page_resource(slug, skill_title);
    page_loader("Loading the comments…", title, move |title| async move {
        let slug = slug();
        let thread = list_comments(slug.clone(), None, page).await;
        view! { <CommentsView slug title thread/> }
    })
}

/// The thread `thread` on the skill `slug` titled `title`, under its heading.
#[component]
fn CommentsView(
    slug: String,
    title: String,
    thread: Result<Option<CommentPage>, AppError>,
) -> impl IntoView {
    view! {
        <Title text=format!("Comments · {title}")/>
        <article class="comments-page">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href(&format!("/skills/{slug}"))>{title.clone()}</a></li>
                </ol>
            </nav>
            <h1>{format!("Comments on {title}")}</h1>
            <CommentThread slug=slug.clone() proposal=None here=format!("/skills/{slug}/comments") thread region=true/>
        </article>
    }
}
