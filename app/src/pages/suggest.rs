//! `/skills/:slug/suggest`: the draft editor. Every change is saved in this browser
//! (debounced), so a reload, a closed tab or going offline loses nothing. Submitting sends
//! the draft to the server; the draft is deleted only once the server has stored it, and
//! every retry carries the same key, so a retry never makes a second proposal.

use crate::components::account::{sign_in_href, use_account};
use crate::dom::Enhanced;
use crate::model::PlacedProfile;
use crate::model::{
    cell_key, Expectation, Level, Profile, MAX_EXPECTATION_CHARS, MAX_RATIONALE_CHARS,
};
use crate::pages::profile::with_profile;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Loads the profile named in the URL and opens its editor.
#[component]
pub fn SuggestPage() -> impl IntoView {
    let account = use_account();
    with_profile(
        move |PlacedProfile {
                  profile, revision, ..
              }| {
            let title = format!("Suggest a change: {}", profile.title());
            view! {
            <Title text=title/>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the editor…"</p> }>
                {move || {
                    let profile = profile.clone();
                    Suspend::new(async move {
                        let user = account.0.await.ok().flatten().map(|user| user.name);
                        view! { <Editor profile revision user/> }
                    })
                }}
            </Suspense>
        }
        .into_any()
        },
    )
}

/// What the editor's enhancement needs: the skill as published and its revision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Props {
    pub(crate) profile: Profile,
    pub(crate) revision: u32,
}

/// The id of a cell's field.
pub(crate) fn field_id(key: &str) -> String {
    format!("cell-{}", key.replace('/', "-"))
}

/// A field's count line and whether the field is invalid: "n of `max` characters`hint`",
/// or how far over `max` it is, or (`needs_text`) that it is empty.
fn count_line(text: &str, max: usize, needs_text: bool, hint: &str) -> (String, bool) {
    let n = text.chars().count();
    if n > max {
        (
            format!("{n} characters: {} over the limit of {max}.", n - max),
            true,
        )
    } else if needs_text && text.trim().is_empty() {
        ("Empty: an expectation needs some text.".to_owned(), true)
    } else {
        (format!("{n} of {max} characters{hint}"), false)
    }
}

/// A cell's count line: an expectation needs text.
pub(crate) fn cell_count(text: &str) -> (String, bool) {
    count_line(text, MAX_EXPECTATION_CHARS, true, "")
}

/// The rationale's count line.
pub(crate) fn rationale_count(text: &str) -> (String, bool) {
    let hint = ". Say why the change is needed: reviewers read this first.";
    count_line(text, MAX_RATIONALE_CHARS, false, hint)
}

/// The editor over every cell of `profile`, with rationale, status, discard and submit,
/// rendered by the server as the published skill; the `editor` enhancement ([`crate::components::editor`])
/// puts this browser's draft in it and does the rest. `user` is who is signed in, if anyone.
#[component]
fn Editor(profile: Profile, revision: u32, user: Option<String>) -> impl IntoView {
    let slug = profile.slug().to_string();
    let here = format!("/skills/{slug}/suggest");
    let levels = profile
        .levels()
        .iter()
        .enumerate()
        .map(|(li, level)| edit_level(&profile, li, level))
        .collect_view();
    let (rationale_said, _) = rationale_count("");
    let title = profile.title().to_owned();
    view! {
        <article class="editor-page">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href(&format!("/skills/{slug}"))>{title.clone()}</a></li>
                    <li><a href=crate::paths::href("/drafts")>"Your drafts"</a></li>
                </ol>
            </nav>
            <p class="eyebrow">"Suggest a change"</p>
            <h1>{title}</h1>
            <p class="lead">
                "Edit any expectation or flip required and optional, then say why. Your draft is kept in this browser, also offline, until you submit or discard it."
            </p>
            <noscript>
                <p class="callout">"Suggesting changes needs JavaScript: drafts are kept by this browser as you type."</p>
            </noscript>
            <Enhanced name="editor" props=Props { profile, revision }>
                <form class="editor" data-here=here.clone()>
                    <p class="save-status" role="status">"Changes are saved in this browser as you type."</p>
                    <div class="submit-outcome" role="alert"></div>
                    <p class="callout under-notice" role="status" hidden>
                        <strong>"The profile changed since you started this draft. "</strong>
                        <span class="under-names"></span>
                    </p>
                    {levels}
                    <div class="field">
                        <label for="rationale">"Why this change?"</label>
                        <textarea id="rationale" rows="5" aria-describedby="rationale-count" aria-invalid="false"></textarea>
                        <p id="rationale-count" class="field-count">{rationale_said}</p>
                    </div>
                    <EditorActions user here=here.clone()/>
                </form>
            </Enhanced>
        </article>
    }
}

/// The fields of level `li` of `profile`, one per role.
fn edit_level(profile: &Profile, li: usize, level: &Level) -> impl IntoView {
    let cells = profile
        .roles()
        .iter()
        .enumerate()
        .map(|(ri, role)| {
            let cell = profile.cell(li, ri).cloned().unwrap_or(Expectation {
                text: String::new(),
                required: false,
            });
            view! {
                <EditCell
                    key=cell_key(level.id.as_str(), role.id.as_str())
                    li
                    ri
                    role=role.name.clone()
                    level=level.name.clone()
                    cell
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="edit-level">
            <legend>{level.name.clone()}</legend>
            <div class="edit-grid">{cells}</div>
        </fieldset>
    }
}

/// The field of one cell (`key`, at level `li` and role `ri`) as published, with its count,
/// required box, and what the enhancement shows: a newer published text, the edit marker
/// and undo.
#[component]
fn EditCell(
    key: String,
    li: usize,
    ri: usize,
    role: String,
    level: String,
    cell: Expectation,
) -> impl IntoView {
    let id = field_id(&key);
    let count_id = format!("{id}-count");
    let (count, invalid) = cell_count(&cell.text);
    view! {
        <div class="edit-cell" data-key=key data-level=li data-role=ri>
            <label for=id.clone()>
                {role}
                <span class="visually-hidden">{format!(" at {level}")}</span>
            </label>
            <textarea id=id rows="5" aria-describedby=count_id.clone() aria-invalid=invalid.to_string()>{cell.text.clone()}</textarea>
            <p id=count_id class="field-count" class:is-invalid=invalid>{count}</p>
            <p class="under" hidden>
                <strong>"Changed since you started: "</strong>
                "it now reads “" {cell.text.clone()} "”"
            </p>
            <div class="edit-tools">
                <label class="check">
                    <input type="checkbox" checked=cell.required/>
                    " Required"
                </label>
                <span class="marker marker-next" hidden>"Edited"</span>
                <button type="button" class="button button-quiet undo" hidden>"Undo this edit"</button>
            </div>
        </div>
    }
}

/// Submit (with who submits, or the way to sign in from `here`), discard and its
/// confirmation.
#[component]
fn EditorActions(user: Option<String>, here: String) -> impl IntoView {
    let submit_note = match user {
        Some(name) => view! {
            {format!("Submitting as {name}. ")}
            "Your draft stays in this browser until the server has it."
        }
        .into_any(),
        None => view! {
            "Submitting needs an account: "
            <a href=sign_in_href(&here)>"sign in"</a>
            " first. Your draft stays in this browser meanwhile."
        }
        .into_any(),
    };
    view! {
        <div class="editor-actions">
            <button type="button" class="button submit" aria-describedby="submit-note" disabled>"Submit proposal"</button>
            <p id="submit-note" class="hint">{submit_note}</p>
            <button type="button" class="button button-quiet discard" hidden>"Discard draft…"</button>
            <div class="confirm" role="group" aria-labelledby="confirm-text" hidden>
                <p id="confirm-text">"Discard every change to this skill? This cannot be undone."</p>
                <button type="button" class="button button-danger confirm-discard">"Discard"</button>
                <button type="button" class="button button-quiet keep">"Keep editing"</button>
            </div>
        </div>
    }
}
