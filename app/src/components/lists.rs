//! What the browser fills into a server-rendered list: the watching and drafts pages show
//! what only this browser's storage knows, so the server renders the frame and one
//! `<template>` per kind of row; the enhancement reads storage, asks the server what those
//! skills are now (`get_watched`, the server function, called as a plain form post) and
//! fills a copy of the row template per item ([`row`], [`fill`]). No reactive runtime.

use crate::dom;
use crate::model::WatchedNow;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The skills of `slugs` as published now, from the server function `get_watched`.
pub async fn published_now(slugs: &[String]) -> Result<Vec<WatchedNow>, dom::FetchError> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    post_list("watched", "slugs", slugs).await
}

/// Calls the server function at `/api/<endpoint>` whose one argument `field` is the list
/// `values`, as a plain form post (`field[0]=…&field[1]=…`), and reads its JSON answer.
pub async fn post_list<T: serde::de::DeserializeOwned>(
    endpoint: &str,
    field: &str,
    values: &[String],
) -> Result<T, dom::FetchError> {
    let body = web_sys::UrlSearchParams::new().map_err(|_| dom::FetchError::Failed)?;
    for (i, value) in values.iter().enumerate() {
        body.append(&format!("{field}[{i}]"), value);
    }
    let url = crate::paths::href(&format!("/api/{endpoint}"));
    let answer = dom::request(&url, Some((body.into(), None)), "application/json").await?;
    if !(200..300).contains(&answer.status) {
        return Err(dom::FetchError::Failed);
    }
    serde_json::from_str(&answer.text).map_err(|_| dom::FetchError::Failed)
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
    if let Some(text) = text {
        dom::text(dom::one(row, selector).as_ref(), text);
    }
    dom::show(row, selector, text.is_some());
}

/// Fills `root`'s list now and again whenever one of `keys` changes in storage (here or in
/// another tab): `read` takes what storage holds and the slugs it names, `rows` makes the
/// rows from it and the skills as they are now — `None` when the browser is offline, so the
/// list still shows what storage holds. The newest fill wins when answers arrive out of
/// order.
pub fn follow<S: 'static>(
    root: Element,
    keys: &[crate::storage::Key],
    read: impl Fn() -> (S, Vec<String>) + 'static,
    rows: impl Fn(&Element, &S, Option<&[WatchedNow]>) -> Vec<Element> + 'static,
) {
    use std::cell::Cell;
    use std::rc::Rc;
    let latest = Rc::new(Cell::new(0u32));
    let (read, rows) = (Rc::new(read), Rc::new(rows));
    let render = move || {
        let (root, latest, read, rows) = (root.clone(), latest.clone(), read.clone(), rows.clone());
        latest.set(latest.get() + 1);
        let mine = latest.get();
        wasm_bindgen_futures::spawn_local(async move {
            let (stored, slugs) = read();
            let now = published_now(&slugs).await;
            if latest.get() != mine {
                return;
            }
            match now {
                Ok(now) => put(&root, rows(&root, &stored, Some(&now))),
                Err(_) if !leptos::prelude::window().navigator().on_line() => {
                    put(&root, rows(&root, &stored, None));
                    if let Some(said) = dom::element("p", "callout", Some(OFFLINE)) {
                        let _ = said.set_attribute("role", "status");
                        if let Some(slot) = dom::one(&root, ".list-slot") {
                            let _ = slot.prepend_with_node_1(&said);
                        }
                    }
                }
                Err(_) => failed(&root),
            }
        });
    };
    render();
    for key in keys {
        crate::storage::on_change(*key, render.clone());
    }
}

/// Said above a list filled while offline.
const OFFLINE: &str =
    "You are offline: this is what this browser keeps. What changed on the site is checked when the network is back.";

/// Puts `items` in `root`'s `.list-slot` — in a `<ul class="watch-list">`, or the `empty`
/// template when there are none.
pub fn put(root: &Element, items: Vec<Element>) {
    let Some(slot) = dom::one(root, ".list-slot") else {
        return;
    };
    let content = if items.is_empty() {
        row(root, "template.empty")
    } else {
        dom::element("ul", "watch-list", None).inspect(|list| {
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
    // The offline script marks the rows' skills it keeps ("Available offline").
    if let Ok(listed) = web_sys::Event::new("listed") {
        let _ = leptos::prelude::window().dispatch_event(&listed);
    }
}

/// Says in `root`'s `.list-slot` that the list could not be shown.
pub fn failed(root: &Element) {
    if let Some(slot) = dom::one(root, ".list-slot") {
        slot.set_inner_html("");
        let said = crate::error::AppError::Transport(String::new()).to_string();
        if let Some(said) = dom::element("p", "callout callout-error", Some(&said)) {
            let _ = slot.append_child(&said);
        }
    }
}
