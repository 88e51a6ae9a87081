//! Forms that post to server functions ([`crate::api::forms`]): their server-rendered parts
//! ([`ActionForm`], [`TextField`], [`hidden_field`]), and the browser's *forms*
//! enhancement, which makes a part of the page (`data-enhance="forms"` on an element with
//! an id) post its forms and follow its pager in place: it sends what the browser would,
//! takes the same part from the page the server answers with, puts it in place and moves
//! the focus to what the answer marked (`data-focus`: the refusal's field, the sentence
//! saying it went through). Without JavaScript the same forms post and the page reloads.

use crate::dom;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement};

/// A hidden field of a form.
pub fn hidden_field(name: impl ToString, value: impl ToString) -> impl IntoView {
    view! { <input type="hidden" name=name.to_string() value=value.to_string()/> }
}

/// The `<form method="post">` to the server function `action`, returning to `back` (an
/// app path, fragment included) — the fields `back` and the form's own inside.
#[component]
pub fn ActionForm(
    /// The server function's endpoint (one of `crate::api::forms::FORM_ACTIONS`).
    action: &'static str,
    /// Where the reader returns to.
    back: String,
    /// A class for the form.
    #[prop(optional)]
    class: &'static str,
    /// A question the browser asks before posting (with JavaScript).
    #[prop(optional)]
    confirm: Option<&'static str>,
    /// The fields and buttons.
    children: Children,
) -> impl IntoView {
    view! {
        <form class=class method="post" action=crate::paths::href(&format!("/api/{action}")) data-confirm=confirm>
            {hidden_field("back", back)}
            {children()}
        </form>
    }
}

/// A text field of a form, with its refusal beside it and its character count: the label,
/// the `<textarea>` (`name` in the form, `id` on the page) holding `text`, the refusal
/// `error` (the field then has the focus) and "n of `max` characters" with `hint` after it.
#[component]
pub fn TextField(
    /// The label.
    label: String,
    /// The element id.
    id: String,
    /// The form field's name.
    name: &'static str,
    /// The text in the field.
    text: String,
    /// Most characters allowed.
    max: usize,
    /// What the count line says after the count.
    #[prop(optional)]
    hint: &'static str,
    /// The refusal said beside the field, if the last post of this form was refused.
    error: Option<String>,
) -> impl IntoView {
    let (error_id, count_id) = (format!("{id}-error"), format!("{id}-count"));
    let invalid = error.is_some();
    let count = format!("{} of {max} characters{hint}", text.chars().count());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows="3"
                aria-describedby=format!("{error_id} {count_id}")
                aria-invalid=invalid.to_string()
                autofocus=invalid
                data-focus=invalid.then_some("")
            >{text}</textarea>
            <p id=error_id class="field-error" role="alert">{error}</p>
            <p id=count_id class="field-count" data-max=max data-hint=hint>{count}</p>
        </div>
    }
}

/// Said in the form when its post had no answer the page can show.
const UNREACHABLE: &str =
    "The server could not be reached, or its answer could not be shown. Check your connection and try again; nothing you typed is lost.";
/// Said above a comment put back in its form from this browser's storage.
const RESTORED: &str = "Your unsent comment, kept in this browser, is back in the form.";

/// The thread a comment form (`form.comment-form`) posts to, from its hidden fields.
fn comment_thread(form: &Element) -> Option<String> {
    if !form.class_list().contains("comment-form") {
        return None;
    }
    let field = |name: &str| {
        dom::one(form, &format!("input[name={name}]"))
            .and_then(|input| input.get_attribute("value"))
    };
    Some(crate::model::thread_key(
        &field("slug")?,
        field("proposal").as_deref(),
    ))
}

/// Puts the comments this browser kept unsent back into the empty comment forms of `region`.
fn restore_comments(region: &Element) {
    for form in dom::all(region, "form.comment-form") {
        let (Some(thread), Some(field)) = (
            comment_thread(&form),
            dom::one(&form, "textarea")
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()),
        ) else {
            continue;
        };
        let Some(text) = crate::storage::comments::load(&thread) else {
            continue;
        };
        if !field.value().is_empty() {
            continue;
        }
        field.set_value(&text);
        edited(&field);
        if let Some(said) = dom::element("p", "hint comment-restored", Some(RESTORED)) {
            let _ = said.set_attribute("role", "status");
            let _ = form.prepend_with_node_1(&said);
        }
    }
}

/// Binds the forms, pager links, fill buttons and fields of `region` (its `id` names it in
/// the server's answers).
pub fn enhance(region: Element) {
    restore_comments(&region);
    let id = region.id();
    dom::listen(&region, "submit", false, move |event| {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if !form.method().eq_ignore_ascii_case("post") {
            return;
        }
        event.prevent_default();
        let asked = form.get_attribute("data-confirm");
        if asked.is_some_and(|q| !window().confirm_with_message(&q).unwrap_or(false)) {
            return;
        }
        // One post at a time: a second click while the first is on its way does nothing.
        if form.has_attribute("aria-busy") {
            return;
        }
        let _ = form.set_attribute("aria-busy", "true");
        let id = id.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = dom::post_form(&form).await;
            // A comment the answer shows posted (its form comes back empty) is no longer kept.
            if let (Some(thread), Ok(page)) = (comment_thread(&form), answer.as_ref()) {
                let emptied = page
                    .get_element_by_id(&id)
                    .and_then(|part| dom::one(&part, "form.comment-form textarea"))
                    .is_some_and(|field| field.text_content().unwrap_or_default().is_empty());
                if emptied {
                    crate::storage::comments::put(&thread, "", 0.0);
                }
            }
            if answer.is_err() || !swap(&id, answer.as_ref().ok(), true) {
                let _ = form.remove_attribute("aria-busy");
                refuse(&form);
            }
        });
    });
    let id = region.id();
    dom::listen(&region, "click", false, move |event| {
        let Some(clicked) = dom::target(&event) else {
            return;
        };
        if let Some(button) = clicked.closest("[data-fill]").ok().flatten() {
            fill(&button);
        } else if let Some(link) = clicked.closest(".pager a[href]").ok().flatten() {
            event.prevent_default();
            let (id, href) = (id.clone(), link.get_attribute("href").unwrap_or_default());
            wasm_bindgen_futures::spawn_local(async move {
                let page = dom::fetch_page(&href).await.ok();
                if !swap(&id, page.as_ref(), false) {
                    let _ = window().location().set_href(&href);
                }
            });
        }
    });
    dom::listen(&region, "input", false, |event| {
        if let Some(field) = dom::target(&event) {
            edited(&field);
        }
    });
}

/// Replaces the part `id` of this page with the same part of `page`; false when `page` has
/// none (another page answered: a sign-in, a missing proposal).
fn swap(id: &str, page: Option<&Document>, focus: bool) -> bool {
    let fresh = page.and_then(|p| p.get_element_by_id(id));
    let (Some(fresh), Some(shown)) = (fresh, document().get_element_by_id(id)) else {
        return false;
    };
    if shown.replace_with_with_node_1(&fresh).is_err() {
        return false;
    }
    enhance(fresh.clone());
    if focus {
        if let Some(target) =
            dom::one(&fresh, "[data-focus]").and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = target.focus();
        }
    }
    true
}

/// Says [`UNREACHABLE`] at the top of `form`, once.
fn refuse(form: &HtmlFormElement) {
    if dom::one(form, ".form-error").is_some() {
        return;
    }
    if let Some(said) = dom::element("p", "callout callout-error form-error", Some(UNREACHABLE)) {
        let _ = said.set_attribute("role", "alert");
        let _ = form.prepend_with_node_1(&said);
    }
}

/// What a fill button (`data-fill`: the field's id, a text and a flag) puts in its field.
#[derive(serde::Deserialize)]
struct Fill {
    field: String,
    text: String,
    required: bool,
}

fn fill(button: &Element) {
    let Some(fill) = button
        .get_attribute("data-fill")
        .and_then(|json| serde_json::from_str::<Fill>(&json).ok())
    else {
        return;
    };
    if let Some(field) = document().get_element_by_id(&fill.field) {
        if let Some(text) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            text.set_value(&fill.text);
        }
        edited(&field);
    }
    if let Some(flag) = document()
        .get_element_by_id(&format!("{}-required", fill.field))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        flag.set_checked(fill.required);
    }
}

/// A field was edited: its refusal is cleared and its character count follows.
fn edited(field: &Element) {
    let id = field.id();
    if field.get_attribute("aria-invalid").as_deref() == Some("true") {
        let _ = field.set_attribute("aria-invalid", "false");
        dom::text(
            document()
                .get_element_by_id(&format!("{id}-error"))
                .as_ref(),
            "",
        );
    }
    let Some(text) = field
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .map(|t| t.value())
    else {
        return;
    };
    if let Some(thread) = field
        .closest("form")
        .ok()
        .flatten()
        .and_then(|form| comment_thread(&form))
    {
        crate::storage::comments::put(&thread, &text, dom::now_ms());
    }
    if let Some(count) = document().get_element_by_id(&format!("{id}-count")) {
        let max = count.get_attribute("data-max").unwrap_or_default();
        let hint = count.get_attribute("data-hint").unwrap_or_default();
        count.set_text_content(Some(&format!(
            "{} of {max} characters{hint}",
            text.chars().count()
        )));
    }
}

/// A profile's comment thread ([`crate::components::DeferredComments`]): puts the thread
/// from its own page (the props) in place of the link to it, and binds its forms. When it
/// cannot be fetched the link stays: it works.
pub fn enhance_thread(root: Element) {
    let Some(url) = dom::props::<String>(&root) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let (Some(fresh), Some(shown)) = (
            dom::fetch_part(&url, "#comments").await,
            dom::one(&root, "#comments"),
        ) else {
            return;
        };
        if shown.replace_with_with_node_1(&fresh).is_ok() {
            enhance(fresh);
        }
    });
}
