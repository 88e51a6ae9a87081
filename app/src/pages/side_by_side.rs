//! `/compare?[skill=<slug>&]a=<role>/<level>&b=<role>/<level>`: two role/level pairs side
//! by side — two levels of one role (what is new), two roles at a level (switching tracks)
//! — in one skill or across every skill. Server-rendered and linkable; a GET form changes
//! the pair; stacked on a phone.

use crate::api::get_side_by_side;
use crate::components::{page_param, Badge, PageHeader, Pager, WordDiff};
use crate::model::{
    with_query, CellPair, Expectation, Shift, ShiftCounts, SideBySide, SideBySideView, SideName,
    SideOption,
};
use crate::pages::page_loader;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The address of side `a` beside side `b` (`<role>/<level>` each) in skill `skill`
/// (empty: across every skill).
pub fn side_by_side_href(skill: &str, a: &str, b: &str) -> String {
    with_query(
        &crate::paths::href("/compare"),
        &[("skill", skill), ("a", a), ("b", b)],
    )
}

/// Loads the comparison the address asks for; a 404 page for an unknown skill.
#[component]
pub fn SideBySidePage() -> impl IntoView {
    crate::api::cache_until_published();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (q.get("skill"), q.get("a"), q.get("b"), page_param(&q))
    };
    let view = crate::components::page_resource(args, |(skill, a, b, page)| {
        get_side_by_side(skill, a, b, page)
    });
    page_loader("Loading the comparison…", view, |view| async move {
        view! { <SideBySideContent view/> }
    })
}

/// The heading, the form, and the comparison or why there is none.
#[component]
fn SideBySideContent(view: SideBySideView) -> impl IntoView {
    let SideBySideView {
        skill,
        options,
        a,
        b,
        result,
    } = view;
    let heading = match &result {
        Ok(c) => format!("{} and {}", c.a.label(), c.b.label()),
        Err(_) => "Compare roles and levels".to_owned(),
    };
    let title = match &skill {
        Some((_, t)) => format!("{heading} — {t}"),
        None => format!("{heading} — every skill"),
    };
    let lead = match (&result, &skill) {
        (Ok(c), Some((_, t))) => format!(
            "{t}: what {} is expected to know beside {}, word by word.",
            c.b.label(),
            c.a.label()
        ),
        (Ok(c), None) => summary(c),
        (Err(_), _) => "Choose two roles and levels to see them side by side.".to_owned(),
    };
    if result.is_err() {
        crate::api::set_page_status(404);
    }
    let crumb = skill
        .clone()
        .map(|(slug, t)| (crate::paths::href(&format!("/skills/{slug}")), t));
    let slug = skill.as_ref().map(|(s, _)| s.clone()).unwrap_or_default();
    let swap = side_by_side_href(&slug, &b, &a);
    let scope = match &skill {
        Some(_) => {
            let all = side_by_side_href("", &a, &b);
            view! { <a href=all>"Compare across every skill"</a> }.into_any()
        }
        None => ().into_any(),
    };
    let body = match result {
        Ok(c) => view! { <Pairs c slug=slug.clone()/> }.into_any(),
        Err(problem) => view! { <p class="callout" role="alert">{problem}</p> }.into_any(),
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=lead.clone()/>
        <article class="side-by-side">
            <PageHeader eyebrow="Side by side" title=heading lead crumb/>
            <form class="plan-form" method="get" action=crate::paths::href("/compare")>
                {skill.map(|(slug, _)| view! { <input type="hidden" name="skill" value=slug/> })}
                <SideSelect id="side-a" name="a" label="Compare" options=options.clone() chosen=a/>
                <SideSelect id="side-b" name="b" label="with" options chosen=b/>
                <button type="submit" class="button">"Compare"</button>
            </form>
            <p class="plan-links">
                <a href=swap>"Swap the two sides"</a>
                {scope}
            </p>
            {body}
        </article>
    }
}

/// "Across the 9 skills where either appears: 5 read differently, 2 become required…"
fn summary(c: &SideBySide) -> String {
    let ShiftCounts {
        changed,
        same_text,
        becomes_required,
        becomes_optional,
        only_a,
        only_b,
    } = c.counts;
    let skills = if c.total == 1 { "skill" } else { "skills" };
    let mut parts = vec![format!("{changed} read differently")];
    if same_text > 0 {
        parts.push(format!("{same_text} read the same"));
    }
    if becomes_required > 0 {
        parts.push(format!("{becomes_required} become required"));
    }
    if becomes_optional > 0 {
        parts.push(format!("{becomes_optional} become optional"));
    }
    if only_a > 0 {
        parts.push(format!("{only_a} only for {}", c.a.label()));
    }
    if only_b > 0 {
        parts.push(format!("{only_b} only for {}", c.b.label()));
    }
    format!(
        "Across the {} {skills} where either appears: {}.",
        c.total,
        parts.join(", ")
    )
}

/// A select of every role/level pair, grouped by role.
#[component]
fn SideSelect(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<SideOption>,
    chosen: String,
) -> impl IntoView {
    let mut groups: Vec<(String, Vec<SideOption>)> = Vec::new();
    for o in options {
        match groups.last_mut() {
            Some((role, list)) if *role == o.role => list.push(o),
            _ => groups.push((o.role.clone(), vec![o])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(role, list)| {
            let options = crate::pages::plan::options(
                list.into_iter()
                    .map(|o| (o.param, format!("{} at {}", o.role, o.level))),
                &chosen,
            );
            view! { <optgroup label=role>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>{groups}</select>
        </div>
    }
}

/// Every skill's pair of cells on this page, then the pager.
#[component]
fn Pairs(c: SideBySide, slug: String) -> impl IntoView {
    let SideBySide {
        a,
        b,
        pairs,
        total,
        page,
        pages,
        ..
    } = c;
    let here = side_by_side_href(&slug, &a.param, &b.param);
    let href = move |n: usize| format!("{here}&page={n}");
    let empty = (total == 0).then(|| {
        view! { <p class="empty-results">"Neither role and level has an expectation in any skill."</p> }
    });
    let list = pairs
        .into_iter()
        .map(|pair| view! { <PairView pair a=a.clone() b=b.clone()/> })
        .collect_view();
    view! {
        <p id="diff-legend" class="diff-legend">
            "In the second column, " <ins>"underlined"</ins> " words are new beside the first, "
            <del>"struck through"</del> " ones are not asked there."
        </p>
        {empty}
        <ul class="pair-list">{list}</ul>
        <Pager page pages href/>
    }
}

/// One skill: its two cells side by side (stacked on a phone), the second as a word diff,
/// a change between required and optional called out.
#[component]
fn PairView(pair: CellPair, a: SideName, b: SideName) -> impl IntoView {
    let CellPair {
        slug,
        title,
        place,
        a: cell_a,
        b: cell_b,
        changes,
        shift,
    } = pair;
    let callout = match shift {
        Shift::Same => None,
        Shift::BecomesRequired => Some(format!(
            "Becomes required: optional for {}, required for {}.",
            a.label(),
            b.label()
        )),
        Shift::BecomesOptional => Some(format!(
            "Becomes optional: required for {}, optional for {}.",
            a.label(),
            b.label()
        )),
        Shift::OnlyA => Some(format!(
            "Only for {}: not part of {}.",
            a.label(),
            b.label()
        )),
        Shift::OnlyB => Some(format!(
            "Only for {}: not part of {}.",
            b.label(),
            a.label()
        )),
    };
    let href = |side: &SideName| {
        let (role, level) = side.param.split_once('/').unwrap_or_default();
        with_query(
            &crate::paths::href(&format!("/skills/{slug}")),
            &[("role", role), ("level", level)],
        )
    };
    // The title opens the skill as a side that has it; the other side's link only when both do.
    let title_href = if cell_a.is_some() { href(&a) } else { href(&b) };
    let other = (cell_a.is_some() && cell_b.is_some()).then(|| {
        view! { <p class="pair-links"><a href=href(&b)>{format!("Open as {}", b.label())}</a></p> }
    });
    let first = column(&a, cell_a.as_ref(), None);
    let second = column(&b, cell_b.as_ref(), cell_a.is_some().then_some(changes));
    view! {
        <li class="pair">
            <h2>
                <a href=title_href>{title}</a>
                <span class="skill-place">{place}</span>
            </h2>
            {callout.map(|c| view! { <p class="callout pair-shift"><strong>{c}</strong></p> })}
            <div class="compare-grid two-up">
                {first}
                {second}
            </div>
            {other}
        </li>
    }
}

/// One side's cell: its text (as `changes` against the other side, when given), or that it
/// is not part of the skill.
fn column(
    side: &SideName,
    cell: Option<&Expectation>,
    changes: Option<Vec<crate::model::Change>>,
) -> impl IntoView {
    let label = side.label();
    match cell {
        None => view! {
            <div class="compare-col">
                <h3>{label}</h3>
                <p class="not-part">"Not part of this skill for this role and level."</p>
            </div>
        }
        .into_any(),
        Some(cell) => {
            let text = match changes {
                Some(changes) => view! {
                    <p class="diff" aria-describedby="diff-legend"><WordDiff changes/></p>
                    <details class="plain-text">
                        <summary>"Read as plain text"</summary>
                        <p>{cell.text.clone()}</p>
                    </details>
                }
                .into_any(),
                None => view! { <p>{cell.text.clone()}</p> }.into_any(),
            };
            view! {
                <div class="compare-col">
                    <h3>{label} " " <Badge required=cell.required/></h3>
                    {text}
                </div>
            }
            .into_any()
        }
    }
}
