//! `/plan?role=<role>&level=<target>[&domain=<domain>]`: a role's growth plan for a target
//! level across every skill. The server renders the whole plan (a GET form picks role,
//! level and domain; a link any manager can send); the `plan` enhancement
//! ([`crate::components::notes`]) adds the reader's private notes and evidence from this
//! browser, their export and import.

use crate::api::get_plan;
use crate::components::{page_param, Badge, PageHeader, Pager, WordDiff};
use crate::dom::Enhanced;
use crate::model::{
    with_query, GrowthPlan, Level, Named, PlanChoices, PlanGroup, PlanItem, PlanView, Progress,
    Role, MAX_NOTE_TEXT_CHARS,
};
use crate::pages::side_by_side::side_by_side_href;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What the notes enhancement needs of the page: the plan's heading (for the Markdown
/// file) and who the notes are about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProps {
    /// "Growth plan: DBA at Senior".
    pub heading: String,
    /// Role name, for what a note is about.
    pub role: String,
    /// Target level name.
    pub level: String,
}

/// The address of the plan of `role` (an id) for `level` (an id) in `domain` (a URL name;
/// empty for every domain).
pub fn plan_href(role: &str, level: &str, domain: &str) -> String {
    with_query(
        &crate::paths::href("/plan"),
        &[("role", role), ("level", level), ("domain", domain)],
    )
}

/// Loads the plan the address asks for.
#[component]
pub fn PlanPage() -> impl IntoView {
    crate::api::cache_until_published();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("role"),
            q.get("level"),
            q.get("domain"),
            page_param(&q),
        )
    };
    let view = crate::components::page_resource(args, |(role, level, domain, page)| {
        get_plan(role, level, domain, page)
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the plan…"</p> }>
            {move || Suspend::new(async move {
                let (role, level, domain, _) = untrack(args);
                let asked = (role.unwrap_or_default(), level.unwrap_or_default(), domain.unwrap_or_default());
                match view.await {
                    Ok(view) => view! { <PlanContent view asked/> }.into_any(),
                    Err(error) => view! { <crate::pages::ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form, then the plan or what is wrong with the request (`asked`: the role, level and
/// domain the address named, which the form keeps when there is no plan).
#[component]
fn PlanContent(view: PlanView, asked: (String, String, String)) -> impl IntoView {
    let PlanView { choices, plan } = view;
    let (title, heading) = match &plan {
        Ok(plan) => {
            let level = plan.target().map(|l| l.name.clone()).unwrap_or_default();
            (
                format!("Growth plan: {} at {level}", plan.role.name),
                format!("{} at {level}", plan.role.name),
            )
        }
        Err(_) => ("Growth plan".to_owned(), "Your growth plan".to_owned()),
    };
    let problem = plan.as_ref().err().and_then(|p| p.message());
    if problem.is_some() {
        crate::api::set_page_status(404);
    }
    let chosen = match &plan {
        Ok(p) => (
            p.role.id.to_string(),
            p.target().map(|l| l.id.to_string()).unwrap_or_default(),
            p.domain
                .as_ref()
                .map(|d| d.slug.clone())
                .unwrap_or_default(),
        ),
        Err(_) => asked,
    };
    let lead = match &plan {
        Ok(plan) => lead(plan),
        Err(_) => "Choose a role and the level you are working toward: the plan gathers what it asks in every skill where the role appears, and what is new against the level below. Your notes and evidence stay in this browser.".to_owned(),
    };
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=lead.clone()/>
        <article class="plan">
            <PageHeader eyebrow="Growth plan" title=heading lead/>
            <PlanForm choices chosen/>
            {problem.map(|p| view! { <p class="callout" role="alert">{p}</p> })}
            {plan.ok().map(|plan| view! { <PlanBody plan title/> })}
        </article>
    }
}

/// "What a DBA is expected to know at Senior across the 9 skills where the role appears: 5
/// required, 4 optional."
fn lead(plan: &GrowthPlan) -> String {
    let total = plan.required + plan.optional;
    let skills = if total == 1 { "skill" } else { "skills" };
    let level = plan.target().map(|l| l.name.as_str()).unwrap_or_default();
    let scope = plan
        .domain
        .as_ref()
        .map(|d| format!(" of {}", d.name))
        .unwrap_or_default();
    format!(
        "What a {} is expected to know at {level} in the {total} {skills}{scope} where the role appears: {} required, {} optional. Each says what is new against the level below.",
        plan.role.name, plan.required, plan.optional
    )
}

/// The GET form: role, target level and domain, preselected with what the address chose.
#[component]
fn PlanForm(choices: PlanChoices, chosen: (String, String, String)) -> impl IntoView {
    let (role, level, domain) = chosen;
    let PlanChoices {
        roles,
        levels,
        domains,
    } = choices;
    let role_options = options(
        roles.into_iter().map(|r: Role| (r.id.to_string(), r.name)),
        &role,
    );
    let level_options = options(
        levels
            .into_iter()
            .map(|l: Level| (l.id.to_string(), l.name)),
        &level,
    );
    let domain_options = options(
        domains.into_iter().map(|d: Named| (d.slug, d.name)),
        &domain,
    );
    view! {
        <form class="plan-form" method="get" action=crate::paths::href("/plan")>
            <div class="field">
                <label for="plan-role">"Role"</label>
                <select id="plan-role" name="role" required>{role_options}</select>
            </div>
            <div class="field">
                <label for="plan-level">"Level you are working toward"</label>
                <select id="plan-level" name="level">{level_options}</select>
            </div>
            <div class="field">
                <label for="plan-domain">"Skills"</label>
                <select id="plan-domain" name="domain">
                    <option value="">"Every domain"</option>
                    {domain_options}
                </select>
            </div>
            <button type="submit" class="button">"Show the plan"</button>
        </form>
    }
}

/// `<option>`s of (value, name) pairs, the one valued `chosen` selected.
pub(crate) fn options(
    items: impl Iterator<Item = (String, String)>,
    chosen: &str,
) -> impl IntoView {
    items
        .map(|(value, name)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{name}</option> }
        })
        .collect_view()
}

/// The plan: links onward, the reader's notes tools, every group's expectations, the
/// templates the notes enhancement fills, and the pager.
#[component]
fn PlanBody(plan: GrowthPlan, title: String) -> impl IntoView {
    let level = plan.target().cloned();
    let level_id = level.as_ref().map(|l| l.id.to_string()).unwrap_or_default();
    let role_id = plan.role.id.to_string();
    let below = plan
        .level
        .checked_sub(1)
        .and_then(|b| plan.levels.get(b))
        .map(|l| l.id.to_string());
    let compare = side_by_side_href(
        "",
        &format!("{role_id}/{}", below.unwrap_or_else(|| level_id.clone())),
        &format!("{role_id}/{level_id}"),
    );
    let ladder = with_query(
        &crate::paths::href(&format!("/roles/{role_id}")),
        &[("level", &level_id)],
    );
    let props = PlanProps {
        heading: title,
        role: plan.role.name.clone(),
        level: level.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
    };
    let here = plan_href(
        &role_id,
        &level_id,
        plan.domain
            .as_ref()
            .map(|d| d.slug.as_str())
            .unwrap_or_default(),
    );
    let href = move |n: usize| {
        if n == 1 {
            here.clone()
        } else {
            format!("{here}&page={n}")
        }
    };
    let (page, pages) = (plan.page, plan.pages);
    let without = (!plan.without_level.is_empty()).then(|| {
        let names = plan
            .without_level
            .iter()
            .map(|(_, title)| title.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="plan-without">{format!("Without this level in their scale: {names}.")}</p> }
    });
    let paged = (pages > 1).then(|| {
        view! {
            <p class="hint">
                {format!("Page {page} of {pages}: printing and the Markdown file cover this page. Choose a domain above for a shorter plan.")}
            </p>
        }
    });
    let role = plan.role.clone();
    let groups = plan
        .groups
        .into_iter()
        .map(|group| view! { <GroupSection group role=role.clone() level_id=level_id.clone()/> })
        .collect_view();
    view! {
        <p class="plan-links">
            <a href=ladder>"This role's ladder"</a>
            <a href=compare>"Compare with another role or level"</a>
        </p>
        {paged}
        <Enhanced name="plan" props>
            <NotesTools/>
            <noscript>
                <p class="callout">
                    "Your notes and evidence are kept in this browser and need JavaScript. The plan itself is complete without it: print it, or send its address."
                </p>
            </noscript>
            {groups}
            <section class="orphans" aria-labelledby="orphans-title" hidden>
                <h2 id="orphans-title">"Orphaned notes"</h2>
                <p>"Notes about expectations that are no longer published (the skill, role or level was removed). They are kept until you delete them."</p>
                <ul class="orphan-list"></ul>
            </section>
            <NoteTemplates/>
        </Enhanced>
        {without}
        <Pager page pages href/>
    }
}

/// One group's heading and its expectations.
#[component]
fn GroupSection(group: PlanGroup, role: Role, level_id: String) -> impl IntoView {
    let PlanGroup {
        domain,
        group,
        items,
    } = group;
    let items = items
        .into_iter()
        .map(|item| view! { <Item item role=role.clone() level_id=level_id.clone()/> })
        .collect_view();
    view! {
        <section class="plan-group">
            <h2><span class="plan-domain">{domain}</span> " › " {group}</h2>
            <ul class="plan-list">{items}</ul>
        </section>
    }
}

/// One skill's expectation at the target level, what is new against the level below, and
/// the slot the reader's note goes into.
#[component]
fn Item(item: PlanItem, role: Role, level_id: String) -> impl IntoView {
    let PlanItem {
        slug,
        title,
        key,
        required,
        text,
        below,
    } = item;
    let href = with_query(
        &crate::paths::href(&format!("/skills/{slug}")),
        &[("role", role.id.as_str()), ("level", &level_id)],
    );
    let below = below.map(|below| {
        let becomes = below.becomes_required.then(|| {
            view! { <strong class="plan-becomes">{format!(" Optional at {}, required here.", below.level)}</strong> }
        });
        view! {
            <p class="plan-new">
                <span class="plan-new-label">{format!("New since {}:", below.level)}</span>
                " "
                <span class="diff"><WordDiff changes=below.changes/></span>
                {becomes}
            </p>
        }
    });
    let first = "The first level of this skill's scale.";
    let skill = title.clone();
    let offline = crate::paths::href(&format!("/skills/{slug}"));
    view! {
        <li class="plan-item" id=slug data-key=key data-skill=skill>
            <h3>
                <a href=href>{title}</a>
                " "
                <Badge required/>
                // Shown by the offline script when the worker keeps a copy of the skill.
                <span class="marker marker-offline" data-offline=offline>"Available offline"</span>
            </h3>
            <p class="plan-text">{text}</p>
            {match below {
                Some(below) => below.into_any(),
                None => view! { <p class="plan-new">{first}</p> }.into_any(),
            }}
            <div class="note-slot"></div>
        </li>
    }
}

/// The reader's tools, shown once the enhancement runs: where notes are kept, export,
/// import, print.
#[component]
fn NotesTools() -> impl IntoView {
    view! {
        <section class="notes-tools" aria-labelledby="notes-tools-title" hidden>
            <h2 id="notes-tools-title">"Your notes and evidence"</h2>
            <p>
                "Write what you have done toward each expectation and where the evidence is. Notes are kept in this browser only and never sent; move them to another device with a file."
            </p>
            <p class="notes-count" role="status"></p>
            <div class="notes-actions">
                <a class="button button-quiet export-json" href="" download="skill-profiles-notes.json">"Download your notes (JSON)"</a>
                <a class="button button-quiet export-markdown" href="" download="growth-plan.md">"Download this plan as Markdown"</a>
                <button type="button" class="button button-quiet print-plan">"Print this plan"</button>
            </div>
            <div class="field import-field">
                <label for="notes-import">"Import notes from a file"</label>
                <input id="notes-import" class="notes-import" type="file" accept=".json,application/json"/>
            </div>
            <div class="import-outcome" role="status" aria-live="polite"></div>
        </section>
    }
}

/// What the enhancement copies: the note form of one expectation, a note on a gone
/// expectation, and the import question.
#[component]
fn NoteTemplates() -> impl IntoView {
    let states = Progress::ALL
        .into_iter()
        .map(|p| {
            view! {
                <label class="note-state">
                    <input type="radio" value=p.id()/>
                    <span>{p.label()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <template class="note-editor">
            <div class="note-box">
            <details class="note">
                <summary>
                    "Your notes: " <span class="note-summary">"none yet"</span>
                </summary>
                <fieldset class="note-progress">
                    <legend>"Where you are with it"</legend>
                    {states}
                </fieldset>
                <div class="field">
                    <label class="note-text-label">"What you have done toward it"</label>
                    <textarea class="note-text" rows="3" maxlength=MAX_NOTE_TEXT_CHARS.to_string()></textarea>
                </div>
                <div class="field">
                    <label class="note-links-label">"Evidence, one per line: a link or a few words"</label>
                    <textarea class="note-links" rows="2"></textarea>
                </div>
                <div class="note-changed callout" hidden>
                    <p>
                        <strong>"Changed since you wrote this."</strong>
                        " " <ins>"Underlined"</ins> " is new, " <del>"struck through"</del> " is gone:"
                    </p>
                    <p class="diff note-diff"></p>
                    <button type="button" class="button button-quiet note-ack">"I have read the new wording"</button>
                </div>
                <p class="note-status hint" aria-live="polite"></p>
            </details>
            <div class="note-print" hidden></div>
            </div>
        </template>
        <template class="orphan">
            <li class="orphan-item">
                <h3 class="orphan-about"></h3>
                <p class="orphan-state"></p>
                <p class="orphan-text"></p>
                <ul class="orphan-links"></ul>
                <button type="button" class="button button-quiet orphan-delete">"Delete this note"</button>
            </li>
        </template>
        <template class="import-question">
            <div class="import-question">
                <p class="import-summary"></p>
                <ul class="import-details"></ul>
                <p class="notes-actions">
                    <button type="button" class="button import-confirm">"Import these notes"</button>
                    <button type="button" class="button button-quiet import-cancel">"Cancel"</button>
                </p>
            </div>
        </template>
    }
}
