//! The catalog's search box: a GET form the server answers without JavaScript; enhanced
//! ([`crate::dom`], [`enhance`]), results follow the typing (debounced, the query kept in
//! the URL: the page for the query is fetched and its results put in place) and the arrow
//! keys move between the input and the results.

use crate::dom;
use crate::model::MAX_QUERY_CHARS;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

/// Id of the list of results the arrow keys move through; its links carry `hit-link`.
pub const RESULTS_ID: &str = "search-results";
const INPUT_ID: &str = "catalog-search";
/// Pause in typing before the results follow, so every keystroke does not cost a request.
const DEBOUNCE_MS: u32 = 120;

/// The search form. `action` is the page's own path, so a search stays in its domain or
/// group; `label` says where it searches; `query` is what the page was searched for.
#[component]
pub fn SearchBox(
    /// The page's own path, where the form sends its query.
    action: String,
    /// The visible label of the input.
    label: String,
    /// The query the page shows results for.
    query: String,
) -> impl IntoView {
    view! {
        <form class="search" role="search" method="get" action=action>
            <label for=INPUT_ID>{label}</label>
            <div class="search-row">
                <input
                    id=INPUT_ID
                    name="q"
                    type="search"
                    value=query
                    maxlength=MAX_QUERY_CHARS
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="search-hint"
                    aria-controls=RESULTS_ID
                />
                <button type="submit" class="button">"Search"</button>
            </div>
            <p id="search-hint" class="hint">
                "Titles, keywords and role names. Results follow your typing; the down arrow moves to them."
            </p>
        </form>
    }
}

/// The browser side of a catalog search, bound to the element around the search box and
/// the results (its props: the page's own path).
struct Search {
    root: Element,
    action: String,
    /// The search waiting for a pause in typing.
    pending: Option<gloo_timers::callback::Timeout>,
    /// The latest search: answers can arrive out of order, only its answer is shown.
    ticket: u32,
}

/// Binds the search box and results in `root`.
pub fn enhance(root: Element) {
    let Some(action) = dom::props::<String>(&root) else {
        return;
    };
    let search = Rc::new(RefCell::new(Search {
        root: root.clone(),
        action,
        pending: None,
        ticket: 0,
    }));
    {
        let search = search.clone();
        dom::listen(&root, "input", false, move |ev| {
            if let Some(input) = search_input(&ev) {
                let later = search.clone();
                let pause = gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || {
                    go(&later, input.value())
                });
                search.borrow_mut().pending = Some(pause);
            }
        });
    }
    {
        let search = search.clone();
        dom::listen(&root, "submit", false, move |ev| {
            ev.prevent_default();
            if let Some(input) = dom::one(&search.borrow().root, &format!("#{INPUT_ID}")) {
                if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                    go(&search, input.value());
                }
            }
        });
    }
    dom::listen(&root, "keydown", false, move |ev| {
        let Some(key) = ev.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key) else {
            return;
        };
        let moved = if let Some(input) = search_input(&ev) {
            match key.as_str() {
                "ArrowDown" => focus_result(|_, _| Some(0)),
                "Escape" if !input.value().is_empty() => {
                    input.set_value("");
                    go(&search, String::new());
                    true
                }
                _ => false,
            }
        } else if dom::target(&ev).is_some_and(|t| {
            t.closest(&format!("#{RESULTS_ID}"))
                .ok()
                .flatten()
                .is_some()
        }) {
            on_results_key(&key)
        } else {
            false
        };
        if moved {
            ev.prevent_default();
        }
    });
}

/// The search box, when `ev` happened in it.
fn search_input(ev: &Event) -> Option<web_sys::HtmlInputElement> {
    dom::target(ev)
        .filter(|t| t.id() == INPUT_ID)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
}

/// Searches for `query` now: the address follows, the results arrive in place.
fn go(search: &Rc<RefCell<Search>>, query: String) {
    let (url, ticket, root) = {
        let mut s = search.borrow_mut();
        s.pending = None;
        s.ticket = s.ticket.wrapping_add(1);
        (
            crate::model::with_query(&s.action, &[("q", &query)]),
            s.ticket,
            s.root.clone(),
        )
    };
    crate::paths::replace_url(&url);
    let search = search.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = fetch_results(&url).await;
        if search.borrow().ticket != ticket {
            return;
        }
        let Some(shown) = dom::one(&root, ".catalog-results") else {
            return;
        };
        for old in dom::all(&shown, ".search-error") {
            old.remove();
        }
        match answer {
            Ok(fresh) => show(&shown, &fresh),
            Err(message) => {
                if let Ok(error) = document().create_element("p") {
                    error.set_class_name("callout callout-error search-error");
                    let _ = error.set_attribute("role", "alert");
                    error.set_text_content(Some(message));
                    let _ = shown.prepend_with_node_1(&error);
                }
            }
        }
    });
}

/// The results part of the page for `url`, as the server renders it (cached like any page).
async fn fetch_results(url: &str) -> Result<Element, &'static str> {
    const FAILED: &str = "Searching failed. Check your connection and try again.";
    match dom::fetch_page(url).await {
        Ok(page) => page
            .query_selector(".catalog-results")
            .ok()
            .flatten()
            .ok_or(FAILED),
        Err(dom::FetchError::NotFound) => Err("This part of the catalog is gone."),
        Err(dom::FetchError::Failed) => Err(FAILED),
    }
}

/// Puts the `fresh` results in place of those `shown`: the status line keeps its element (a
/// live region is announced when its text changes), the rest is replaced.
fn show(shown: &Element, fresh: &Element) {
    let status = dom::one(shown, ".search-status");
    dom::text(
        status.as_ref(),
        &dom::one(fresh, ".search-status")
            .and_then(|s| s.text_content())
            .unwrap_or_default(),
    );
    let mut child = shown.first_element_child();
    while let Some(el) = child {
        child = el.next_element_sibling();
        if !el.class_list().contains("search-status") {
            el.remove();
        }
    }
    for el in dom::all(fresh, ":scope > *") {
        if !el.class_list().contains("search-status") {
            let _ = shown.append_child(&el);
        }
    }
}

/// Arrow keys inside the results: down and up move between result links (up from the
/// first returns to the search box), Home and End jump, Escape returns to the box. True
/// when the key moved the focus.
fn on_results_key(key: &str) -> bool {
    match key {
        "ArrowDown" => focus_result(|at, n| Some(at.map_or(0, |i| (i + 1).min(n - 1)))),
        "ArrowUp" => focus_result(|at, _| at.and_then(|i| i.checked_sub(1))) || focus_input(),
        "Home" => focus_result(|_, _| Some(0)),
        "End" => focus_result(|_, n| Some(n - 1)),
        "Escape" => focus_input(),
        _ => false,
    }
}
/// Focuses the result `pick(current index, count)` chooses; false when there is none.
fn focus_result(pick: impl Fn(Option<usize>, usize) -> Option<usize>) -> bool {
    let Ok(links) = document().query_selector_all(&format!("#{RESULTS_ID} .hit-link")) else {
        return false;
    };
    let count = links.length() as usize;
    if count == 0 {
        return false;
    }
    let active: Option<web_sys::Node> = document().active_element().map(Into::into);
    let current = (0..count).find(|&i| links.item(i as u32) == active && active.is_some());
    let Some(target) = pick(current, count) else {
        return false;
    };
    links
        .item(target as u32)
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|link| link.focus().is_ok())
}

fn focus_input() -> bool {
    document()
        .get_element_by_id(INPUT_ID)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}
