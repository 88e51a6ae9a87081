//! `/drafts`: every suggested change being drafted in this browser. The server renders the
//! frame and the rows' templates; the `drafts` enhancement fills them in from storage
//! ([`crate::components::lists`]).

use crate::components::lists::{self, fill, row};
use crate::dom::{self, Enhanced};
use crate::storage::{self, DRAFTS};
use leptos::prelude::*;
use leptos_meta::Title;
use web_sys::Element;

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
            <Enhanced name="drafts" props=()>
                <div class="list-slot">
                    <p class="loading" role="status">"Loading your drafts…"</p>
                </div>
                <template class="draft">
                    <li class="watch-item">
                        <h2>
                            <a class="item-link" href=""></a>
                            " "
                            <span class="marker marker-next" hidden>"The skill changed since you started"</span>
                            " "
                            <span class="marker marker-waiting" hidden>"Waiting to send"</span>
                        </h2>
                        <p class="draft-summary"></p>
                        <p class="draft-gone" hidden>"This skill is no longer published."</p>
                        <p class="draft-waiting" hidden>
                            "Submitted while offline: it is sent as soon as this browser is back online, and leaves this list once the site has it."
                        </p>
                    </li>
                </template>
                <template class="empty">
                    <p class="empty-results">
                        "No drafts. Open a skill and choose “Suggest a change”. "
                        <a href=crate::paths::href("/")>"Browse the skills"</a>
                    </p>
                </template>
            </Enhanced>
        </section>
    }
}

/// "2 cells edited, with a rationale".
fn summary(cells: usize, rationale: &str) -> String {
    format!(
        "{cells} {} edited{}",
        if cells == 1 { "cell" } else { "cells" },
        if rationale.trim().is_empty() {
            ", no rationale yet"
        } else {
            ", with a rationale"
        },
    )
}

/// Fills the drafts list of `root` from this browser's drafts, and again whenever another
/// tab changes them.
pub fn enhance(root: Element) {
    lists::follow(
        root,
        &[DRAFTS],
        || {
            let drafts = storage::drafts::all();
            let slugs = drafts.0.keys().cloned().collect();
            (drafts, slugs)
        },
        |root, drafts, now| {
            drafts
                .0
                .iter()
                .filter_map(|(slug, draft)| {
                    let item = row(root, "template.draft")?;
                    let published = now.and_then(|now| now.iter().find(|n| &n.slug == slug));
                    let link = dom::one(&item, ".item-link");
                    dom::set_attr(
                        link.as_ref(),
                        "href",
                        &crate::paths::href(&format!("/skills/{slug}/suggest")),
                    );
                    dom::text(link.as_ref(), published.map_or(&draft.title, |n| &n.title));
                    dom::show(
                        &item,
                        ".marker-next",
                        published.is_some_and(|n| n.seen != draft.base),
                    );
                    dom::show(&item, ".marker-waiting", draft.waiting());
                    dom::show(&item, ".draft-waiting", draft.waiting());
                    fill(
                        &item,
                        ".draft-summary",
                        Some(&summary(draft.edits.len(), &draft.rationale)),
                    );
                    dom::show(&item, ".draft-gone", now.is_some() && published.is_none());
                    Some(item)
                })
                .collect()
        },
    );
}
