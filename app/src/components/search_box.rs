//! The catalog's search box: a GET form the server answers without JavaScript; once
//! hydrated (it is part of the catalog's island), results follow the typing (debounced, the
//! query kept in the URL) and the arrow keys move between the input and the results.

use crate::components::debounce::Debounce;
use crate::model::MAX_QUERY_CHARS;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html::Input;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Id of the list of results the arrow keys move through; its links carry `hit-link`.
pub const RESULTS_ID: &str = "search-results";
const INPUT_ID: &str = "catalog-search";
/// Pause in typing before the results follow, so every keystroke does not cost a request.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// The search form. `action` is the page's own path, so a search stays in its domain or
/// group; `label` says where it searches; `query` is what the page was searched for.
/// Once hydrated, `search` gets the query after each pause in typing (and at once on
/// submit or Escape).
#[component]
pub fn SearchBox(
    /// The page's own path, where the form sends its query.
    action: String,
    /// The visible label of the input.
    label: String,
    /// The query the page shows results for.
    query: String,
    /// Shows the results of a query in place.
    search: Callback<String>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let typing = Debounce::new(DEBOUNCE);
    let go = move |value: String| {
        typing.cancel();
        search.run(value);
    };
    let on_input = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        typing.schedule(move || go(el.value()));
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get_untracked() {
            go(el.value());
        }
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" if focus_result(|_, _| Some(0)) => {
            ev.prevent_default();
        }
        "Escape" => {
            if let Some(el) = input.get_untracked().filter(|el| !el.value().is_empty()) {
                ev.prevent_default();
                el.set_value("");
                go(String::new());
            }
        }
        _ => {}
    };

    view! {
        <form class="search" role="search" method="get" action=action on:submit=on_submit>
            <label for=INPUT_ID>{label}</label>
            <div class="search-row">
                <input
                    node_ref=input
                    id=INPUT_ID
                    name="q"
                    type="search"
                    value=query
                    maxlength=MAX_QUERY_CHARS
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="search-hint"
                    aria-controls=RESULTS_ID
                    on:input=on_input
                    on:keydown=on_keydown
                />
                <button type="submit" class="button">"Search"</button>
            </div>
            <p id="search-hint" class="hint">
                "Titles, keywords and role names. Results follow your typing; the down arrow moves to them."
            </p>
        </form>
    }
}

/// Arrow keys inside the results: down and up move between result links (up from the
/// first returns to the search box), Home and End jump, Escape returns to the box.
pub fn on_results_keydown(ev: KeyboardEvent) {
    let moved = match ev.key().as_str() {
        "ArrowDown" => focus_result(|at, n| Some(at.map_or(0, |i| (i + 1).min(n - 1)))),
        "ArrowUp" => focus_result(|at, _| at.and_then(|i| i.checked_sub(1))) || focus_input(),
        "Home" => focus_result(|_, _| Some(0)),
        "End" => focus_result(|_, n| Some(n - 1)),
        "Escape" => focus_input(),
        _ => false,
    };
    if moved {
        ev.prevent_default();
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
