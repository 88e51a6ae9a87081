//! The growth plan's private notes, in the browser: the `plan` enhancement puts a note form
//! under every expectation the server rendered (`crate::pages::plan`), fills it from this
//! browser's notebook ([`storage::notes`]), keeps what the reader writes (debounced, like
//! drafts), follows other tabs, marks notes whose expectation changed since, lists notes
//! whose expectation is gone, and moves the notebook in and out as a file. Nothing here is
//! sent to the server but the keys of notes not on the page, to learn which are gone.

use crate::components::lists::{post_list, row};
use crate::dom;
use crate::model::{
    parse_notes_file, percent_encode, plan_markdown, Change, Note, Notebook, NotesFile, PlanLine,
    Progress, MAX_IMPORT_BYTES,
};
use crate::pages::plan::PlanProps;
use crate::storage::{self, notes, Saved, PLAN};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

/// How long typing pauses before the note is kept.
const SAVE_AFTER_MS: u32 = 400;

/// The plan's notes while the page is open.
struct Plan {
    root: Element,
    props: PlanProps,
    /// Each expectation's element, by note key.
    items: Vec<(String, Element)>,
    /// Saves waiting for a pause in typing, by note key.
    pending: HashMap<String, gloo_timers::callback::Timeout>,
    /// Keys of notes not on this page whose expectation the server says is gone.
    gone: Vec<String>,
    /// A file read for import, waiting for the reader's yes.
    importing: Option<NotesFile>,
}

type Shared = Rc<RefCell<Plan>>;

/// Adds the reader's notes to the plan under `root`.
pub fn enhance(root: Element) {
    let props: PlanProps = dom::props(&root).unwrap_or_default();
    dom::show(&root, ".notes-tools", true);
    let items: Vec<(String, Element)> = dom::all(&root, ".plan-item[data-key]")
        .into_iter()
        .filter_map(|item| Some((item.get_attribute("data-key")?, item)))
        .collect();
    let plan = Rc::new(RefCell::new(Plan {
        root: root.clone(),
        props,
        items: items.clone(),
        pending: HashMap::new(),
        gone: Vec::new(),
        importing: None,
    }));
    for (n, (key, item)) in items.iter().enumerate() {
        attach(&plan, n, key, item);
    }
    show_all(&plan.borrow());
    {
        let plan = plan.clone();
        storage::on_change(PLAN, move || {
            if let Ok(plan) = plan.try_borrow() {
                show_all(&plan);
            }
        });
    }
    bind_tools(&plan);
    if let Some(window) = web_sys::window() {
        // Leaving within the pause after typing loses nothing.
        let plan = plan.clone();
        dom::listen(&window, "pagehide", false, move |_| flush(&plan));
    }
    check_orphans(&plan);
}

/// Today as `YYYY-MM-DD`, in the reader's clock.
fn today() -> String {
    let iso = js_sys::Date::new_0().to_iso_string();
    iso.as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect()
}

/// The text area `selector` of `item`'s note.
fn area(item: &Element, selector: &str) -> Option<HtmlTextAreaElement> {
    dom::one(item, selector)?.dyn_into().ok()
}

/// The radio buttons of `item`'s note.
fn radios(item: &Element) -> Vec<HtmlInputElement> {
    dom::all(item, ".note-progress input[type=radio]")
        .into_iter()
        .filter_map(|r| r.dyn_into().ok())
        .collect()
}

/// The expectation `item` shows, as the page has it now.
fn expectation(item: &Element) -> String {
    dom::one(item, ".plan-text")
        .and_then(|p| p.text_content())
        .unwrap_or_default()
}

/// Puts a copy of the note form under expectation `n` (`key`), its fields named and
/// labelled for it, and keeps what the reader writes.
fn attach(plan: &Shared, n: usize, key: &str, item: &Element) {
    let root = plan.borrow().root.clone();
    let (Some(form), Some(slot)) = (
        row(&root, "template.note-editor"),
        dom::one(item, ".note-slot"),
    ) else {
        return;
    };
    for (field, label) in [
        ("note-text", "note-text-label"),
        ("note-links", "note-links-label"),
    ] {
        let id = format!("{field}-{n}");
        dom::set_attr(dom::one(&form, &format!(".{field}")).as_ref(), "id", &id);
        dom::set_attr(dom::one(&form, &format!(".{label}")).as_ref(), "for", &id);
    }
    for radio in dom::all(&form, ".note-progress input[type=radio]") {
        let _ = radio.set_attribute("name", &format!("note-progress-{n}"));
    }
    let _ = slot.append_child(&form);
    let on_edit = {
        let (plan, key, item) = (plan.clone(), key.to_owned(), item.clone());
        move |event: web_sys::Event| {
            let now = event.type_() == "change";
            let is_radio = dom::target(&event)
                .is_some_and(|t| t.matches("input[type=radio]").unwrap_or(false));
            if now && is_radio {
                save(&plan, &key, &item, false);
            } else if !now {
                later(&plan, &key, &item);
            }
        }
    };
    dom::listen(&form, "input", false, on_edit.clone());
    dom::listen(&form, "change", false, on_edit);
    if let Some(ack) = dom::one(&form, ".note-ack") {
        let (plan, key, item) = (plan.clone(), key.to_owned(), item.clone());
        dom::listen(&ack, "click", false, move |_| {
            save(&plan, &key, &item, true);
            if let Some(summary) = dom::one(&item, ".note summary") {
                if let Some(summary) = summary.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = summary.focus();
                }
            }
        });
    }
}

/// Keeps the note of `key` once typing pauses, saying so meanwhile.
fn later(plan: &Shared, key: &str, item: &Element) {
    if let Some(status) = dom::one(item, ".note-status") {
        status.set_text_content(Some("Saving…"));
        dom::mark(&status, "field-error", false);
    }
    let pause = {
        let (p, k, i) = (plan.clone(), key.to_owned(), item.clone());
        gloo_timers::callback::Timeout::new(SAVE_AFTER_MS, move || save(&p, &k, &i, false))
    };
    plan.borrow_mut().pending.insert(key.to_owned(), pause);
}

/// Keeps at once every note waiting for a pause in typing: before the notes leave the
/// page as a file or on paper.
fn flush(plan: &Shared) {
    let waiting: Vec<String> = plan.borrow_mut().pending.drain().map(|(k, _)| k).collect();
    for key in waiting {
        let item = plan
            .borrow()
            .items
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, item)| item.clone());
        if let Some(item) = item {
            save(plan, &key, &item, false);
        }
    }
}

/// Reads `item`'s note form and keeps it; `reread` takes the expectation's wording as it
/// is now (the reader has read the change). Says where it went, or which limit it breaks.
fn save(plan: &Shared, key: &str, item: &Element, reread: bool) {
    let mut p = plan.borrow_mut();
    p.pending.remove(key);
    let mut book = notes::all();
    let before = book.0.get(key);
    let now = expectation(item);
    let progress = radios(item)
        .iter()
        .find(|r| r.checked())
        .and_then(|r| Progress::from_id(&r.value()))
        .unwrap_or_default();
    let skill = item.get_attribute("data-skill").unwrap_or_default();
    let note = Note {
        progress,
        text: area(item, ".note-text")
            .map(|a| a.value())
            .unwrap_or_default(),
        links: Note::lines(
            &area(item, ".note-links")
                .map(|a| a.value())
                .unwrap_or_default(),
        ),
        // A note keeps the wording it was written against until the reader says they
        // have read the new one.
        expectation: match before.and_then(|b| b.expectation.clone()) {
            Some(then) if !reread => Some(then),
            _ => Some(now),
        },
        about: Note::about(&skill, &format!("{}, {}", p.props.role, p.props.level)),
        updated: today(),
    };
    let outcome = book.put(key, note).map(|()| storage::save(PLAN, &book));
    // A note that could not be kept stays in its fields, whatever else is shown meanwhile.
    dom::mark(item, "is-unsaved", outcome.is_err());
    let said = match outcome {
        Ok(Saved::Kept) => "Saved in this browser.".to_owned(),
        Ok(Saved::ThisVisitOnly) => storage::VISIT_ONLY_NOTICE.to_owned(),
        Err(problem) => problem.message(),
    };
    let status = dom::one(item, ".note-status");
    dom::text(status.as_ref(), &said);
    if let Some(status) = status {
        dom::mark(&status, "field-error", said.starts_with("Not saved"));
    }
    drop(p);
    show_book(&plan.borrow(), &book);
}

/// Shows every note of this browser in the plan: the form of each expectation (but the one
/// the reader is typing in, and one whose last change could not be kept), what changed
/// since, the printed summary, the count.
fn show_all(plan: &Plan) {
    show_book(plan, &notes::all());
}

/// [`show_all`] with the notes already read.
fn show_book(plan: &Plan, book: &Notebook) {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    for (key, item) in &plan.items {
        let typing = focused.as_ref().is_some_and(|f| item.contains(Some(f)))
            || item.class_list().contains("is-unsaved");
        show_note(item, book.0.get(key), typing);
    }
    let here = plan
        .items
        .iter()
        .filter(|(k, _)| book.0.contains_key(k))
        .count();
    let count = match here {
        0 => "No notes on this plan yet: open “Your notes” under an expectation.".to_owned(),
        1 => format!(
            "You have a note on 1 of the {} expectations here.",
            plan.items.len()
        ),
        n => format!(
            "You have notes on {n} of the {} expectations here.",
            plan.items.len()
        ),
    };
    dom::text(dom::one(&plan.root, ".notes-count").as_ref(), &count);
    show_orphans(plan, book);
}

/// Shows `note` (or none) in `item`'s form, leaving the fields alone while `typing`.
fn show_note(item: &Element, note: Option<&Note>, typing: bool) {
    let empty = Note::default();
    let n = note.unwrap_or(&empty);
    if !typing {
        for radio in radios(item) {
            radio.set_checked(radio.value() == n.progress.id());
        }
        if let Some(a) = area(item, ".note-text") {
            if a.value() != n.text {
                a.set_value(&n.text);
            }
        }
        if let Some(a) = area(item, ".note-links") {
            let typed = Note::lines(&a.value());
            if typed != n.links {
                a.set_value(&n.links.join("\n"));
            }
        }
    }
    let summary = match note {
        None => "none yet".to_owned(),
        Some(n) => {
            let mut said = n.progress.label().to_owned();
            if !n.text.trim().is_empty() {
                said.push_str(", a note");
            }
            match n.links.len() {
                0 => {}
                1 => said.push_str(", 1 piece of evidence"),
                k => said.push_str(&format!(", {k} pieces of evidence")),
            }
            said
        }
    };
    dom::text(dom::one(item, ".note-summary").as_ref(), &summary);
    let changed = note.and_then(|n| n.changed_since(&expectation(item)));
    if let Some(diff) = dom::one(item, ".note-diff") {
        diff.set_inner_html("");
        for change in changed.iter().flatten() {
            let (tag, text) = match change {
                Change::Same(t) => ("span", t),
                Change::Added(t) => ("ins", t),
                Change::Removed(t) => ("del", t),
            };
            if let Some(run) = dom::element(tag, "", Some(text)) {
                let _ = diff.append_child(&run);
            }
        }
    }
    dom::show(item, ".note-changed", changed.is_some());
    if let Some(details) = dom::one(item, "details.note") {
        dom::mark(&details, "is-changed", changed.is_some());
    }
    show_printed(item, note);
}

/// The note as the printed page shows it, in place of the form.
fn show_printed(item: &Element, note: Option<&Note>) {
    let Some(printed) = dom::one(item, ".note-print") else {
        return;
    };
    printed.set_inner_html("");
    let Some(note) = note else {
        let _ = printed.set_attribute("hidden", "");
        return;
    };
    let _ = printed.remove_attribute("hidden");
    let state = format!("Where I am: {}", note.progress.label());
    let mut lines = vec![("note-print-state", state)];
    if !note.text.trim().is_empty() {
        lines.push(("note-print-text", note.text.clone()));
    }
    for link in &note.links {
        lines.push(("note-print-link", format!("Evidence: {link}")));
    }
    for (class, text) in lines {
        if let Some(p) = dom::element("p", class, Some(&text)) {
            let _ = printed.append_child(&p);
        }
    }
}

/// The export, Markdown, print and import controls.
fn bind_tools(plan: &Shared) {
    let root = plan.borrow().root.clone();
    if let Some(link) = dom::one(&root, ".export-json") {
        let plan = plan.clone();
        dom::listen(&link, "click", false, move |event| {
            flush(&plan);
            let day = today();
            let file = notes::all().export(&day);
            let text = serde_json::to_string_pretty(&file).unwrap_or_default();
            if let Some(link) = dom::target(&event).and_then(|t| t.closest("a").ok().flatten()) {
                let _ = link.set_attribute("download", &format!("skill-profiles-notes-{day}.json"));
                let _ = link.set_attribute(
                    "href",
                    &format!(
                        "data:application/json;charset=utf-8,{}",
                        percent_encode(&text)
                    ),
                );
            }
        });
    }
    if let Some(link) = dom::one(&root, ".export-markdown") {
        let plan = plan.clone();
        dom::listen(&link, "click", false, move |event| {
            flush(&plan);
            let p = plan.borrow();
            let text = plan_markdown(&p.props.heading, &lines(&p), &notes::all());
            if let Some(link) = dom::target(&event).and_then(|t| t.closest("a").ok().flatten()) {
                let _ = link.set_attribute(
                    "href",
                    &format!("data:text/markdown;charset=utf-8,{}", percent_encode(&text)),
                );
            }
        });
    }
    if let Some(button) = dom::one(&root, ".print-plan") {
        let plan = plan.clone();
        dom::listen(&button, "click", false, move |_| {
            flush(&plan);
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
    }
    if let Some(input) = dom::one(&root, ".notes-import") {
        let plan = plan.clone();
        dom::listen(&input, "change", false, move |event| {
            let Some(input) =
                dom::target(&event).and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let plan = plan.clone();
            wasm_bindgen_futures::spawn_local(async move { read_import(&plan, &input).await });
        });
    }
}

/// The plan's expectations as the Markdown file lists them.
fn lines(plan: &Plan) -> Vec<PlanLine> {
    plan.items
        .iter()
        .map(|(key, item)| PlanLine {
            key: key.clone(),
            skill: item.get_attribute("data-skill").unwrap_or_default(),
            place: item
                .closest(".plan-group")
                .ok()
                .flatten()
                .and_then(|g| dom::one(&g, "h2"))
                .and_then(|h| h.text_content())
                .unwrap_or_default(),
            required: dom::one(item, ".badge-required").is_some(),
            text: expectation(item),
        })
        .collect()
}

/// Says `text` where the import's outcome goes; `alarm` for a refusal.
fn say_import(root: &Element, text: &str, alarm: bool) {
    if let Some(region) = dom::one(root, ".import-outcome") {
        region.set_inner_html("");
        if let Some(p) = dom::element(
            "p",
            if alarm {
                "callout callout-error"
            } else {
                "callout"
            },
            Some(text),
        ) {
            if alarm {
                let _ = p.set_attribute("role", "alert");
            }
            let _ = region.append_child(&p);
        }
    }
}

/// Reads the file the reader chose and asks before importing it; a file that is not a
/// notes file of this version is refused with a sentence and changes nothing.
async fn read_import(plan: &Shared, input: &HtmlInputElement) {
    let root = plan.borrow().root.clone();
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    // The same file may be chosen again after a refusal.
    input.set_value("");
    if file.size() > MAX_IMPORT_BYTES as f64 {
        say_import(
            &root,
            &crate::model::ImportProblem::TooLarge.message(),
            true,
        );
        return;
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    let parsed = match parse_notes_file(&text) {
        Ok(parsed) => parsed,
        Err(problem) => return say_import(&root, &problem.message(), true),
    };
    let preview = notes::all().preview(&parsed);
    if preview.is_empty() {
        return say_import(
            &root,
            "Every note in this file is already here as it is. Nothing to import.",
            false,
        );
    }
    let Some(question) = row(&root, "template.import-question") else {
        return;
    };
    dom::text(
        dom::one(&question, ".import-summary").as_ref(),
        &preview.question(),
    );
    if let Some(list) = dom::one(&question, ".import-details") {
        let named = preview.added.iter().map(|a| format!("New: {a}")).chain(
            preview
                .replaced
                .iter()
                .map(|a| format!("Replaces yours: {a}")),
        );
        for line in named.take(12) {
            if let Some(li) = dom::element("li", "", Some(&line)) {
                let _ = list.append_child(&li);
            }
        }
    }
    if let Some(region) = dom::one(&root, ".import-outcome") {
        region.set_inner_html("");
        let _ = region.append_child(&question);
    }
    plan.borrow_mut().importing = Some(parsed);
    if let Some(yes) = dom::one(&question, ".import-confirm") {
        if let Some(yes) = yes.dyn_ref::<web_sys::HtmlElement>() {
            let _ = yes.focus();
        }
        let plan = plan.clone();
        dom::listen(&yes, "click", false, move |_| {
            let Some(file) = plan.borrow_mut().importing.take() else {
                return;
            };
            let count = file.notes.len();
            let saved = notes::import(file);
            let root = plan.borrow().root.clone();
            let mut said = format!(
                "Imported {count} {}.",
                if count == 1 { "note" } else { "notes" }
            );
            if saved == Saved::ThisVisitOnly {
                said = format!("{said} {}", storage::VISIT_ONLY_NOTICE);
            }
            say_import(&root, &said, false);
            show_all(&plan.borrow());
            check_orphans(&plan);
        });
    }
    if let Some(no) = dom::one(&question, ".import-cancel") {
        let plan = plan.clone();
        dom::listen(&no, "click", false, move |_| {
            plan.borrow_mut().importing = None;
            let root = plan.borrow().root.clone();
            say_import(&root, "Nothing was imported.", false);
        });
    }
}

/// Asks the server which of the notes not on this page are about expectations no longer
/// published, and lists those.
fn check_orphans(plan: &Shared) {
    let book = notes::all();
    let keys: Vec<String> = {
        let p = plan.borrow();
        book.0
            .keys()
            .filter(|k| !p.items.iter().any(|(key, _)| key == *k))
            .cloned()
            .collect()
    };
    if keys.is_empty() {
        return;
    }
    let plan = plan.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(gone) = post_list("gone-expectations", "keys", &keys).await {
            plan.borrow_mut().gone = gone;
            show_all(&plan.borrow());
        }
    });
}

/// Lists the notes whose expectation is gone, each with a way to delete it.
fn show_orphans(plan: &Plan, book: &Notebook) {
    let Some(list) = dom::one(&plan.root, ".orphan-list") else {
        return;
    };
    list.set_inner_html("");
    let orphans: Vec<(&String, &Note)> = plan
        .gone
        .iter()
        .filter_map(|k| Some((k, book.0.get(k)?)))
        .collect();
    dom::show(&plan.root, ".orphans", !orphans.is_empty());
    for (key, note) in orphans {
        let Some(item) = row(&plan.root, "template.orphan") else {
            continue;
        };
        let about = if note.about.is_empty() {
            key
        } else {
            &note.about
        };
        dom::text(dom::one(&item, ".orphan-about").as_ref(), about);
        dom::text(
            dom::one(&item, ".orphan-state").as_ref(),
            &format!("Where you were: {}", note.progress.label()),
        );
        dom::text(dom::one(&item, ".orphan-text").as_ref(), &note.text);
        if let Some(links) = dom::one(&item, ".orphan-links") {
            for link in &note.links {
                if let Some(li) = dom::element("li", "", Some(link)) {
                    let _ = links.append_child(&li);
                }
            }
        }
        if let Some(delete) = dom::one(&item, ".orphan-delete") {
            let key = key.clone();
            dom::listen(&delete, "click", false, move |_| {
                let _ = notes::put(&key, Note::default());
            });
        }
        let _ = list.append_child(&item);
    }
}
