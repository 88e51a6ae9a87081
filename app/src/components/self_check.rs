//! The private self-check on the compare view: the reader ticks the next level's new
//! expectations they already meet. Kept in this browser only, never sent anywhere.

use crate::model::{percent_encode, self_check_markdown, SelfCheck};
use crate::storage::{self, Saved, SELF_CHECK};
use leptos::prelude::*;

/// What the self-check of one goal needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Skill slug and title.
    pub slug: String,
    /// Skill title, for the export.
    pub title: String,
    /// Role id and name.
    pub role: (String, String),
    /// The current level's name.
    pub from: String,
    /// The next level's id and name.
    pub to: (String, String),
}

/// The sentences to cover, each with a checkbox once the page is interactive; progress and
/// a Markdown export for a one-to-one conversation.
#[component]
pub fn CoverList(goal: Goal, sentences: Vec<String>) -> impl IntoView {
    let check = RwSignal::new(SelfCheck::default());
    let visit_only = RwSignal::new(false);
    storage::follow(SELF_CHECK, move |stored| check.set(stored));
    let key = SelfCheck::goal(&goal.role.0, &goal.to.0);
    let label = format!("{}, {} → {}", goal.role.1, goal.from, goal.to.1);
    let total = sentences.len();
    let ticks = {
        let (slug, key) = (goal.slug.clone(), key.clone());
        move || check.with(|c| c.ticks(&slug, &key))
    };
    let items = sentences
        .iter()
        .cloned()
        .map(|sentence| {
            let (slug, key, label) = (goal.slug.clone(), key.clone(), label.clone());
            let ticks = ticks.clone();
            let checked = {
                let sentence = sentence.clone();
                move || ticks().ticked.contains(&sentence)
            };
            let on_change = {
                let sentence = sentence.clone();
                move |ev: leptos::ev::Event| {
                    let met = event_target_checked(&ev);
                    let mut stored: SelfCheck = storage::load(SELF_CHECK).unwrap_or_default();
                    stored.set(&slug, &key, &label, &sentence, met, total);
                    visit_only.set(storage::save(SELF_CHECK, &stored) == Saved::ThisVisitOnly);
                    check.set(stored);
                }
            };
            view! {
                <li>
                    <label class="tick">
                        <input type="checkbox" prop:checked=checked on:change=on_change/>
                        <span>{sentence}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let met = {
        let (ticks, sentences) = (ticks.clone(), sentences.clone());
        move || {
            let ticked = ticks().ticked;
            sentences.iter().filter(|s| ticked.contains(s)).count()
        }
    };
    let markdown_href = move || {
        let text = self_check_markdown(
            &goal.title,
            &goal.role.1,
            &goal.from,
            &goal.to.1,
            &sentences,
            &ticks(),
        );
        format!("data:text/markdown;charset=utf-8,{}", percent_encode(&text))
    };
    view! {
        <ul class="cover-list">{items}</ul>
        <p class="self-check">
            <span class="self-check-progress" aria-live="polite">
                {move || format!("Your self-check: {} of {total} already met.", met())}
            </span>
            " "
            <a class="self-check-export" download="self-check.md" href=markdown_href>
                "Download as Markdown"
            </a>
            <span class="hint">
                {move || if visit_only.get() {
                    " Kept for this visit only: this browser is not letting the site store it."
                } else {
                    " Kept in this browser only, never sent."
                }}
            </span>
        </p>
    }
}
