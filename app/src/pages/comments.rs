//! `/skills/:slug/comments`: a profile's comment thread on a page of its own, rendered for
//! each request (it shows the reader's own comments and forms). A profile links here
//! without JavaScript and takes its thread from here with it.

use crate::api::{list_comments, skill_title};
use crate::components::{page_param, CommentThread};
use crate::pages::{ErrorPanel, NotFound};
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
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the comments…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                let title = match title.await {
                    Ok(Some(title)) => title,
                    Ok(None) => return view! { <NotFound/> }.into_any(),
                    Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                };
                let thread = list_comments(slug.clone(), None, page).await;
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
                .into_any()
            })}
        </Suspense>
    }
}
