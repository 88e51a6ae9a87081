//! The browser side of the page's *enhancements*: small parts of a server-rendered page
//! that respond to the reader (the explorer, the watch toggle, the header's count and theme
//! toggle) without Leptos's hydration. The server renders each as an element carrying
//! `data-enhance="<name>"` and its props as JSON in `data-props` ([`Enhanced`]); the page's
//! loader (`crate::shell`) calls the client's `enhance_<name>` export with that element,
//! which reads the props ([`props`]) and binds plain DOM listeners ([`listen`]). So a page
//! whose every part is an enhancement loads no reactive runtime at all (docs/client.md).
//!
//! Only called in the browser, from the client's exports: the server has no DOM.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};

/// The wrapper the server renders around an enhancement: `<div data-enhance=name
/// data-props=…>` (or a `<span>` inside a line of text), laid out as if it were not there.
#[component]
pub fn Enhanced<P: Serialize + 'static>(
    /// The enhancement's name: the client export is `enhance_<name>` (dashes as `_`).
    name: &'static str,
    /// What the browser side needs, as JSON.
    props: P,
    /// A `<span>` instead of a `<div>`, inside phrasing content.
    #[prop(optional)]
    inline: bool,
    /// The server-rendered content.
    children: Children,
) -> impl IntoView {
    // Props are plain data of this crate: serializing them cannot fail.
    let props = serde_json::to_string(&props).unwrap_or_default();
    if inline {
        view! { <span class="enhanced" data-enhance=name data-props=props>{children()}</span> }
            .into_any()
    } else {
        view! { <div class="enhanced" data-enhance=name data-props=props>{children()}</div> }
            .into_any()
    }
}

/// The props the server wrote on an enhancement's element.
pub fn props<P: DeserializeOwned>(element: &Element) -> Option<P> {
    serde_json::from_str(&element.get_attribute("data-props")?).ok()
}

/// Calls `handler` for every `event` on `target` for the rest of the page's life (`capture`
/// for events that do not bubble, such as `toggle`).
pub fn listen(
    target: &EventTarget,
    event: &str,
    capture: bool,
    handler: impl FnMut(Event) + 'static,
) {
    let handler = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        handler.as_ref().unchecked_ref(),
        capture,
    );
    // The listener lives as long as the page.
    handler.forget();
}

/// The element an event happened on.
pub fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The first element under `root` that `selector` matches.
pub fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Every element under `root` that `selector` matches, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The position of `element` among its parent's element children.
pub fn position(element: &Element) -> usize {
    let mut index = 0;
    let mut at = element.previous_element_sibling();
    while let Some(sibling) = at {
        index += 1;
        at = sibling.previous_element_sibling();
    }
    index
}

/// Adds or removes `class`.
pub fn mark(element: &Element, class: &str, on: bool) {
    let _ = element.class_list().toggle_with_force(class, on);
}

/// Sets an attribute of an element that may be missing.
pub fn set_attr(element: Option<&Element>, name: &str, value: &str) {
    if let Some(element) = element {
        let _ = element.set_attribute(name, value);
    }
}

/// Sets the text of an element that may be missing.
pub fn text(element: Option<&Element>, value: &str) {
    if let Some(element) = element {
        element.set_text_content(Some(value));
    }
}

/// Why a page could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered 404.
    NotFound,
    /// No answer, another error status, or a body that is not a page.
    Failed,
}

/// What the server answered: its status, whether the body is a page, and the body.
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body is HTML.
    pub html: bool,
    /// The body.
    pub text: String,
}

/// Sends a request to this site: `GET url`, or with `body` a `POST` of it (a
/// `URLSearchParams`, sent url-encoded, or a JSON string with `content_type`), asking for
/// `accept`. [`FetchError::Failed`] when there is no answer at all.
pub async fn request(
    url: &str,
    body: Option<(wasm_bindgen::JsValue, Option<&str>)>,
    accept: &str,
) -> Result<Answer, FetchError> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |_| FetchError::Failed;
    let headers = web_sys::Headers::new().map_err(failed)?;
    headers.set("Accept", accept).map_err(failed)?;
    let init = web_sys::RequestInit::new();
    if let Some((body, content_type)) = body {
        init.set_method("POST");
        init.set_body(&body);
        if let Some(content_type) = content_type {
            headers.set("Content-Type", content_type).map_err(failed)?;
        }
    }
    init.set_headers(&headers.into());
    let response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.starts_with("text/html"));
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    Ok(Answer {
        status: response.status(),
        html,
        text,
    })
}

/// The page in an answer; one that is not HTML (a refusal in plain text from a layer in
/// front of the pages) is [`FetchError::Failed`].
fn page_of(answer: &Answer) -> Result<web_sys::Document, FetchError> {
    if !answer.html {
        return Err(FetchError::Failed);
    }
    web_sys::DomParser::new()
        .and_then(|parser| parser.parse_from_string(&answer.text, web_sys::SupportedType::TextHtml))
        .map_err(|_| FetchError::Failed)
}

/// Fetches a page of this site (`url`, base path included) and parses it: for the parts
/// that take their markup from the server's pages (the catalog search, the open proposals,
/// a profile's comments).
pub async fn fetch_page(url: &str) -> Result<web_sys::Document, FetchError> {
    // As a plain `fetch` asks: a page request (`text/html`) would take a form's flash.
    let answer = request(url, None, "*/*").await?;
    match answer.status {
        404 => Err(FetchError::NotFound),
        200..=299 => page_of(&answer),
        _ => Err(FetchError::Failed),
    }
}

/// The element `selector` of the page at `url`, if the page could be fetched and has it.
pub async fn fetch_part(url: &str, selector: &str) -> Option<Element> {
    fetch_page(url)
        .await
        .ok()?
        .query_selector(selector)
        .ok()
        .flatten()
}

/// Posts `form` as the browser would without JavaScript (its fields, url-encoded, to its
/// action, asking for a page) and parses the page the server answers with, whatever its
/// status: a refusal is a page too (`crate::api::forms`).
pub async fn post_form(form: &web_sys::HtmlFormElement) -> Result<web_sys::Document, FetchError> {
    let failed = |_| FetchError::Failed;
    let fields = web_sys::FormData::new_with_form(form).map_err(failed)?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields).map_err(failed)?;
    page_of(&request(&form.action(), Some((body.into(), None)), "text/html").await?)
}

/// Shows or hides `root`'s element `selector` (the `hidden` attribute), leaving its text.
pub fn show(root: &Element, selector: &str, shown: bool) {
    if let Some(element) = one(root, selector) {
        let _ = if shown {
            element.remove_attribute("hidden")
        } else {
            element.set_attribute("hidden", "")
        };
    }
}

/// An element `tag` with `class` and, if given, `text`.
pub fn element(tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let made = document().create_element(tag).ok()?;
    if !class.is_empty() {
        made.set_class_name(class);
    }
    if let Some(text) = text {
        made.set_text_content(Some(text));
    }
    Some(made)
}

/// The browser's clock in milliseconds; 0 on the server.
pub fn now_ms() -> f64 {
    window()
        .performance()
        .map_or(0.0, |p| p.time_origin() + p.now())
}
