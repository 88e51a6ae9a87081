//! Watching skills: the header count and the profile's toggle (enhancements, [`crate::dom`]),
//! read from the browser and kept in step across tabs.

use crate::dom::{self, Enhanced};
use crate::model::{Profile, Watch, Watches};
use crate::storage::{self, Saved, WATCHES};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::Element;

/// The profile's row of actions: the Watch toggle (enhanced in the browser, where watches
/// live) and the links to suggest a change, the proposals and the history.
#[component]
pub fn WatchButton(
    /// The profile to watch.
    profile: Profile,
    /// The revision it is published as.
    revision: u32,
) -> impl IntoView {
    let slug = profile.slug().to_string();
    let watch = Watch::of(&profile, revision);
    view! {
        <div class="watch">
            <WatchToggle slug=slug.clone() watch/>
            <a class="button button-quiet" href=crate::paths::href(&format!("/skills/{slug}/suggest"))>"Suggest a change"</a>
            <a class="button button-quiet" href=crate::paths::href(&format!("/skills/{slug}/proposals"))>
                "Proposals"
                // The number of open ones, filled in by the "Open proposals" section.
                " "
                <span class="count-badge proposals-count"></span>
            </a>
            <a class="button button-quiet" href=crate::paths::href(&format!("/skills/{slug}/history"))>"History"</a>
            // On phones the line after the explorer has it instead (see `RevisionLine`).
            <a class="button button-quiet follow-feed" href=crate::paths::href(&format!("/skills/{slug}/feed.atom")) type="application/atom+xml">
                "Follow (Atom feed)"
            </a>
        </div>
    }
}

/// What the watch toggle's browser side needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Toggle {
    /// The profile's slug.
    slug: String,
    /// What watching it now records.
    watch: Watch,
}

/// Watch / Watching, and the notice when the browser keeps it for this visit only. Rendered
/// unpressed (the server cannot know); [`enhance_toggle`] shows the stored state.
#[component]
fn WatchToggle(
    /// The profile's slug.
    slug: String,
    /// What watching it now records.
    watch: Watch,
) -> impl IntoView {
    view! {
        <Enhanced name="watch-toggle" props=Toggle { slug, watch } inline=true>
            <button type="button" class="button button-quiet watch-toggle" aria-pressed="false">
                "Watch this skill"
            </button>
            <span class="hint" role="status"></span>
            // Filled in for a watcher when the skill changed since they last looked.
            <span class="since-seen" hidden>
                "Changed since you last looked: "
                <a href="">"see what changed since revision " <span class="since-revision"></span></a>
            </span>
        </Enhanced>
    }
}

/// Binds the watch toggle in `root`: shows whether the skill is watched, records that it
/// was looked at, and toggles on click. Follows other tabs.
pub fn enhance_toggle(root: Element) {
    let (Some(Toggle { slug, watch }), Some(button)) =
        (dom::props::<Toggle>(&root), dom::one(&root, "button"))
    else {
        return;
    };
    let hint = dom::one(&root, ".hint");
    let show = {
        let (button, slug) = (button.clone(), slug.clone());
        move || {
            let watching = storage::load::<Watches>(WATCHES)
                .unwrap_or_default()
                .contains(&slug);
            let _ = button.set_attribute("aria-pressed", &watching.to_string());
            button.set_text_content(Some(if watching {
                "Watching"
            } else {
                "Watch this skill"
            }));
        }
    };
    let visit_only = move |saved: Option<Saved>| {
        if saved == Some(Saved::ThisVisitOnly) {
            dom::text(hint.as_ref(), storage::VISIT_ONLY_NOTICE);
        }
    };
    show_changed_since(&root, &slug, &watch.seen);
    // Opening a watched profile counts as looking at it.
    let seen = watch.seen.clone();
    visit_only(update(|w| w.mark_seen(&slug, seen)));
    show();
    storage::on_change(WATCHES, show.clone());
    dom::listen(&button, "click", false, move |_| {
        visit_only(update(|w| {
            w.toggle(&slug, watch.clone());
            true
        }));
        show();
    });
}

/// For a watcher of `slug`, the link to what changed since the revision they last looked
/// at, when it changed since (read before this visit counts as looking).
fn show_changed_since(root: &Element, slug: &str, now: &crate::model::Seen) {
    let watches = storage::load::<Watches>(WATCHES).unwrap_or_default();
    let Some(then) = watches.changed_since(slug, now) else {
        return;
    };
    let href = crate::paths::href(&format!(
        "/skills/{slug}/compare?from={then}&to={}",
        now.revision
    ));
    dom::set_attr(dom::one(root, ".since-seen a").as_ref(), "href", &href);
    dom::text(
        dom::one(root, ".since-revision").as_ref(),
        &then.to_string(),
    );
    dom::show(root, ".since-seen", true);
}

/// Applies `change` to the stored watches (read afresh, so another tab's change is not
/// lost) and keeps the result when `change` says something changed.
pub fn update(change: impl FnOnce(&mut Watches) -> bool) -> Option<Saved> {
    let mut watches = storage::load::<Watches>(WATCHES).unwrap_or_default();
    change(&mut watches).then(|| storage::save(WATCHES, &watches))
}

/// The header's link to `/watching`, with the count once known ([`enhance_link`] reads it
/// from the browser). The badge is always there (empty until read), so it moves nothing
/// when the count arrives.
#[component]
pub fn WatchingLink() -> impl IntoView {
    view! {
        <Enhanced name="watching-link" props=() inline=true>
            <a class="watching-link" href=crate::paths::href("/watching")>
                "Watching"
                " "
                <span class="count-badge"></span>
            </a>
        </Enhanced>
    }
}

/// Shows the number of watched skills in the header's link, and follows every change.
pub fn enhance_link(root: Element) {
    let show = move || {
        let count = storage::load::<Watches>(WATCHES)
            .unwrap_or_default()
            .0
            .len();
        dom::text(dom::one(&root, ".count-badge").as_ref(), &count.to_string());
    };
    show();
    storage::on_change(WATCHES, show);
}
