//! `/review`: the open proposals across all skills, oldest first, for reviewers.

use crate::api::review_queue;
use crate::error::AppError;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;

/// The review queue.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let queue = crate::components::page_resource(|| (), |()| review_queue());
    view! {
        <Title text="Review"/>
        <section class="review">
            <h1>"Proposals to review"</h1>
            <p class="lead">"Open proposals across every skill, oldest first."</p>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the queue…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty-results">"Nothing to review: every proposal has been decided."</p>
                        }.into_any(),
                        Ok(items) => {
                            let rows = items
                                .into_iter()
                                .map(|item| {
                                    let p = item.summary;
                                    let href = crate::paths::href(&format!("/skills/{}/proposals/{}", p.slug, p.id));
                                    view! {
                                        <li class="card">
                                            <h2 class="card-title">
                                                <a href=href>{format!("#{} · {}", p.id, item.title)}</a>
                                            </h2>
                                            <p class="card-meta">
                                                {format!("by {} · ", p.author)}
                                                <time datetime=p.created.to_string()>{p.created.human()}</time>
                                                {format!(" · {} cell(s) · on revision {}", p.cells, p.base_revision)}
                                                {item.stale.then(|| view! { " · " <span class="status status-open">"Skill changed since"</span> })}
                                            </p>
                                            <p class="card-summary">{p.rationale}</p>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! { <ol class="card-list">{rows}</ol> }.into_any()
                        }
                        Err(AppError::SignInRequired) => view! {
                            <p class="callout">"Reviewing needs an account with the reviewer role. " <a href=crate::paths::href("/sign-in?next=%2Freview")>"Sign in"</a></p>
                        }.into_any(),
                        Err(AppError::NotAllowed) => view! {
                            <p class="callout">"Only reviewers see the queue. An administrator grants the role with "<code>"server user grant-reviewer NAME"</code>"."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
