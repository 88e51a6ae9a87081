//! `/`, `/domains/:domain`, `/domains/:domain/:group`: the catalog, a domain or a group,
//! searchable as you type and paged.

use crate::api::{get_scope, search_catalog};
use crate::components::search_box::RESULTS_ID;
use crate::components::{page_param, Marked, Pager, SearchBox};
use crate::dom::Enhanced;
use crate::error::AppError;
use crate::model::{with_query, Hit, Matches, ScopeView, SearchResults};
use crate::pages::page_loader;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// The catalog page for the scope named in the path.
#[component]
pub fn CatalogPage() -> impl IntoView {
    crate::api::cache_until_published();
    let params = use_params_map();
    let query = use_query_map();
    let (domain, group) = params.with_untracked(|p| (p.get("domain"), p.get("group")));
    let (q, page) = query.with_untracked(|q| (q.get("q").unwrap_or_default(), page_param(q)));
    let found = crate::components::page_resource(
        || (),
        move |()| {
            let (domain, group, q) = (domain.clone(), group.clone(), q.clone());
            async move {
                let Some(scope) = get_scope(domain.clone(), group.clone()).await? else {
                    return Ok(None);
                };
                let results = search_catalog(domain, group, q, page).await?;
                Ok::<_, AppError>(results.map(|results| (scope, results)))
            }
        },
    );

    page_loader("Loading skills…", found, |(scope, results)| async move {
        view! { <ScopeBody scope results/> }
    })
}

/// Heading, search box, results and the ways to browse.
#[component]
fn ScopeBody(scope: ScopeView, results: SearchResults) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let (title, eyebrow, lead, label) = match (&scope.domain, &scope.group) {
        (Some(domain), Some(group)) => (
            group.name.clone(),
            Some(domain.name.clone()),
            format!("The {} skills of {} in {}.", scope.skills, group.name, domain.name),
            format!("Search {}", group.name),
        ),
        (Some(domain), None) => (
            domain.name.clone(),
            Some("Domain".to_owned()),
            format!("The {} skills of {}, by group.", scope.skills, domain.name),
            format!("Search {}", domain.name),
        ),
        _ => (
            "Skill profiles".to_owned(),
            None,
            "What each role is expected to know at each level, skill by skill. Pick a skill, then your role and level.".to_owned(),
            "Search all skills".to_owned(),
        ),
    };
    let scoped = scope.domain.is_some();
    let breadcrumb = scoped.then(|| {
        let domain_link = scope.group.as_ref().and(scope.domain.as_ref()).map(|d| {
            view! { <li><a href=crate::paths::href(&format!("/domains/{}", d.slug))>{d.name.clone()}</a></li> }
        });
        view! {
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href("/")>"All skills"</a></li>
                    {domain_link}
                </ol>
            </nav>
        }
    });
    let page_title = if scoped { title.clone() } else { String::new() };

    view! {
        <Title text=page_title/>
        <Meta name="description" content=lead.clone()/>
        <Link
            rel="alternate"
            type_="application/atom+xml"
            title="Skill Profiles: every change (Atom)"
            href=crate::paths::href("/feed.atom")
        />
        <section class="catalog">
            <header class="catalog-header">
                {breadcrumb}
                {eyebrow.map(|e| view! { <p class="eyebrow">{e}</p> })}
                <h1>{title}</h1>
                <p class="lead">{lead}</p>
            </header>
            <CatalogSearch action=path label results>
                <Browse scope/>
            </CatalogSearch>
        </section>
    }
}

/// The search box and its results, enhanced in the browser ([`crate::components::search_box`]):
/// results follow the typing without reloading the page, the query kept in the address
/// bar. `children` is the browse panel beside the results.
#[component]
fn CatalogSearch(
    /// The page's own path (base path included).
    action: String,
    /// The search box's label.
    label: String,
    /// The results the server rendered.
    results: SearchResults,
    children: Children,
) -> impl IntoView {
    let query = results.query.clone();
    view! {
        <Enhanced name="catalog-search" props=action.clone()>
            <SearchBox action=action.clone() label query/>
            <div class="catalog-layout">
                <div class="catalog-results">
                    <Results results path=action/>
                </div>
                {children()}
            </div>
        </Enhanced>
    }
}

/// The count, the skills of this page and the pager; a way out when nothing matches.
#[component]
fn Results(results: SearchResults, path: String) -> impl IntoView {
    let SearchResults {
        query,
        hits,
        total,
        page,
        pages,
    } = results;
    let searching = !query.trim().is_empty();
    let status = match (searching, total) {
        (true, 0) => format!("No skills match “{query}”."),
        (true, 1) => format!("1 skill matches “{query}”."),
        (true, n) => format!("{n} skills match “{query}”."),
        (false, 1) => "1 skill.".to_owned(),
        (false, n) => format!("{n} skills."),
    };
    let empty = (total == 0).then(|| {
        let everywhere = (crate::paths::app_path(&path) != "/").then(|| {
            view! {
                <li><a href=crate::paths::href(&with_query("/", &[("q", &query)]))>"Search all skills instead"</a></li>
            }
        });
        view! {
            <div class="empty-results">
                <p>"Try fewer or shorter words, or another spelling."</p>
                <ul>
                    <li><a href=path.clone()>"Clear the search"</a></li>
                    {everywhere}
                </ul>
            </div>
        }
    });
    let list = if searching {
        let cards = hits
            .into_iter()
            .map(|hit| view! { <SkillCard hit show_place=true/> })
            .collect_view();
        view! { <ul class="skill-list two-up">{cards}</ul> }.into_any()
    } else {
        grouped(hits).into_any()
    };
    let href = {
        let query = query.clone();
        move |n: usize| with_query(&path, &[("q", &query), ("page", &n.to_string())])
    };
    view! {
        <p class="search-status" role="status">{status}</p>
        {empty}
        <div id=RESULTS_ID>{list}</div>
        <Pager page pages href/>
    }
}

/// Skills in catalog order under domain and group headings.
fn grouped(hits: Vec<Hit>) -> impl IntoView {
    let mut sections: Vec<(String, String, Vec<Hit>)> = Vec::new();
    for hit in hits {
        let same = sections
            .last()
            .is_some_and(|(d, g, _)| *d == hit.entry.domain && *g == hit.entry.group);
        if !same {
            sections.push((
                hit.entry.domain.clone(),
                hit.entry.group.clone(),
                Vec::new(),
            ));
        }
        if let Some((_, _, list)) = sections.last_mut() {
            list.push(hit);
        }
    }
    sections
        .into_iter()
        .map(|(domain, group, hits)| {
            let cards = hits
                .into_iter()
                .map(|hit| view! { <SkillCard hit show_place=false/> })
                .collect_view();
            view! {
                <section class="group">
                    <h2 class="group-title">
                        <span class="group-domain">{domain}</span>
                        " › "
                        {group}
                    </h2>
                    <ul class="skill-list two-up">{cards}</ul>
                </section>
            }
        })
        .collect_view()
}

/// One skill: title link, place, summary, roles and figures, with search matches marked.
#[component]
fn SkillCard(hit: Hit, show_place: bool) -> impl IntoView {
    let Hit { entry, matches } = hit;
    let Matches {
        title,
        summary,
        roles,
    } = matches;
    let f = entry.figures;
    let place = show_place.then(|| {
        view! { <p class="skill-place">{format!("{} › {}", entry.domain, entry.group)}</p> }
    });
    let role_links = entry
        .roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| {
            let marks = roles
                .iter()
                .find(|(at, _)| *at == i)
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            view! {
                <li><a href=crate::paths::href(&format!("/roles/{}", role.id))><Marked text=role.name marks/></a></li>
            }
        })
        .collect_view();
    view! {
        <li class="skill-card">
            <a class="hit-link" href=crate::paths::href(&format!("/skills/{}", entry.slug))>
                <Marked text=entry.title marks=title/>
            </a>
            {place}
            <p class="skill-summary"><Marked text=entry.summary marks=summary/></p>
            <ul class="skill-roles" aria-label="Roles">{role_links}</ul>
            <p class="skill-figures">
                {format!(
                    "{} levels · {} required, {} optional",
                    f.levels, f.required, f.optional,
                )}
            </p>
        </li>
    }
}

/// Domains with their groups, and the role ladders: the ways into a large catalog.
#[component]
fn Browse(scope: ScopeView) -> impl IntoView {
    let current_domain = scope.domain.map(|d| d.slug);
    let current_group = scope.group.map(|g| g.slug);
    let domains = scope
        .domains
        .into_iter()
        .map(|d| {
            let here = current_domain.as_deref() == Some(d.domain.slug.as_str());
            let groups = d
                .groups
                .into_iter()
                .map(|g| {
                    let current = (here && current_group.as_deref() == Some(g.group.slug.as_str()))
                        .then_some("page");
                    view! {
                        <li>
                            <a href=crate::paths::href(&format!("/domains/{}/{}", d.domain.slug, g.group.slug)) aria-current=current>
                                {g.group.name}
                            </a>
                            <Count n=g.skills/>
                        </li>
                    }
                })
                .collect_view();
            let current = (here && current_group.is_none()).then_some("page");
            view! {
                <li>
                    <a class="domain-link" href=crate::paths::href(&format!("/domains/{}", d.domain.slug)) aria-current=current>
                        {d.domain.name}
                    </a>
                    <Count n=d.skills/>
                    <ul>{groups}</ul>
                </li>
            }
        })
        .collect_view();
    let roles = scope
        .roles
        .into_iter()
        .map(|r| {
            view! {
                <li>
                    <a href=crate::paths::href(&format!("/roles/{}", r.role.id))>{r.role.name}</a>
                    <Count n=r.skills/>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="browse">
            <nav aria-labelledby="browse-domains">
                <h2 id="browse-domains">"Domains and groups"</h2>
                <ul class="browse-list">{domains}</ul>
            </nav>
            <nav aria-labelledby="browse-roles">
                <h2 id="browse-roles">"Role ladders"</h2>
                <ul class="browse-list">{roles}</ul>
            </nav>
        </div>
    }
}

/// A skill count after a link: the number shown, "skills" said to screen readers.
#[component]
fn Count(n: usize) -> impl IntoView {
    let unit = if n == 1 { " skill" } else { " skills" };
    view! {
        <span class="count">{n}<span class="visually-hidden">{unit}</span></span>
    }
}
