//! The draft editor in the browser: the `editor` enhancement of the fields the server
//! rendered as published (`crate::pages::suggest`). It puts this browser's draft for the
//! skill in them, keeps it as the reader types (debounced), undoes one cell, discards the
//! draft after a confirmation and submits it; the draft is deleted only once the server has
//! stored it, and every retry carries the same key, so a retry never makes a second proposal.

use crate::components::account::sign_in_href;
use crate::dom;
use crate::error::AppError;
use crate::model::{cell_key, describe, Draft, Field, Problem, Profile, Submitted};
use crate::pages::suggest::{cell_count, field_id, rationale_count, Props};
use crate::storage::{self, Saved};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Pause in typing before the draft is written, in milliseconds.
const AUTOSAVE_MS: u32 = 400;
/// How long a submit may take before the editor says so (the draft is kept).
const SUBMIT_TIMEOUT_MS: u32 = 20_000;

/// The editor in the browser: the draft, its status and the fields it shows.
struct Editing {
    root: Element,
    profile: Profile,
    slug: String,
    revision: u32,
    draft: Draft,
    /// The pending autosave.
    pending: Option<gloo_timers::callback::Timeout>,
    /// A submit is on its way.
    sending: bool,
}

type Shared = Rc<RefCell<Editing>>;

/// The status line's sentences.
const IDLE: &str = "Changes are saved in this browser as you type.";
const PENDING: &str = "Saving…";
const SAVED: &str = "Draft saved in this browser.";
const VISIT_ONLY: &str =
    "This browser is not letting the site store the draft: it is kept only while this page is open.";

/// Binds the editor the server rendered in `root`: puts this browser's draft for the skill
/// in the fields, keeps it as the reader types (debounced), undoes one cell, discards the
/// draft after a confirmation and submits it.
pub fn enhance(root: Element) {
    let Some(Props { profile, revision }) = dom::props::<Props>(&root) else {
        return;
    };
    let slug = profile.slug().to_string();
    let stored = storage::drafts::load(&slug);
    let found = stored.is_some();
    let draft = stored.unwrap_or_else(|| fresh(&profile, revision));
    let editing: Shared = Rc::new(RefCell::new(Editing {
        root: root.clone(),
        profile,
        slug,
        revision,
        draft,
        pending: None,
        sending: false,
    }));
    show_fields(&editing.borrow());
    if found {
        say_status(&root, SAVED);
    }
    if editing.borrow().draft.waiting() {
        say_outcome(&editing.borrow(), Outcome::Queued);
    }
    refresh(&editing.borrow());

    let on_input = {
        let editing = editing.clone();
        move |event: web_sys::Event| {
            let Some(field) = dom::target(&event) else {
                return;
            };
            if field.id() == "rationale" {
                let text = value_of(&field);
                editing.borrow_mut().draft.rationale = text;
            } else if let Some(cell) = field.closest(".edit-cell").ok().flatten() {
                let (text, required) = cell_state(&cell);
                let (li, ri) = cell_place(&cell);
                let mut e = editing.borrow_mut();
                let Editing { draft, profile, .. } = &mut *e;
                draft.set_cell(profile, li, ri, &text, required);
            } else {
                return;
            }
            changed(&editing);
        }
    };
    dom::listen(&root, "input", false, on_input.clone());
    dom::listen(&root, "change", false, move |event| {
        if dom::target(&event)
            .is_some_and(|t| t.get_attribute("type").as_deref() == Some("checkbox"))
        {
            on_input(event);
        }
    });
    let editing_click = editing.clone();
    dom::listen(&root, "click", false, move |event| {
        let Some(button) = dom::target(&event).and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let class = button.class_name();
        let has = |name: &str| class.split_whitespace().any(|c| c == name);
        if has("undo") {
            undo(&editing_click, &button);
        } else if has("discard") {
            confirming(&editing_click.borrow().root, true);
        } else if has("keep") {
            confirming(&editing_click.borrow().root, false);
        } else if has("confirm-discard") {
            discard(&editing_click);
        } else if has("submit") {
            submit(&editing_click);
        } else if has("unqueue") {
            let mut e = editing_click.borrow_mut();
            e.draft.unqueue();
            write(&mut e);
            outbox_changed();
            say_outcome(&e, Outcome::Unqueued(UNQUEUED));
        }
    });
    // Enter in a field never submits: submitting is the button's.
    dom::listen(&root, "submit", false, |event| event.prevent_default());
}

/// A fresh draft of `profile` at `revision`.
fn fresh(profile: &Profile, revision: u32) -> Draft {
    let mut draft = Draft::new(profile);
    draft.base_revision = revision;
    draft
}

/// The text of a `<textarea>`.
fn value_of(field: &Element) -> String {
    field
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .map(web_sys::HtmlTextAreaElement::value)
        .unwrap_or_default()
}

/// The level and role index of a cell.
fn cell_place(cell: &Element) -> (usize, usize) {
    let index = |name: &str| {
        cell.get_attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX)
    };
    (index("data-level"), index("data-role"))
}

/// What a cell's fields hold now.
fn cell_state(cell: &Element) -> (String, bool) {
    let text = dom::one(cell, "textarea")
        .map(|t| value_of(&t))
        .unwrap_or_default();
    let required = dom::one(cell, "input[type=checkbox]")
        .and_then(|b| b.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|b| b.checked());
    (text, required)
}

/// Sets a cell's fields to `shown`.
fn set_cell_fields(cell: &Element, shown: &crate::model::Expectation) {
    if let Some(text) =
        dom::one(cell, "textarea").and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        text.set_value(&shown.text);
    }
    if let Some(flag) = dom::one(cell, "input[type=checkbox]")
        .and_then(|b| b.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        flag.set_checked(shown.required);
    }
}

/// The published cell under a cell element.
fn published(profile: &Profile, cell: &Element) -> crate::model::Expectation {
    let (li, ri) = cell_place(cell);
    profile
        .cell(li, ri)
        .cloned()
        .unwrap_or(crate::model::Expectation {
            text: String::new(),
            required: false,
        })
}

/// Puts the draft in every field.
fn show_fields(e: &Editing) {
    for cell in dom::all(&e.root, ".edit-cell") {
        let key = cell.get_attribute("data-key").unwrap_or_default();
        set_cell_fields(&cell, &e.draft.cell(&key, &published(&e.profile, &cell)));
    }
    if let Some(text) = dom::one(&e.root, "#rationale")
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        text.set_value(&e.draft.rationale);
    }
}

/// Shows what follows from the draft: each cell's count, edited mark and undo, what changed
/// underneath, the rationale's count, which actions are open.
fn refresh(e: &Editing) {
    let under = e.draft.changed_under(&e.profile);
    for cell in dom::all(&e.root, ".edit-cell") {
        let key = cell.get_attribute("data-key").unwrap_or_default();
        let now = e.draft.cell(&key, &published(&e.profile, &cell));
        let edited = e.draft.edits.contains_key(&key);
        dom::mark(&cell, "is-edited", edited);
        dom::show(&cell, ".marker", edited);
        dom::show(&cell, ".undo", edited);
        dom::show(&cell, ".under", under.contains(&key));
        let (count, invalid) = cell_count(&now.text);
        counted(&cell, ".field-count", "textarea", &count, invalid);
    }
    let names: Vec<String> = under
        .iter()
        .filter_map(|k| describe(&e.profile, k))
        .collect();
    dom::show(&e.root, ".under-notice", !names.is_empty());
    dom::text(
        dom::one(&e.root, ".under-names").as_ref(),
        &format!(
            "Cells changed underneath you: {}. Their current text is shown beside your edit.",
            names.join(", ")
        ),
    );
    let (count, invalid) = rationale_count(&e.draft.rationale);
    counted(&e.root, "#rationale-count", "#rationale", &count, invalid);
    let submit = dom::one(&e.root, "button.submit");
    let closed = e.draft.is_empty() || e.sending;
    if let Some(button) = &submit {
        let _ = if closed {
            button.set_attribute("disabled", "")
        } else {
            button.remove_attribute("disabled")
        };
        button.set_text_content(Some(if e.sending {
            "Submitting…"
        } else {
            "Submit proposal"
        }));
    }
    let asking = dom::one(&e.root, ".confirm").is_some_and(|c| !c.has_attribute("hidden"));
    dom::show(&e.root, ".discard", !e.draft.is_empty() && !asking);
}

/// Writes a field's count line and marks the field and the line invalid or not.
fn counted(root: &Element, line: &str, field: &str, said: &str, invalid: bool) {
    if let Some(line) = dom::one(root, line) {
        line.set_text_content(Some(said));
        dom::mark(&line, "is-invalid", invalid);
    }
    dom::set_attr(
        dom::one(root, field).as_ref(),
        "aria-invalid",
        &invalid.to_string(),
    );
}

fn say_status(root: &Element, said: &str) {
    dom::text(dom::one(root, ".save-status").as_ref(), said);
}

/// A field changed: show it, and keep the draft after the typing pause. A draft waiting to
/// send is taken out of the queue first: what is sent is what the reader submitted.
fn changed(editing: &Shared) {
    let weak = Rc::downgrade(editing);
    let mut e = editing.borrow_mut();
    if e.draft.waiting() {
        e.draft.unqueue();
        write(&mut e);
        outbox_changed();
        say_outcome(&e, Outcome::Unqueued(EDITED_WHILE_QUEUED));
    }
    say_status(&e.root, PENDING);
    e.pending = Some(gloo_timers::callback::Timeout::new(
        AUTOSAVE_MS,
        move || {
            if let Some(editing) = weak.upgrade() {
                write(&mut editing.borrow_mut());
            }
        },
    ));
    refresh(&e);
}

/// Keeps the draft in this browser's storage (or drops it when empty).
fn write(e: &mut Editing) {
    e.pending = None;
    let mut current = e.draft.clone();
    current.saved_at = dom::now_ms();
    let said = match storage::drafts::put(&e.slug, current) {
        Saved::Kept => SAVED,
        Saved::ThisVisitOnly => VISIT_ONLY,
    };
    say_status(&e.root, said);
}

/// "Undo this edit": the cell back to what is published.
fn undo(editing: &Shared, button: &Element) {
    let Some(cell) = button.closest(".edit-cell").ok().flatten() else {
        return;
    };
    {
        let mut e = editing.borrow_mut();
        let base = published(&e.profile, &cell);
        let (li, ri) = cell_place(&cell);
        let Editing { draft, profile, .. } = &mut *e;
        draft.set_cell(profile, li, ri, &base.text, base.required);
        set_cell_fields(&cell, &base);
    }
    changed(editing);
    if let Some(field) = dom::one(&cell, "textarea").and_then(|t| t.dyn_into::<HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

/// Shows or hides the discard confirmation, moving the focus into it or back.
fn confirming(root: &Element, asking: bool) {
    dom::show(root, ".confirm", asking);
    dom::show(root, ".discard", !asking);
    let focus = if asking { ".keep" } else { ".discard" };
    if let Some(button) = dom::one(root, focus).and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        let _ = button.focus();
    }
}

/// Drops the draft: storage and fields back to the published skill.
fn discard(editing: &Shared) {
    let mut e = editing.borrow_mut();
    e.pending = None;
    storage::drafts::remove(&e.slug);
    e.draft = fresh(&e.profile, e.revision);
    show_fields(&e);
    dom::show(&e.root, ".confirm", false);
    say_status(&e.root, IDLE);
    refresh(&e);
}

/// A random key for a submission: 128 bits from the browser's generator, as hex. `None`
/// if the browser has no generator (the submit then says so instead of sending).
fn new_submit_key() -> Option<String> {
    let crypto = window().crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What the last submit came to, said in the form.
enum Outcome {
    Invalid(Vec<Problem>),
    Failed(AppError),
    TimedOut,
    /// Offline: waiting to send.
    Queued,
    /// No longer waiting to send, and why.
    Unqueued(&'static str),
}

const UNQUEUED: &str =
    "It is no longer waiting to send: it stays a draft in this browser until you submit it.";
const EDITED_WHILE_QUEUED: &str = "You changed the draft after submitting it, so it is no longer waiting to send. Submit it again when it is ready.";

/// Tells the page's offline script (`server/src/http/offline.js`) that the drafts waiting to
/// send changed: it mirrors them for the offline worker and sends them if it can.
fn outbox_changed() {
    if let Ok(event) = web_sys::Event::new("outbox") {
        let _ = window().dispatch_event(&event);
    }
}

/// Offline (or the network failed on the way): the draft keeps the submission, key and all,
/// to be sent when the browser is back online.
fn queue(e: &mut Editing, submission: crate::model::Submission) {
    e.draft.queue(submission, dom::now_ms());
    write(e);
    outbox_changed();
    say_outcome(e, Outcome::Queued);
}

/// Sends the draft. The key is stored with the draft before anything is sent, so a retry
/// after a timeout or a reload sends the same key and the server stores one proposal.
fn submit(editing: &Shared) {
    let (submission, slug) = {
        let mut e = editing.borrow_mut();
        if e.sending {
            return;
        }
        let key = match e.draft.submit_key.clone() {
            Some(key) => key,
            None => {
                let Some(key) = new_submit_key() else {
                    say_outcome(&e, Outcome::Failed(AppError::Internal));
                    return;
                };
                e.draft.submit_key = Some(key.clone());
                key
            }
        };
        let submission = e.draft.submission(&e.slug, e.revision, &key);
        if !window().navigator().on_line() {
            queue(&mut e, submission);
            return;
        }
        write(&mut e);
        e.sending = true;
        clear_outcome(&e.root);
        refresh(&e);
        (submission, e.slug.clone())
    };
    let editing = editing.clone();
    wasm_bindgen_futures::spawn_local(async move {
        use futures::future::{select, Either};
        let timeout = gloo_timers::future::TimeoutFuture::new(SUBMIT_TIMEOUT_MS);
        let sent = Box::pin(send(submission));
        let answer = match select(sent, timeout).await {
            Either::Left((answer, _)) => Some(answer),
            Either::Right(_) => None,
        };
        let mut e = editing.borrow_mut();
        e.sending = false;
        if let Some(Err(AppError::Transport(_))) = &answer {
            if !window().navigator().on_line() {
                let key = e.draft.submit_key.clone().unwrap_or_default();
                let submission = e.draft.submission(&e.slug, e.revision, &key);
                queue(&mut e, submission);
                refresh(&e);
                return;
            }
        }
        match answer {
            Some(Ok(Submitted::Accepted { id, .. })) => {
                storage::drafts::remove(&slug);
                let next =
                    crate::paths::href(&format!("/skills/{slug}/proposals/{id}?submitted=1"));
                // Leaving the page: nothing to do if the browser refuses.
                let _ = window().location().assign(&next);
                return;
            }
            Some(Ok(Submitted::Invalid { problems })) => {
                say_outcome(&e, Outcome::Invalid(problems))
            }
            Some(Err(error)) => say_outcome(&e, Outcome::Failed(error)),
            None => say_outcome(&e, Outcome::TimedOut),
        }
        refresh(&e);
    });
}

/// Posts `submission` to the server function `submit_proposal` (JSON in, JSON out).
async fn send(submission: crate::model::Submission) -> Result<Submitted, AppError> {
    use leptos::server_fn::error::FromServerFnError;
    let unreachable = || AppError::Transport(String::new());
    let body = serde_json::json!({ "submission": submission }).to_string();
    let url = crate::paths::href("/api/submit-proposal");
    let body = (
        wasm_bindgen::JsValue::from_str(&body),
        Some("application/json"),
    );
    let answer = dom::request(&url, Some(body), "application/json")
        .await
        .map_err(|_| unreachable())?;
    if (200..300).contains(&answer.status) {
        serde_json::from_str(&answer.text).map_err(|_| unreachable())
    } else {
        Err(AppError::de(answer.text.into_bytes().into()))
    }
}

fn clear_outcome(root: &Element) {
    if let Some(outcome) = dom::one(root, ".submit-outcome") {
        outcome.set_inner_html("");
    }
}

/// Says `outcome` in the form's alert region: every sentence ends by saying the draft is kept.
fn say_outcome(e: &Editing, outcome: Outcome) {
    const KEPT: &str = "Your draft is kept in this browser.";
    let Some(region) = dom::one(&e.root, ".submit-outcome") else {
        return;
    };
    region.set_inner_html("");
    let here = dom::one(&e.root, "form")
        .and_then(|f| f.get_attribute("data-here"))
        .unwrap_or_default();
    let said = match outcome {
        Outcome::Queued => dom::element("div", "callout outbox-notice", None).inspect(|box_| {
            let _ = box_.set_attribute("role", "status");
            if let Some(p) = dom::element("p", "", None) {
                if let Some(strong) = dom::element("strong", "", Some("Waiting to send.")) {
                    let _ = p.append_child(&strong);
                }
                let _ = p.append_with_str_1(&format!(" You are offline, so the proposal is sent as soon as this browser is back online — from any page of this site, or the next time you open it. {KEPT}"));
                let _ = box_.append_child(&p);
            }
            if let Some(button) = dom::element("button", "button button-quiet unqueue", Some("Keep it as a draft instead")) {
                let _ = button.set_attribute("type", "button");
                let _ = box_.append_child(&button);
            }
        }),
        Outcome::Unqueued(why) => dom::element("p", "callout", Some(why)).inspect(|p| {
            let _ = p.set_attribute("role", "status");
        }),
        Outcome::TimedOut => dom::element(
            "p",
            "callout callout-error",
            Some(&format!("The server did not answer within 20 seconds. {KEPT} Submit again: if the first attempt did arrive, no second proposal is made.")),
        ),
        Outcome::Failed(AppError::SignInRequired) => dom::element("p", "callout callout-error", None).inspect(|p| {
            let link = dom::element("a", "", Some("Sign in"));
            let _ = p.append_with_str_1("You are signed out. ");
            if let Some(link) = link {
                let _ = link.set_attribute("href", &sign_in_href(&here));
                let _ = p.append_child(&link);
            }
            let _ = p.append_with_str_1(&format!(", then submit again. {KEPT}"));
        }),
        Outcome::Failed(error) => dom::element("p", "callout callout-error", Some(&format!("{error} {KEPT}"))),
        Outcome::Invalid(problems) => dom::element("div", "callout callout-error", None).inspect(|box_| {
            if let Some(lead) = dom::element("p", "", None) {
                if let Some(strong) = dom::element("strong", "", Some("The proposal was not submitted.")) {
                    let _ = lead.append_child(&strong);
                }
                let _ = lead.append_with_str_1(&format!(" Fix these, then submit again. {KEPT}"));
                let _ = box_.append_child(&lead);
            }
            let Some(list) = dom::element("ul", "", None) else {
                return;
            };
            for problem in problems {
                let (href, place) = match &problem.field {
                    Field::Cell { level, role } => {
                        let key = cell_key(level, role);
                        (format!("#{}", field_id(&key)), describe(&e.profile, &key).unwrap_or(key))
                    }
                    Field::Rationale => ("#rationale".to_owned(), "Why this change?".to_owned()),
                    Field::Draft => (String::new(), "The draft".to_owned()),
                };
                let Some(item) = dom::element("li", "", None) else {
                    continue;
                };
                let name = if href.is_empty() { dom::element("strong", "", Some(&place)) } else { dom::element("a", "", Some(&place)) };
                if let Some(name) = name {
                    if !href.is_empty() {
                        let _ = name.set_attribute("href", &href);
                    }
                    let _ = item.append_child(&name);
                }
                let _ = item.append_with_str_1(&format!(": {}", problem.message));
                let _ = list.append_child(&item);
            }
            let _ = box_.append_child(&list);
        }),
    };
    if let Some(said) = said {
        let _ = region.append_child(&said);
    }
}
