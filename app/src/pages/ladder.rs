//! `/roles/:role`: one role across every skill where it appears — the career ladder.

use crate::api::get_ladder;
use crate::components::{page_param, Badge, PageHeader, Pager};
use crate::model::{with_query, LadderRow, Level, Role, RoleLadder};
use crate::pages::page_loader;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// Loads the ladder of the role named in the URL.
#[component]
pub fn LadderPage() -> impl IntoView {
    crate::api::cache_until_published();
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            params.read().get("role").unwrap_or_default(),
            q.get("level"),
            page_param(&q),
        )
    };
    let ladder =
        crate::components::page_resource(args, |(role, level, page)| get_ladder(role, level, page));
    page_loader("Loading the ladder…", ladder, |ladder| async move {
        view! { <LadderView ladder/> }
    })
}

/// Level choice, the overview table (required or optional per skill and level) and the
/// chosen level's expectations in full.
#[component]
fn LadderView(ladder: RoleLadder) -> impl IntoView {
    let RoleLadder {
        role,
        levels,
        level,
        counts,
        rows,
        total,
        page,
        pages,
    } = ladder;
    let base = crate::paths::href(&format!("/roles/{}", role.id));
    let level_id = levels
        .get(level)
        .map(|l| l.id.to_string())
        .unwrap_or_default();
    let level_name = levels
        .get(level)
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let skills = if total == 1 { "skill" } else { "skills" };
    let lead = format!(
        "What a {} is expected to know at each level, across the {total} {skills} where the role appears.",
        role.name
    );
    let here = counts.get(level).copied().unwrap_or_default();
    let href = {
        let (base, level_id) = (base.clone(), level_id.clone());
        move |n: usize| with_query(&base, &[("level", &level_id), ("page", &n.to_string())])
    };

    let feed = crate::paths::href(&format!("/roles/{}/feed.atom", role.id));
    let plan_href = crate::pages::plan::plan_href(role.id.as_str(), &level_id, "");
    let next_id = levels
        .get(level + 1)
        .map_or(level_id.clone(), |l| l.id.to_string());
    let compare_href = crate::pages::side_by_side::side_by_side_href(
        "",
        &format!("{}/{level_id}", role.id),
        &format!("{}/{next_id}", role.id),
    );
    view! {
        <Title text=format!("{} — role ladder", role.name)/>
        <Meta name="description" content=lead.clone()/>
        <Link
            rel="alternate"
            type_="application/atom+xml"
            title=format!("{}: what changes (Atom)", role.name)
            href=feed.clone()
        />
        <article class="ladder">
            <PageHeader eyebrow="Role ladder" title=role.name.clone() lead=lead.clone()>
                <p class="feed-link">
                    <a href=feed.clone() type="application/atom+xml">
                        "Follow this role's changes (Atom feed)"
                    </a>
                </p>
            </PageHeader>
            <LevelLinks base levels=levels.clone() level/>
            <p class="plan-links">
                <a href=plan_href>{format!("Growth plan for {level_name} with your notes")}</a>
                <a href=compare_href>"Compare with another role or level"</a>
            </p>
            <LadderTable
                role=role.clone()
                levels
                level
                level_id=level_id.clone()
                rows=rows.clone()
                counts
            />
            <LevelDetails role level level_id level_name here rows/>
            <Pager page pages href/>
        </article>
    }
}

/// The address of skill `slug`'s profile for the ladder's role and level.
fn skill_href(slug: &str, role: &Role, level_id: &str) -> String {
    with_query(
        &crate::paths::href(&format!("/skills/{slug}")),
        &[("role", role.id.as_str()), ("level", level_id)],
    )
}

/// A link per level to the ladder at that level (`base` the ladder's address), the chosen
/// `level` marked as the current page.
#[component]
fn LevelLinks(base: String, levels: Vec<Level>, level: usize) -> impl IntoView {
    let links = levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let current = (i == level).then_some("page");
            view! {
                <li>
                    <a
                        class="level-link"
                        href=with_query(&base, &[("level", l.id.as_str())])
                        aria-current=current
                    >
                        {l.name.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="level-links" aria-label="Choose a level">
            <ul>{links}</ul>
        </nav>
    }
}

/// The overview: a row per skill of this page, a column per level, each cell required,
/// optional or not part of the skill; the required count of every skill at the foot.
#[component]
fn LadderTable(
    /// The ladder's role.
    role: Role,
    /// Its levels, lowest first.
    levels: Vec<Level>,
    /// The chosen level, marked in every row.
    level: usize,
    /// The chosen level's id, which the skill links keep.
    level_id: String,
    /// This page of skills.
    rows: Vec<LadderRow>,
    /// Per level over all skills: (required, optional).
    counts: Vec<(usize, usize)>,
) -> impl IntoView {
    let headers = levels
        .iter()
        .enumerate()
        .map(|(i, l)| view! { <th scope="col" class:is-level=i == level>{l.name.clone()}</th> })
        .collect_view();
    let table_rows = rows
        .iter()
        .map(|row| table_row(row, &levels, level, skill_href(&row.slug, &role, &level_id)))
        .collect_view();
    let totals = counts
        .iter()
        .zip(&levels)
        .enumerate()
        .map(|(i, ((required, _), l))| {
            view! {
                <td class:is-level=i == level>
                    <span class="cell-level">{l.name.clone()}</span>
                    {*required}
                </td>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="ladder-overview">
            <h2 id="ladder-overview">"Required and optional, level by level"</h2>
            <div class="table-frame">
                <table class="ladder-table">
                    <caption class="visually-hidden">
                        {format!("Whether each skill is required or optional for a {} at each level", role.name)}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Skill"</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Required, all skills"</th>
                            {totals}
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

/// One skill's row of the overview, its title linking to `href`: a cell per level, the
/// chosen `level`'s marked.
fn table_row(row: &LadderRow, levels: &[Level], level: usize, href: String) -> impl IntoView {
    let cells = row
        .required
        .iter()
        .zip(levels)
        .enumerate()
        .map(|(i, (cell, l))| {
            let mark = match cell {
                Some(required) => view! { <Badge required=*required/> }.into_any(),
                None => view! {
                    <span class="not-part" title="Not part of this skill">"—"</span>
                    <span class="visually-hidden">"Not part of this skill"</span>
                }
                .into_any(),
            };
            view! {
                <td class:is-level=i == level>
                    <span class="cell-level">{l.name.clone()}</span>
                    {mark}
                </td>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">
                <a href=href>{row.title.clone()}</a>
                <span class="ladder-group">{row.group.clone()}</span>
            </th>
            {cells}
        </tr>
    }
}

/// The chosen level in full: how many skills require it or offer it, and the expectation
/// of every skill of this page that has the level.
#[component]
fn LevelDetails(
    /// The ladder's role.
    role: Role,
    /// The chosen level, an index into each row's levels.
    level: usize,
    /// Its id, which the skill links keep.
    level_id: String,
    /// Its name.
    level_name: String,
    /// Skills over all pages that require it and that offer it.
    here: (usize, usize),
    /// This page of skills.
    rows: Vec<LadderRow>,
) -> impl IntoView {
    let (required_here, optional_here) = here;
    let details = rows
        .into_iter()
        .filter_map(|row| {
            let required = row.required.get(level).copied().flatten()?;
            let href = skill_href(&row.slug, &role, &level_id);
            Some(view! {
                <li class="ladder-item">
                    <h3>
                        <a href=href>{row.title}</a>
                        <Badge required/>
                    </h3>
                    <p class="skill-place">{format!("{} › {}", row.domain, row.group)}</p>
                    <p>{row.text.unwrap_or_default()}</p>
                </li>
            })
        })
        .collect_view();
    view! {
        <section aria-labelledby="ladder-level">
            <h2 id="ladder-level">{format!("At {level_name}")}</h2>
            <p class="lead">
                {format!("{required_here} required and {optional_here} optional across all skills.")}
            </p>
            <ul class="ladder-list">{details}</ul>
        </section>
    }
}
