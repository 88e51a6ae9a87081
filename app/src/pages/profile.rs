//! `/skills/:slug`: one skill profile.

use crate::api::get_profile;
use crate::components::selection::{restore_last_choice, use_selection};
use crate::components::{CompareView, Figures, LevelPicker, Matrix};
use crate::model::{slugify, Profile};
use crate::pages::{ErrorPanel, NotFound};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// Loads the profile named in the URL and shows it, or a 404 page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let profile = Resource::new(slug, get_profile);

    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the profile…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(Some(profile)) => view! { <ProfileView profile/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Header, figures, the level picker with the compare view, and the matrix.
#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    let selection = use_selection(profile.clone());
    restore_last_choice(profile.clone(), selection);

    let domain_anchor = format!("/#domain-{}", slugify(profile.domain()));
    let group_anchor = format!("/#group-{}", slugify(profile.group()));
    let keywords = profile
        .keywords()
        .map(|k| view! { <li>{k.to_owned()}</li> })
        .collect_view();

    view! {
        <Title text=profile.title().to_owned()/>
        <Meta name="description" content=profile.summary().to_owned()/>
        <article class="profile">
            <header class="profile-header">
                <nav aria-label="Breadcrumb">
                    <ol class="breadcrumb">
                        <li>
                            <a href=domain_anchor>{profile.domain().to_owned()}</a>
                        </li>
                        <li>
                            <a href=group_anchor>{profile.group().to_owned()}</a>
                        </li>
                    </ol>
                </nav>
                <p class="eyebrow">"Skill profile"</p>
                <h1>{profile.title().to_owned()}</h1>
                <ul class="keywords" aria-label="Keywords">{keywords}</ul>
                <Figures profile=profile.clone()/>
            </header>
            <section class="how-to" aria-labelledby="how-to-title">
                <h2 id="how-to-title">"Choose your current level and compare expectations"</h2>
                <p class="lead">"Pick your role and level: below is what to cover to advance to the next level."</p>
                <LevelPicker profile=profile.clone() selection/>
                <CompareView profile=profile.clone() selection/>
            </section>
            <Matrix profile selection/>
        </article>
    }.into_any()
}
