//! `/watching`: the skills this reader watches, which changed since they last looked, and
//! their self-check progress. Everything comes from this browser's storage, so the server
//! renders a placeholder and the list appears once the page is interactive.

use crate::api::{get_watched, WatchedNow};
use crate::components::mounted;
use crate::components::watch::{provide_watches, use_watches};
use crate::error::AppError;
use crate::model::{SelfCheck, Watch};
use crate::pages::ErrorPanel;
use crate::storage::{self, SELF_CHECK};
use leptos::prelude::*;
use leptos_meta::Title;

/// The skills of `slugs` as published now, once the slugs are known (`None`: not read from
/// the browser yet). Asks the server only when there are any. Browser only: for islands
/// that show it once mounted (see [`mounted`]).
pub fn published_now(
    slugs: impl Fn() -> Option<Vec<String>> + 'static,
) -> LocalResource<Result<Option<Vec<WatchedNow>>, AppError>> {
    LocalResource::new(move || {
        let slugs = slugs();
        async move {
            match slugs {
                Some(slugs) if !slugs.is_empty() => get_watched(slugs).await.map(Some),
                Some(_) => Ok(Some(Vec::new())),
                None => Ok(None),
            }
        }
    })
}

/// The watching page: the frame from the server, the list from the browser.
#[component]
pub fn WatchingPage() -> impl IntoView {
    view! {
        <Title text="Watching"/>
        <section class="watching">
            <h1>"Watching"</h1>
            <p class="lead">
                "The skills you watch, kept in this browser only. A skill that changed since you last opened it is marked. "
                <a href=crate::paths::href("/drafts")>"Your drafts"</a>
            </p>
            <noscript>
                <p class="callout">"Watching needs JavaScript: your watches are kept by this browser, not by the site."</p>
            </noscript>
            <WatchingList/>
        </section>
    }
}

/// The watched skills as this browser keeps them, an island.
// An island in the client bundles with the `lists` islands (Cargo.toml); elsewhere
// the browser build leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "lists"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "lists")), component)]
fn WatchingList() -> impl IntoView {
    let state = provide_watches();
    let slugs = move || {
        state.loaded.get().then(|| {
            state
                .watches
                .with(|w| w.0.keys().cloned().collect::<Vec<_>>())
        })
    };
    let current = published_now(slugs);
    let check = RwSignal::new(SelfCheck::default());
    storage::follow(SELF_CHECK, move |stored| check.set(stored));
    let mounted = mounted();
    let loading = || view! { <p class="loading" role="status">"Loading your watched skills…"</p> };
    move || {
        if !mounted.get() {
            return loading().into_any();
        }
        view! {
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(Some(now)) => view! { <WatchList now check/> }.into_any(),
                        Ok(None) => loading().into_any(),
                        Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    }
                })}
            </Transition>
        }
        .into_any()
    }
}

/// Every watch, newest state first known; changed ones marked, with their actions.
#[component]
fn WatchList(now: Vec<WatchedNow>, check: RwSignal<SelfCheck>) -> impl IntoView {
    let state = use_watches();
    let watches = state.watches.get_untracked();
    if watches.0.is_empty() {
        return view! {
            <p class="empty-results">
                "You are not watching any skills yet. Open a skill and press “Watch this skill”; it will be listed here. "
                <a href=crate::paths::href("/")>"Browse the skills"</a>
            </p>
        }
        .into_any();
    }
    let items = watches
        .0
        .into_iter()
        .map(|(slug, watch)| {
            let published = now.iter().find(|n| n.slug == slug).cloned();
            view! { <WatchItem slug watch published check/> }
        })
        .collect_view();
    view! { <ul class="watch-list">{items}</ul> }.into_any()
}

/// One watched skill.
#[component]
fn WatchItem(
    slug: String,
    watch: Watch,
    published: Option<WatchedNow>,
    check: RwSignal<SelfCheck>,
) -> impl IntoView {
    let state = use_watches();
    let unwatch = {
        let slug = slug.clone();
        move |_| {
            state.update(|w| w.0.remove(&slug).is_some());
        }
    };
    let Some(now) = published else {
        return view! {
            <li class="watch-item">
                <h2>{watch.title}</h2>
                <p>"No longer published under this address."</p>
                <button type="button" class="button button-quiet" on:click=unwatch>"Stop watching"</button>
            </li>
        }
        .into_any();
    };
    let changed = {
        let (slug, seen) = (slug.clone(), now.seen.clone());
        Memo::new(move |_| {
            state
                .watches
                .with(|w| w.0.get(&slug).is_some_and(|w| w.seen != seen))
        })
    };
    let mark_seen = {
        let (slug, seen) = (slug.clone(), now.seen.clone());
        move |_| {
            state.update(|w| w.mark_seen(&slug, seen.clone()));
        }
    };
    let progress = {
        let slug = slug.clone();
        move || {
            check.with(|c| {
                c.0.get(&slug)
                    .map(|goals| {
                        goals
                            .iter()
                            .filter(|(_, t)| t.total > 0)
                            .map(|(goal, t)| {
                                let label = if t.label.is_empty() { goal } else { &t.label };
                                format!("{} of {} met ({label})", t.ticked.len(), t.total)
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .filter(|p| !p.is_empty())
            })
        }
    };
    let (diff_slug, now_revision) = (slug.clone(), now.seen.revision);
    view! {
        <li class="watch-item" class:is-changed=move || changed.get()>
            <h2>
                <a href=crate::paths::href(&format!("/skills/{slug}"))>{now.title.clone()}</a>
                {move || changed.get().then(|| view! { <span class="marker marker-next">"Changed since you last looked"</span> })}
            </h2>
            <p class="skill-place">{now.place.clone()}</p>
            {move || progress().map(|p| view! { <p class="self-check-progress">{format!("Self-check: {p}")}</p> })}
            <p class="watch-actions">
                {move || changed.get().then(|| {
                    let from = state.watches.with(|w| w.0.get(&diff_slug).map_or(0, |w| w.seen.revision));
                    (from > 0 && from < now_revision).then(|| view! {
                        <a class="button button-quiet" href=crate::pages::compare_href(&diff_slug, from, now_revision)>"What changed"</a>
                    })
                })}
                {move || changed.get().then(|| {
                    let mark_seen = mark_seen.clone();
                    view! { <button type="button" class="button button-quiet" on:click=mark_seen>"Mark as seen"</button> }
                })}
                <button type="button" class="button button-quiet" on:click=unwatch>"Stop watching"</button>
            </p>
        </li>
    }
    .into_any()
}
