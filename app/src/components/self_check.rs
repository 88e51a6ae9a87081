//! The private self-check on the compare view: the reader ticks the next level's new
//! expectations they already meet. Kept in this browser only, never sent anywhere.
//!
//! The server renders the list (every box unticked, as it cannot know); the explorer
//! shows the reader's ticks from storage ([`show`]) and records each change ([`record`]).

use crate::model::{
    percent_encode, self_check_markdown, Axes, Profile, Selection, SelfCheck, Ticks,
};
use crate::storage::{self, Saved, SELF_CHECK};
use leptos::prelude::*;

/// Where the ticks are kept, said under the list.
const KEPT_HERE: &str = " Kept in this browser only, never sent.";

/// What the self-check of one choice (a role moving from a level to the next) is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// The skill's slug.
    pub slug: String,
    /// The skill's title, for the export.
    pub title: String,
    /// Role name.
    pub role: String,
    /// The current level's name.
    pub from: String,
    /// The next level's name.
    pub to: String,
    /// The storage key of the goal: role id / next level id.
    pub key: String,
}

impl Goal {
    /// The goal of `selection`, or `None` at the top of the scale.
    pub fn new(slug: &str, title: &str, axes: &Axes, selection: &Selection) -> Option<Self> {
        let (role_id, role) = axes.roles.get(selection.role)?;
        let (_, from) = axes.levels.get(selection.level)?;
        let (to_id, to) = axes.levels.get(selection.level + 1)?;
        Some(Self {
            slug: slug.to_owned(),
            title: title.to_owned(),
            role: role.clone(),
            from: from.clone(),
            to: to.clone(),
            key: SelfCheck::goal(role_id, to_id),
        })
    }

    /// How the goal is named in the stored self-check.
    fn label(&self) -> String {
        format!("{}, {} → {}", self.role, self.from, self.to)
    }

    /// "Your self-check: 2 of 5 already met."
    fn progress(&self, sentences: &[String], ticks: &Ticks) -> String {
        let met = sentences
            .iter()
            .filter(|s| ticks.ticked.contains(s))
            .count();
        format!("Your self-check: {met} of {} already met.", sentences.len())
    }

    /// The self-check as a Markdown download link.
    fn markdown_href(&self, sentences: &[String], ticks: &Ticks) -> String {
        let text = self_check_markdown(
            &self.title,
            &self.role,
            &self.from,
            &self.to,
            sentences,
            ticks,
        );
        format!("data:text/markdown;charset=utf-8,{}", percent_encode(&text))
    }
}

/// The sentences to cover, each with a checkbox (shown once the page is interactive);
/// progress and a Markdown export for a one-to-one conversation.
#[component]
pub fn CoverList(profile: Profile, selection: Selection, sentences: Vec<String>) -> impl IntoView {
    let goal = Goal::new(
        profile.slug().as_str(),
        profile.title(),
        &Axes::of(&profile),
        &selection,
    );
    let unticked = Ticks::default();
    let (progress, href) = goal
        .as_ref()
        .map(|goal| {
            (
                goal.progress(&sentences, &unticked),
                goal.markdown_href(&sentences, &unticked),
            )
        })
        .unwrap_or_default();
    let items = sentences
        .into_iter()
        .map(|sentence| {
            view! {
                <li>
                    <label class="tick">
                        <input type="checkbox" value=sentence.clone()/>
                        <span>{sentence}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="cover-list">{items}</ul>
        <p class="self-check">
            <span class="self-check-progress" aria-live="polite">{progress}</span>
            " "
            <a class="self-check-export" download="self-check.md" href=href>"Download as Markdown"</a>
            <span class="hint">{KEPT_HERE}</span>
        </p>
    }
}

/// The self-check in the page's `.cover-list`, if the compare view shows one.
struct Shown {
    boxes: Vec<web_sys::HtmlInputElement>,
    progress: Option<web_sys::Element>,
    export: Option<web_sys::Element>,
    hint: Option<web_sys::Element>,
}

impl Shown {
    fn find(root: &web_sys::Element) -> Self {
        use wasm_bindgen::JsCast;
        let boxes = crate::dom::all(root, ".cover-list input[type=checkbox]")
            .into_iter()
            .filter_map(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .collect();
        Self {
            boxes,
            progress: crate::dom::one(root, ".self-check-progress"),
            export: crate::dom::one(root, ".self-check-export"),
            hint: crate::dom::one(root, ".self-check .hint"),
        }
    }

    fn sentences(&self) -> Vec<String> {
        self.boxes.iter().map(|b| b.value()).collect()
    }

    fn render(&self, goal: &Goal, ticks: &Ticks) {
        for b in &self.boxes {
            b.set_checked(ticks.ticked.contains(&b.value()));
        }
        let sentences = self.sentences();
        if let Some(progress) = &self.progress {
            progress.set_text_content(Some(&goal.progress(&sentences, ticks)));
        }
        if let Some(export) = &self.export {
            let _ = export.set_attribute("href", &goal.markdown_href(&sentences, ticks));
        }
    }
}

/// Shows the reader's stored ticks for `goal` in the self-check under `root`.
pub fn show(root: &web_sys::Element, goal: &Goal) {
    let stored: SelfCheck = storage::load(SELF_CHECK).unwrap_or_default();
    Shown::find(root).render(goal, &stored.ticks(&goal.slug, &goal.key));
}

/// Records that `sentence` is met (or not) for `goal`, read afresh from storage so another
/// tab's ticks are kept, and shows the result.
pub fn record(root: &web_sys::Element, goal: &Goal, sentence: &str, met: bool) {
    let shown = Shown::find(root);
    let total = shown.boxes.len();
    let mut stored: SelfCheck = storage::load(SELF_CHECK).unwrap_or_default();
    stored.set(&goal.slug, &goal.key, &goal.label(), sentence, met, total);
    let saved = storage::save(SELF_CHECK, &stored);
    shown.render(goal, &stored.ticks(&goal.slug, &goal.key));
    if let Some(hint) = &shown.hint {
        let notice = if saved == Saved::ThisVisitOnly {
            format!(" {}", storage::VISIT_ONLY_NOTICE)
        } else {
            KEPT_HERE.to_owned()
        };
        hint.set_text_content(Some(&notice));
    }
}
