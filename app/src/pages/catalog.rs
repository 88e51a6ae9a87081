//! `/`: every published profile, by domain and group.

use crate::api::list_profiles;
use crate::model::{slugify, CatalogEntry};
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let entries = Resource::new(|| (), |_| list_profiles());
    view! {
        <Title text=""/>
        <Meta name="description" content="What each role is expected to know at each level, skill by skill."/>
        <section class="catalog">
            <h1>"Skill profiles"</h1>
            <p class="lead">
                "What each role is expected to know at each level, skill by skill. Pick a skill, then your role and level."
            </p>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading skills…"</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(entries) => view! { <Domains entries/> }.into_any(),
                        Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Entries grouped into domain sections and group lists, in catalog order.
#[component]
fn Domains(entries: Vec<CatalogEntry>) -> impl IntoView {
    let mut domains: Vec<(String, Vec<(String, Vec<CatalogEntry>)>)> = Vec::new();
    for entry in entries {
        if domains.last().is_none_or(|(d, _)| *d != entry.domain) {
            domains.push((entry.domain.clone(), Vec::new()));
        }
        let Some((_, groups)) = domains.last_mut() else {
            continue;
        };
        if groups.last().is_none_or(|(g, _)| *g != entry.group) {
            groups.push((entry.group.clone(), Vec::new()));
        }
        if let Some((_, skills)) = groups.last_mut() {
            skills.push(entry);
        }
    }
    if domains.is_empty() {
        return view! { <p>"No skill profiles are published yet."</p> }.into_any();
    }
    domains
        .into_iter()
        .map(|(domain, groups)| {
            let groups = groups
                .into_iter()
                .map(|(group, skills)| {
                    let skills = skills
                        .into_iter()
                        .map(|s| view! { <SkillCard entry=s/> })
                        .collect_view();
                    let id = format!("group-{}", slugify(&group));
                    view! {
                        <section class="group" id=id>
                            <h3>{group}</h3>
                            <ul class="skill-list two-up">{skills}</ul>
                        </section>
                    }
                })
                .collect_view();
            let id = format!("domain-{}", slugify(&domain));
            view! {
                <section class="domain" id=id>
                    <h2>{domain}</h2>
                    {groups}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// One skill in the catalog with its figures.
#[component]
fn SkillCard(entry: CatalogEntry) -> impl IntoView {
    let f = entry.figures;
    view! {
        <li class="skill-card">
            <a href=format!("/skills/{}", entry.slug)>{entry.title}</a>
            <p class="skill-summary">{entry.summary}</p>
            <p class="skill-figures">
                {format!(
                    "{} roles · {} levels · {} required, {} optional",
                    f.roles, f.levels, f.required, f.optional,
                )}
            </p>
        </li>
    }
}
