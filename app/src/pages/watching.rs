//! `/watching`: the skills this reader watches, which changed since they last looked, and
//! the reader's growth-plan notes on them. Everything comes from this browser's storage, so the server
//! renders the frame and the rows' templates; the `watching` enhancement fills them in
//! ([`crate::components::lists`]) and follows every change of the watches.

use crate::components::lists::{self, fill, row};
use crate::components::watch::update;
use crate::dom::{self, Enhanced};
use crate::model::{Notebook, Watches};
use crate::storage::{self, PLAN, WATCHES};
use leptos::prelude::*;
use leptos_meta::Title;
use web_sys::Element;

/// The watching page: the frame and the rows' templates from the server, the list from the
/// browser.
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
            <Enhanced name="watching" props=()>
                <div class="list-slot">
                    <p class="loading" role="status">"Loading your watched skills…"</p>
                </div>
                <template class="watched">
                    <li class="watch-item">
                        <h2>
                            <a class="item-link" href=""></a>
                            " "
                            <span class="marker marker-next" hidden>"Changed since you last looked"</span>
                            " "
                            <span class="marker marker-offline" data-offline="">"Available offline"</span>
                        </h2>
                        <p class="skill-place"></p>
                        <p class="self-check-progress" hidden></p>
                        <p class="watch-actions">
                            <a class="button button-quiet what-changed" href="" hidden>"What changed"</a>
                            <button type="button" class="button button-quiet mark-seen" hidden>"Mark as seen"</button>
                            <button type="button" class="button button-quiet unwatch">"Stop watching"</button>
                        </p>
                    </li>
                </template>
                <template class="gone">
                    <li class="watch-item">
                        <h2 class="item-title"></h2>
                        <p>"No longer published under this address."</p>
                        <button type="button" class="button button-quiet unwatch">"Stop watching"</button>
                    </li>
                </template>
                <template class="empty">
                    <p class="empty-results">
                        "You are not watching any skills yet. Open a skill and press “Watch this skill”; it will be listed here. "
                        <a href=crate::paths::href("/")>"Browse the skills"</a>
                    </p>
                </template>
            </Enhanced>
            // Shown by the offline script (`server/src/http/offline.js`) once the offline
            // worker runs in this browser.
            <section class="offline-setting" data-offline-setting="" hidden aria-labelledby="offline-title">
                <h2 id="offline-title">"Reading offline"</h2>
                <label class="check">
                    <input type="checkbox" id="keep-offline" checked/>
                    "Keep the skills you watch and those in your growth plan up to date on this device, to read offline"
                </label>
                <p class="hint">"Pages you open are kept for reading offline either way. "<span class="offline-usage"></span></p>
            </section>
        </section>
    }
}

/// The reader's growth-plan notes on `slug`: "Your growth plan: Working on it (DBA, Senior)"
/// per expectation noted, if any.
fn progress(book: &Notebook, slug: &str) -> Option<String> {
    let prefix = format!("{slug}/");
    let said = book
        .0
        .range(prefix.clone()..)
        .take_while(|(key, _)| key.starts_with(&prefix))
        .map(|(key, note)| {
            let goal = if note.about.is_empty() {
                &key[prefix.len()..]
            } else {
                note.goal()
            };
            format!("{} ({goal})", note.progress.label())
        })
        .collect::<Vec<_>>()
        .join("; ");
    (!said.is_empty()).then(|| format!("Your growth plan: {said}"))
}

/// Fills the watching list of `root` from this browser's watches and the skills as they
/// are now, and again whenever the watches or the growth-plan notes change.
pub fn enhance(root: Element) {
    lists::follow(
        root,
        &[WATCHES, PLAN],
        || {
            let watches = storage::load::<Watches>(WATCHES).unwrap_or_default();
            let slugs = watches.0.keys().cloned().collect();
            (watches, slugs)
        },
        |root, watches, now| {
            let book = storage::notes::all();
            watches
                .0
                .iter()
                .filter_map(|(slug, watch)| {
                    // Offline (`now` is None), each watch shows as this browser last saw it.
                    let now = match now.map(|now| now.iter().find(|n| &n.slug == slug)) {
                        Some(None) => {
                            let item = row(root, "template.gone")?;
                            fill(&item, ".item-title", Some(&watch.title));
                            bind(&item, slug, None);
                            return Some(item);
                        }
                        Some(Some(now)) => now.clone(),
                        None => crate::model::WatchedNow {
                            slug: slug.clone(),
                            title: watch.title.clone(),
                            place: String::new(),
                            seen: watch.seen.clone(),
                        },
                    };
                    let item = row(root, "template.watched")?;
                    let changed = watch.seen != now.seen;
                    let link = dom::one(&item, ".item-link");
                    let href = crate::paths::href(&format!("/skills/{slug}"));
                    dom::set_attr(link.as_ref(), "href", &href);
                    dom::set_attr(
                        dom::one(&item, ".marker-offline").as_ref(),
                        "data-offline",
                        &href,
                    );
                    dom::text(link.as_ref(), &now.title);
                    dom::mark(&item, "is-changed", changed);
                    dom::show(&item, ".marker-next", changed);
                    fill(
                        &item,
                        ".skill-place",
                        Some(now.place.as_str()).filter(|p| !p.is_empty()),
                    );
                    fill(
                        &item,
                        ".self-check-progress",
                        progress(&book, slug).as_deref(),
                    );
                    let (from, to) = (watch.seen.revision, now.seen.revision);
                    let diff = changed && from > 0 && from < to;
                    dom::set_attr(
                        dom::one(&item, ".what-changed").as_ref(),
                        "href",
                        &crate::pages::compare_href(slug, from, to),
                    );
                    dom::show(&item, ".what-changed", diff);
                    dom::show(&item, ".mark-seen", changed);
                    bind(&item, slug, Some(now.seen.clone()));
                    Some(item)
                })
                .collect()
        },
    );
}

/// The row's buttons: stop watching `slug`, mark it as `seen` now. Saving the watches
/// fills the list again.
fn bind(item: &Element, slug: &str, seen: Option<crate::model::Seen>) {
    if let Some(button) = dom::one(item, ".unwatch") {
        let slug = slug.to_owned();
        dom::listen(&button, "click", false, move |_| {
            update(|w| w.0.remove(&slug).is_some());
        });
    }
    if let (Some(button), Some(seen)) = (dom::one(item, ".mark-seen"), seen) {
        let slug = slug.to_owned();
        dom::listen(&button, "click", false, move |_| {
            update(|w| w.mark_seen(&slug, seen.clone()));
        });
    }
}
