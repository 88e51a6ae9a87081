//! `/skills/:slug/suggest`: the draft editor. Every change is saved in this browser
//! (debounced), so a reload, a closed tab or going offline loses nothing. Submitting sends
//! the draft to the server; the draft is deleted only once the server has stored it, and
//! every retry carries the same key, so a retry never makes a second proposal.

use crate::api::{submit_proposal, PlacedProfile};
use crate::components::account::{sign_in_href, use_account};
use crate::components::debounce::Debounce;
use crate::error::AppError;
use crate::model::{
    cell_key, describe, Draft, Drafts, Field, Problem, Profile, Submitted, MAX_EXPECTATION_CHARS,
    MAX_RATIONALE_CHARS,
};
use crate::pages::profile::with_profile;
use crate::storage::{self, Saved, DRAFTS};
use leptos::html::Button;
use leptos::prelude::*;
use leptos_meta::Title;
use std::time::Duration;

/// Pause in typing before the draft is written.
const AUTOSAVE: Duration = Duration::from_millis(400);
/// How long a submit may take before the editor says so (the draft is kept).
const SUBMIT_TIMEOUT_MS: u32 = 20_000;

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

/// Where the draft stands, said in the status line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    /// Nothing typed since the page opened.
    Idle,
    /// A change waits for the typing pause.
    Pending,
    /// Written to the browser's storage.
    Saved,
    /// The browser refused: kept only while the page is open.
    VisitOnly,
}

/// What the last submit attempt came to.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Sending.
    Sending,
    /// The server refused some fields; nothing was stored.
    Invalid(Vec<Problem>),
    /// It failed; the sentence says what to do.
    Failed(AppError),
    /// No answer in time.
    TimedOut,
}

/// A fresh draft of `profile` at `revision`.
fn fresh(profile: &Profile, revision: u32) -> Draft {
    let mut draft = Draft::new(profile);
    draft.base_revision = revision;
    draft
}

/// A random key for a submission: 128 bits from the browser's generator, as hex. `None`
/// if the browser has no generator (the submit then says so instead of sending).
fn new_submit_key() -> Option<String> {
    let crypto = window().crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The editor over every cell of `profile`, with rationale, status, discard and submit: an
/// island, as all of it lives in the browser. `user` is who is signed in, if anyone.
// An island in the client bundles with the `editor` islands (Cargo.toml); elsewhere
// the browser build leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "editor"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "editor")), component)]
fn Editor(profile: Profile, revision: u32, user: Option<String>) -> impl IntoView {
    let slug = profile.slug().to_string();
    // `shown` feeds the fields (changes on load, revert and discard); `draft` follows typing.
    let shown = RwSignal::new(fresh(&profile, revision));
    let draft = RwSignal::new(fresh(&profile, revision));
    let status = RwSignal::new(Status::Idle);
    let autosave = Debounce::new(AUTOSAVE);
    {
        let slug = slug.clone();
        Effect::new(move |_| {
            let stored: Drafts = storage::load(DRAFTS).unwrap_or_default();
            if let Some(found) = stored.0.get(&slug) {
                shown.set(found.clone());
                draft.set(found.clone());
                status.set(Status::Saved);
            }
        });
    }
    let write = {
        let slug = slug.clone();
        move || {
            let mut stored: Drafts = storage::load(DRAFTS).unwrap_or_default();
            let mut current = draft.get_untracked();
            current.saved_at = now_ms();
            if current.is_empty() {
                stored.0.remove(&slug);
            } else {
                stored.0.insert(slug.clone(), current);
            }
            status.set(match storage::save(DRAFTS, &stored) {
                Saved::Kept => Status::Saved,
                Saved::ThisVisitOnly => Status::VisitOnly,
            });
        }
    };
    let changed = {
        let write = write.clone();
        move || {
            status.set(Status::Pending);
            autosave.schedule(write.clone());
        }
    };

    let changed_under = {
        let profile = profile.clone();
        Memo::new(move |_| draft.with(|d| d.changed_under(&profile)))
    };
    let under_notice = {
        let profile = profile.clone();
        move || {
            let keys = changed_under.get();
            (!keys.is_empty()).then(|| {
                let names = keys
                    .iter()
                    .filter_map(|k| describe(&profile, k))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <p class="callout" role="status">
                        <strong>"The profile changed since you started this draft. "</strong>
                        {format!("Cells changed underneath you: {names}. Their current text is shown beside your edit.")}
                    </p>
                }
            })
        }
    };

    let levels = profile
        .levels()
        .iter()
        .enumerate()
        .map(|(li, level)| {
            let cells = profile
                .roles()
                .iter()
                .enumerate()
                .map(|(ri, role)| {
                    let key = cell_key(level.id.as_str(), role.id.as_str());
                    let cell = profile.cell(li, ri).cloned().unwrap_or_else(|| crate::model::Expectation {
                        text: String::new(),
                        required: false,
                    });
                    let id = format!("cell-{key}").replace('/', "-");
                    let count_id = format!("{id}-count");
                    // What the fields start from (load, undo, discard) and what they hold now.
                    // A closure, not a memo: discarding sets `shown` to what it already was,
                    // and the fields must still be reset to it.
                    let initial = {
                        let (key, cell) = (key.clone(), cell.clone());
                        move || shown.with(|d| d.cell(&key, &cell))
                    };
                    let now = {
                        let (key, cell) = (key.clone(), cell.clone());
                        Memo::new(move |_| draft.with(|d| d.cell(&key, &cell)))
                    };
                    let edited = {
                        let key = key.clone();
                        Memo::new(move |_| draft.with(|d| d.edits.contains_key(&key)))
                    };
                    let on_text = {
                        let (profile, changed) = (profile.clone(), changed.clone());
                        move |ev: leptos::ev::Event| {
                            let text = event_target_value(&ev);
                            // Read before updating: the memo reads `draft`, which `update` holds.
                            let required = now.with_untracked(|c| c.required);
                            draft.update(|d| d.set_cell(&profile, li, ri, &text, required));
                            changed();
                        }
                    };
                    let on_required = {
                        let (profile, changed) = (profile.clone(), changed.clone());
                        move |ev: leptos::ev::Event| {
                            let required = event_target_checked(&ev);
                            let text = now.with_untracked(|c| c.text.clone());
                            draft.update(|d| d.set_cell(&profile, li, ri, &text, required));
                            changed();
                        }
                    };
                    let revert = {
                        let (profile, changed, text) = (profile.clone(), changed.clone(), cell.text.clone());
                        move |_| {
                            draft.update(|d| d.set_cell(&profile, li, ri, &text, cell.required));
                            shown.set(draft.get_untracked());
                            changed();
                        }
                    };
                    let count = move || {
                        let n = now.with(|c| c.text.chars().count());
                        if n > MAX_EXPECTATION_CHARS {
                            format!("{n} characters: {} over the limit of {MAX_EXPECTATION_CHARS}.", n - MAX_EXPECTATION_CHARS)
                        } else if now.with(|c| c.text.trim().is_empty()) {
                            "Empty: an expectation needs some text.".to_owned()
                        } else {
                            format!("{n} of {MAX_EXPECTATION_CHARS} characters")
                        }
                    };
                    let invalid = move || {
                        now.with(|c| c.text.trim().is_empty() || c.text.chars().count() > MAX_EXPECTATION_CHARS)
                    };
                    let under = {
                        let key = key.clone();
                        let current = cell.text.clone();
                        move || changed_under.with(|k| k.contains(&key)).then(|| view! {
                            <p class="under">
                                <strong>"Changed since you started: "</strong>
                                "it now reads “" {current.clone()} "”"
                            </p>
                        })
                    };
                    view! {
                        <div class="edit-cell" class:is-edited=move || edited.get()>
                            <label for=id.clone()>
                                {role.name.clone()}
                                <span class="visually-hidden">{format!(" at {}", level.name)}</span>
                            </label>
                            <textarea
                                id=id.clone()
                                rows="5"
                                aria-describedby=count_id.clone()
                                aria-invalid=move || invalid().to_string()
                                prop:value={
                                    let initial = initial.clone();
                                    move || initial().text
                                }
                                on:input=on_text
                            ></textarea>
                            <p id=count_id class="field-count" class:is-invalid=invalid>{count}</p>
                            {under}
                            <div class="edit-tools">
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || initial().required on:change=on_required/>
                                    " Required"
                                </label>
                                {move || edited.get().then(|| {
                                    let revert = revert.clone();
                                    view! {
                                        <span class="marker marker-next">"Edited"</span>
                                        <button type="button" class="button button-quiet" on:click=revert>"Undo this edit"</button>
                                    }
                                })}
                            </div>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="edit-level">
                    <legend>{level.name.clone()}</legend>
                    <div class="edit-grid">{cells}</div>
                </fieldset>
            }
        })
        .collect_view();

    let on_rationale = {
        let changed = changed.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            draft.update(|d| d.rationale = text);
            changed();
        }
    };
    let rationale_count = move || {
        let n = draft.with(|d| d.rationale.chars().count());
        if n > MAX_RATIONALE_CHARS {
            format!(
                "{n} characters: {} over the limit of {MAX_RATIONALE_CHARS}.",
                n - MAX_RATIONALE_CHARS
            )
        } else {
            format!("{n} of {MAX_RATIONALE_CHARS} characters. Say why the change is needed: reviewers read this first.")
        }
    };
    let rationale_invalid =
        move || draft.with(|d| d.rationale.chars().count() > MAX_RATIONALE_CHARS);
    let status_text = move || {
        match status.get() {
        Status::Idle => "Changes are saved in this browser as you type.",
        Status::Pending => "Saving…",
        Status::Saved => "Draft saved in this browser.",
        Status::VisitOnly => "This browser is not letting the site store the draft: it is kept only while this page is open.",
    }
    };

    let confirming = RwSignal::new(false);
    let keep_button = NodeRef::<Button>::new();
    Effect::new(move |_| {
        if confirming.get() {
            if let Some(button) = keep_button.get() {
                let _ = button.focus();
            }
        }
    });
    let discard = {
        let (slug, profile) = (slug.clone(), profile.clone());
        move |_| {
            autosave.cancel();
            let mut stored: Drafts = storage::load(DRAFTS).unwrap_or_default();
            stored.0.remove(&slug);
            storage::save(DRAFTS, &stored);
            let fresh = fresh(&profile, revision);
            draft.set(fresh.clone());
            shown.set(fresh);
            confirming.set(false);
            status.set(Status::Idle);
        }
    };
    let has_changes = move || draft.with(|d| !d.is_empty());

    let outcome = RwSignal::new(None::<Outcome>);
    let here = format!("/skills/{slug}/suggest");
    let submit_note = {
        let here = here.clone();
        move || match user.clone() {
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
        }
    };
    let submit = {
        let (slug, write) = (slug.clone(), write.clone());
        move |_| {
            if outcome.with_untracked(|o| o == &Some(Outcome::Sending)) {
                return;
            }
            // The key is stored with the draft before anything is sent: a retry after a
            // timeout or a reload sends the same key.
            let key = match draft.with_untracked(|d| d.submit_key.clone()) {
                Some(key) => key,
                None => {
                    let Some(key) = new_submit_key() else {
                        outcome.set(Some(Outcome::Failed(AppError::Internal)));
                        return;
                    };
                    draft.update(|d| d.submit_key = Some(key.clone()));
                    key
                }
            };
            autosave.cancel();
            write();
            let submission = draft.with_untracked(|d| d.submission(&slug, revision, &key));
            outcome.set(Some(Outcome::Sending));
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                use futures::future::{select, Either};
                let timeout = gloo_timers::future::TimeoutFuture::new(SUBMIT_TIMEOUT_MS);
                let sent = Box::pin(submit_proposal(submission));
                let answer = match select(sent, timeout).await {
                    Either::Left((answer, _)) => answer,
                    Either::Right(_) => {
                        outcome.set(Some(Outcome::TimedOut));
                        return;
                    }
                };
                match answer {
                    Ok(Submitted::Accepted { id, .. }) => {
                        let mut stored: Drafts = storage::load(DRAFTS).unwrap_or_default();
                        stored.0.remove(&slug);
                        storage::save(DRAFTS, &stored);
                        outcome.set(None);
                        let next = crate::paths::href(&format!(
                            "/skills/{slug}/proposals/{id}?submitted=1"
                        ));
                        // Leaving the page: nothing to do if the browser refuses.
                        let _ = window().location().assign(&next);
                    }
                    Ok(Submitted::Invalid { problems }) => {
                        outcome.set(Some(Outcome::Invalid(problems)));
                    }
                    Err(error) => outcome.set(Some(Outcome::Failed(error))),
                }
            });
        }
    };
    let outcome_view = {
        let (profile, here) = (profile.clone(), here.clone());
        move || {
            let kept = "Your draft is kept in this browser.";
            match outcome.get()? {
                Outcome::Sending => None,
                Outcome::TimedOut => Some(view! {
                    <p class="callout callout-error">
                        "The server did not answer within 20 seconds. " {kept}
                        " Submit again: if the first attempt did arrive, no second proposal is made."
                    </p>
                }.into_any()),
                Outcome::Failed(AppError::SignInRequired) => Some(view! {
                    <p class="callout callout-error">
                        "You are signed out. " <a href=sign_in_href(&here)>"Sign in"</a>
                        ", then submit again. " {kept}
                    </p>
                }.into_any()),
                Outcome::Failed(error) => Some(view! {
                    <p class="callout callout-error">{error.to_string()} " " {kept}</p>
                }.into_any()),
                Outcome::Invalid(problems) => {
                    let items = problems
                        .into_iter()
                        .map(|problem| {
                            let (href, place) = match &problem.field {
                                Field::Cell { level, role } => {
                                    let key = cell_key(level, role);
                                    (
                                        format!("#cell-{}", key.replace('/', "-")),
                                        describe(&profile, &key).unwrap_or(key),
                                    )
                                }
                                Field::Rationale => ("#rationale".to_owned(), "Why this change?".to_owned()),
                                Field::Draft => (String::new(), "The draft".to_owned()),
                            };
                            let place = if href.is_empty() {
                                view! { <strong>{place}</strong> }.into_any()
                            } else {
                                view! { <a href=href>{place}</a> }.into_any()
                            };
                            view! { <li>{place} ": " {problem.message}</li> }
                        })
                        .collect_view();
                    Some(view! {
                        <div class="callout callout-error">
                            <p><strong>"The proposal was not submitted."</strong> " Fix these, then submit again. " {kept}</p>
                            <ul>{items}</ul>
                        </div>
                    }.into_any())
                }
            }
        }
    };

    view! {
        <article class="editor-page">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href(&format!("/skills/{slug}"))>{profile.title().to_owned()}</a></li>
                    <li><a href=crate::paths::href("/drafts")>"Your drafts"</a></li>
                </ol>
            </nav>
            <p class="eyebrow">"Suggest a change"</p>
            <h1>{profile.title().to_owned()}</h1>
            <p class="lead">
                "Edit any expectation or flip required and optional, then say why. Your draft is kept in this browser, also offline, until you submit or discard it."
            </p>
            <noscript>
                <p class="callout">"Suggesting changes needs JavaScript: drafts are kept by this browser as you type."</p>
            </noscript>
            <form class="editor" on:submit=|ev| ev.prevent_default()>
                <p class="save-status" role="status">{status_text}</p>
                <div class="submit-outcome" role="alert">{outcome_view}</div>
                {under_notice}
                {levels}
                <div class="field">
                    <label for="rationale">"Why this change?"</label>
                    <textarea
                        id="rationale"
                        rows="5"
                        aria-describedby="rationale-count"
                        aria-invalid=move || rationale_invalid().to_string()
                        prop:value=move || shown.with(|d| d.rationale.clone())
                        on:input=on_rationale
                    ></textarea>
                    <p id="rationale-count" class="field-count" class:is-invalid=rationale_invalid>{rationale_count}</p>
                </div>
                <div class="editor-actions">
                    <button
                        type="button"
                        class="button"
                        aria-describedby="submit-note"
                        disabled=move || !has_changes() || outcome.with(|o| o == &Some(Outcome::Sending))
                        on:click=submit
                    >
                        {move || if outcome.with(|o| o == &Some(Outcome::Sending)) { "Submitting…" } else { "Submit proposal" }}
                    </button>
                    <p id="submit-note" class="hint">{submit_note}</p>
                    {move || (has_changes() && !confirming.get()).then(|| view! {
                        <button type="button" class="button button-quiet" on:click=move |_| confirming.set(true)>
                            "Discard draft…"
                        </button>
                    })}
                    {move || confirming.get().then(|| {
                        let discard = discard.clone();
                        view! {
                            <div class="confirm" role="group" aria-labelledby="confirm-text">
                                <p id="confirm-text">"Discard every change to this skill? This cannot be undone."</p>
                                <button type="button" class="button button-danger" on:click=discard>"Discard"</button>
                                <button type="button" class="button button-quiet" node_ref=keep_button on:click=move |_| confirming.set(false)>
                                    "Keep editing"
                                </button>
                            </div>
                        }
                    })}
                </div>
            </form>
        </article>
    }
}

/// The browser's clock in milliseconds; 0 on the server.
fn now_ms() -> f64 {
    window()
        .performance()
        .map_or(0.0, |p| p.time_origin() + p.now())
}
