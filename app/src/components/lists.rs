//! What the browser fills into a server-rendered list: the watching and drafts pages show
//! what only this browser's storage knows, so the server renders the frame and one
//! `<template>` per kind of row; the enhancement reads storage, asks the server what those
//! skills are now (`get_watched`, the server function, called as a plain form post) and
//! fills a copy of the row template per item ([`row`], [`fill`]). No reactive runtime.

use crate::api::WatchedNow;
use crate::dom;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The skills of `slugs` as published now, from the server function `get_watched`.
pub async fn published_now(slugs: &[String]) -> Result<Vec<WatchedNow>, dom::FetchError> {
    use wasm_bindgen_futures::JsFuture;
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let failed = |_| dom::FetchError::Failed;
    let body = web_sys::UrlSearchParams::new().map_err(failed)?;
    for (i, slug) in slugs.iter().enumerate() {
        body.append(&format!("slugs[{i}]"), slug);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let url = crate::paths::href("/api/watched");
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str_and_init(&url, &init))
        .await
        .map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    if !response.ok() {
        return Err(dom::FetchError::Failed);
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    serde_json::from_str(&text.as_string().unwrap_or_default()).map_err(|_| dom::FetchError::Failed)
}

/// A copy of the first element of `root`'s template `selector`.
pub fn row(root: &Element, selector: &str) -> Option<Element> {
    let template = dom::one(root, selector)?
        .dyn_into::<web_sys::HtmlTemplateElement>()
        .ok()?;
    template
        .content()
        .first_element_child()?
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into::<Element>()
        .ok()
}

/// Sets the text of `row`'s element `selector`, shown (`Some`) or hidden (`None`).
pub fn fill(row: &Element, selector: &str, text: Option<&str>) {
    if let Some(element) = dom::one(row, selector) {
        match text {
            Some(text) => {
                element.set_text_content(Some(text));
                let _ = element.remove_attribute("hidden");
            }
            None => {
                let _ = element.set_attribute("hidden", "");
            }
        }
    }
}

/// Shows or hides `row`'s element `selector`, leaving its text.
pub fn show(row: &Element, selector: &str, shown: bool) {
    if let Some(element) = dom::one(row, selector) {
        let _ = if shown {
            element.remove_attribute("hidden")
        } else {
            element.set_attribute("hidden", "")
        };
    }
}

/// Puts `items` in `root`'s `.list-slot` — in a `<ul class="watch-list">`, or the `empty`
/// template when there are none.
pub fn put(root: &Element, items: Vec<Element>) {
    let Some(slot) = dom::one(root, ".list-slot") else {
        return;
    };
    let content = if items.is_empty() {
        row(root, "template.empty")
    } else {
        leptos::prelude::document()
            .create_element("ul")
            .ok()
            .inspect(|list| {
                list.set_class_name("watch-list");
                for item in &items {
                    // A row shows only what applies to it.
                    for unused in dom::all(item, "[hidden]") {
                        unused.remove();
                    }
                    let _ = list.append_child(item);
                }
            })
    };
    if let Some(content) = content {
        slot.replace_children_with_node_1(&content);
    }
}

/// Says in `root`'s `.list-slot` that the list could not be shown.
pub fn failed(root: &Element) {
    if let Some(slot) = dom::one(root, ".list-slot") {
        slot.set_inner_html("");
        if let Ok(said) = leptos::prelude::document().create_element("p") {
            said.set_class_name("callout callout-error");
            said.set_text_content(Some(
                &crate::error::AppError::Transport(String::new()).to_string(),
            ));
            let _ = slot.append_child(&said);
        }
    }
}
