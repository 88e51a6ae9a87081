//! `/drafts`: every suggested change being drafted in this browser.

use crate::components::mounted;
use crate::model::Drafts;
use crate::pages::watching::published_now;
use crate::pages::ErrorPanel;
use crate::storage::{self, DRAFTS};
use leptos::prelude::*;
use leptos_meta::Title;

/// The drafts page: the frame from the server, the list from the browser.
#[component]
pub fn DraftsPage() -> impl IntoView {
    view! {
        <Title text="Your drafts"/>
        <section class="drafts">
            <h1>"Your drafts"</h1>
            <p class="lead">"Changes you are suggesting, kept in this browser until you submit or discard them."</p>
            <noscript>
                <p class="callout">"Drafts need JavaScript: they are kept by this browser, not by the site."</p>
            </noscript>
            <DraftList/>
        </section>
    }
}

/// The drafts this browser keeps, an island.
// An island in the client bundles with the `lists` islands (Cargo.toml); elsewhere
// the browser build leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "lists"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "lists")), component)]
fn DraftList() -> impl IntoView {
    let drafts = RwSignal::new(None::<Drafts>);
    storage::follow(DRAFTS, move |stored| drafts.set(Some(stored)));
    let slugs =
        move || drafts.with(|d| d.as_ref().map(|d| d.0.keys().cloned().collect::<Vec<_>>()));
    let current = published_now(slugs);
    let mounted = mounted();
    move || {
        if !mounted.get() {
            return view! { <p class="loading" role="status">"Loading your drafts…"</p> }
                .into_any();
        }
        view! {
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading your drafts…"</p> }>
                {move || Suspend::new(async move {
                    let now = match current.await {
                        Ok(Some(now)) => now,
                        Ok(None) => return view! { <p class="loading" role="status">"Loading your drafts…"</p> }.into_any(),
                        Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                    };
                    let list = drafts.get_untracked().unwrap_or_default();
                    if list.0.is_empty() {
                        return view! {
                            <p class="empty-results">
                                "No drafts. Open a skill and choose “Suggest a change”. "
                                <a href=crate::paths::href("/")>"Browse the skills"</a>
                            </p>
                        }.into_any();
                    }
                    let items = list.0.into_iter().map(|(slug, draft)| {
                        let published = now.iter().find(|n| n.slug == slug);
                        let moved = published.is_some_and(|n| n.seen != draft.base);
                        let cells = draft.edits.len();
                        let summary = format!(
                            "{cells} {} edited{}",
                            if cells == 1 { "cell" } else { "cells" },
                            if draft.rationale.trim().is_empty() { ", no rationale yet" } else { ", with a rationale" },
                        );
                        let title = published.map_or(draft.title.clone(), |n| n.title.clone());
                        view! {
                            <li class="watch-item">
                                <h2>
                                    <a href=crate::paths::href(&format!("/skills/{slug}/suggest"))>{title}</a>
                                    {moved.then(|| view! { <span class="marker marker-next">"The skill changed since you started"</span> })}
                                </h2>
                                <p>{summary}</p>
                                {published.is_none().then(|| view! { <p>"This skill is no longer published."</p> })}
                            </li>
                        }
                    }).collect_view();
                    view! { <ul class="watch-list">{items}</ul> }.into_any()
                })}
            </Transition>
        }
        .into_any()
    }
}
