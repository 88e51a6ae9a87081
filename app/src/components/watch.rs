//! Watching skills: the state shared by the header count, the profile's toggle and the
//! `/watching` page, read from the browser after hydration and kept in step across tabs.

use crate::model::{Profile, Watch, Watches};
use crate::storage::{self, Saved, WATCHES};
use leptos::prelude::*;

/// The reader's watches as the page knows them.
#[derive(Debug, Clone, Copy)]
pub struct WatchState {
    /// The watched skills.
    pub watches: RwSignal<Watches>,
    /// False until read from the browser (always false on the server).
    pub loaded: RwSignal<bool>,
    /// True when the last change could only be kept for this visit.
    pub visit_only: RwSignal<bool>,
}

impl WatchState {
    /// Applies `change` to the stored watches (read afresh, so another tab's change is not
    /// lost); when `change` says something changed, keeps and shows the result. Opening a
    /// profile that needs no update so notifies nobody.
    pub fn update(&self, change: impl FnOnce(&mut Watches) -> bool) {
        let mut watches = storage::load::<Watches>(WATCHES).unwrap_or_default();
        if change(&mut watches) {
            self.visit_only
                .set(storage::save(WATCHES, &watches) == Saved::ThisVisitOnly);
            self.watches.set(watches);
        }
    }
}

/// Provides the watch state to an island and its pieces, and loads it once hydrated.
pub fn provide_watches() -> WatchState {
    let state = WatchState {
        watches: RwSignal::new(Watches::default()),
        loaded: RwSignal::new(false),
        visit_only: RwSignal::new(false),
    };
    provide_context(state);
    storage::follow(WATCHES, move |watches: Watches| {
        state.watches.set(watches);
        state.loaded.set(true);
    });
    state
}

/// The watch state provided by the island.
pub fn use_watches() -> WatchState {
    expect_context::<WatchState>()
}

/// The profile's row of actions: the Watch toggle (an island, since watches live in the
/// browser) and the links to suggest a change, the proposals and the history.
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
            <a class="button button-quiet" href=crate::paths::href(&format!("/skills/{slug}/proposals"))>"Proposals"</a>
            <a class="button button-quiet" href=crate::paths::href(&format!("/skills/{slug}/history"))>"History"</a>
        </div>
    }
}

/// Watch / Watching, and the notice when the browser keeps it for this visit only.
/// Opening a watched profile counts as looking at it.
#[island]
fn WatchToggle(
    /// The profile's slug.
    slug: String,
    /// What watching it now records.
    watch: Watch,
) -> impl IntoView {
    let state = provide_watches();
    let watching = {
        let slug = slug.clone();
        Memo::new(move |_| state.watches.with(|w| w.contains(&slug)))
    };
    {
        let (slug, seen) = (slug.clone(), watch.seen.clone());
        Effect::new(move |_| {
            if state.loaded.get() {
                state.update(|w| w.mark_seen(&slug, seen.clone()));
            }
        });
    }
    let toggle = move |_| {
        state.update(|w| {
            w.toggle(&slug, watch.clone());
            true
        });
    };
    view! {
        <button
            type="button"
            class="button button-quiet watch-toggle"
            aria-pressed=move || watching.get().to_string()
            on:click=toggle
        >
            {move || if watching.get() { "Watching" } else { "Watch this skill" }}
        </button>
        <span class="hint" role="status">
            {move || state.visit_only.get().then_some(
                "Kept for this visit only: this browser is not letting the site store it.",
            )}
        </span>
    }
}

/// The header's link to `/watching`, with the count once known. An island: the count is
/// read from the browser. The badge is always there (empty until read), so it moves
/// nothing when the count arrives.
#[island]
pub fn WatchingLink() -> impl IntoView {
    let state = provide_watches();
    let count = move || {
        state
            .loaded
            .get()
            .then(|| state.watches.with(|w| w.0.len()))
    };
    view! {
        <a class="watching-link" href=crate::paths::href("/watching")>
            "Watching"
            " "
            <span class="count-badge">{count}</span>
        </a>
    }
}
