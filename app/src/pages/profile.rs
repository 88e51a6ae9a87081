//! `/skills/:slug`: one skill profile.

use crate::api::get_profile;
use crate::components::{
    CompareView, DeferredComments, Explorer, ExportForm, Figures, LevelPicker, Matrix,
    OpenProposals, WatchButton,
};
use crate::model::PlacedProfile;
use crate::model::{slugify, Axes, Neighbours, Profile, RevisionNote, Selection};
use crate::pages::page_loader;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// Loads the profile named in the URL and shows it, or a 404 page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    crate::api::cache_until_published();
    with_profile(
        |PlacedProfile {
             profile,
             neighbours,
             revision,
             note,
         }| { view! { <ProfileView profile neighbours revision note/> }.into_any() },
    )
}

/// Loads the profile named by the route's `slug` and renders it with `show`; a 404 page for
/// an unknown slug, an error panel when loading fails. For every page about one profile.
pub fn with_profile(
    show: impl Fn(PlacedProfile) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let profile = crate::components::page_resource(slug, get_profile);
    page_loader("Loading the profile…", profile, move |placed| {
        std::future::ready(show(placed))
    })
}

/// The selection the URL of the page being rendered names (server side).
pub fn query_selection(profile: &Profile) -> Selection {
    use_query_map().with_untracked(|q| {
        Selection::from_query(
            profile,
            q.get_str("role"),
            q.get_str("level"),
            q.get_str("open"),
        )
    })
}

/// Header, figures, the level picker with the compare view, and the matrix.
#[component]
fn ProfileView(
    profile: Profile,
    neighbours: Neighbours,
    revision: u32,
    note: Option<RevisionNote>,
) -> impl IntoView {
    let selection = query_selection(&profile);
    let domain_href = crate::paths::href(&format!("/domains/{}", slugify(profile.domain())));
    let group_href = format!("{domain_href}/{}", slugify(profile.group()));
    let keywords = profile
        .keywords()
        .map(|k| view! { <li>{k.to_owned()}</li> })
        .collect_view();

    view! {
        <Title text=profile.title().to_owned()/>
        <Meta name="description" content=profile.summary().to_owned()/>
        <Link
            rel="alternate"
            type_="application/atom+xml"
            title=format!("{}: what changes (Atom)", profile.title())
            href=crate::paths::href(&format!("/skills/{}/feed.atom", profile.slug()))
        />
        <article class="profile">
            <header class="profile-header">
                <nav aria-label="Breadcrumb">
                    <ol class="breadcrumb">
                        <li>
                            <a href=domain_href>{profile.domain().to_owned()}</a>
                        </li>
                        <li>
                            <a href=group_href.clone()>{profile.group().to_owned()}</a>
                        </li>
                    </ol>
                </nav>
                <p class="eyebrow">"Skill profile"</p>
                <h1>{profile.title().to_owned()}</h1>
                <ul class="keywords" aria-label="Keywords">{keywords}</ul>
                {note.clone().map(|note| view! { <RevisionLine slug=profile.slug().to_string() note end=false/> })}
                <WatchButton profile=profile.clone() revision/>
                <Figures profile=profile.clone()/>
            </header>
            <ProfileExplorer profile=profile.clone() selection/>
            {note.map(|note| view! { <RevisionLine slug=profile.slug().to_string() note end=true/> })}
            <OpenProposals slug=profile.slug().to_string() title=profile.title().to_owned()/>
            <DeferredComments slug=profile.slug().to_string()/>
            <GroupNav group=profile.group().to_owned() group_href neighbours/>
        </article>
    }
    .into_any()
}

/// "Revision 3 · changed 2 cells on 2 Dec 2026 — see what changed", the link going to the
/// compare view from the revision before. Under the header on wide screens; on phones
/// (`end`) after the explorer with the feed link, so the level picker stays on the first
/// screen and the focus order stays the document's (the stylesheet shows one of the two).
#[component]
fn RevisionLine(slug: String, note: RevisionNote, end: bool) -> impl IntoView {
    let compare = note.previous().map(|from| {
        let href = crate::paths::href(&format!(
            "/skills/{slug}/compare?from={from}&to={}",
            note.number
        ));
        view! { " — " <a href=href>"see what changed"</a> }
    });
    let follow = end.then(|| {
        let href = crate::paths::href(&format!("/skills/{slug}/feed.atom"));
        view! { " · " <a href=href type="application/atom+xml">"Follow (Atom feed)"</a> }
    });
    let class = if end {
        "revision-note revision-note-end"
    } else {
        "revision-note revision-note-top"
    };
    view! { <p class=class>{note.line()}{compare}{follow}</p> }
}

/// Everything on the page that follows the reader's choice — the level picker, the compare
/// view, the ladder link, the matrix and the download form — rendered here for the choice
/// in the address, inside the explorer that moves them when the reader chooses.
#[component]
fn ProfileExplorer(profile: Profile, selection: Selection) -> impl IntoView {
    view! {
        <Explorer
            axes=Axes::of(&profile)
            slug=profile.slug().to_string()
            selection=selection.clone()
        >
            <section class="how-to" aria-labelledby="how-to-title">
                <h2 id="how-to-title">"Choose your current level and compare expectations"</h2>
                <p class="lead">"Pick your role and level: below is what to cover to advance to the next level."</p>
                <LevelPicker profile=profile.clone() selection=selection.clone()/>
                <CompareView profile=profile.clone() selection=selection.clone()/>
                <LadderLink profile=profile.clone() selection=selection.clone()/>
            </section>
            <Matrix profile=profile.clone() selection=selection.clone()/>
            <ExportForm profile=profile.clone() selection=selection.clone()/>
        </Explorer>
    }
}

/// Previous and next skill in the profile's group, and the way back to the group.
#[component]
fn GroupNav(group: String, group_href: String, neighbours: Neighbours) -> impl IntoView {
    let link = |rel: &'static str, label: &'static str, skill: Option<(String, String)>| {
        skill.map(|(slug, title)| {
            // The arrows are decoration: kept out of the link's accessible name.
            let (before, after) = if rel == "prev" {
                ("← ", "")
            } else {
                ("", " →")
            };
            view! {
                <a class=format!("group-nav-{rel}") rel=rel href=crate::paths::href(&format!("/skills/{slug}"))>
                    <span class="group-nav-label">
                        <span aria-hidden="true">{before}</span>
                        {label}
                        <span aria-hidden="true">{after}</span>
                    </span>
                    <span class="group-nav-title">{title}</span>
                </a>
            }
        })
    };
    view! {
        <nav class="group-nav" aria-label=format!("More in {group}")>
            {link("prev", "Previous skill", neighbours.previous)}
            <a class="group-nav-all" href=group_href>{format!("All of {group}")}</a>
            {link("next", "Next skill", neighbours.next)}
        </nav>
    }
}

/// A link from the chosen role to its ladder across every skill.
#[component]
fn LadderLink(profile: Profile, selection: Selection) -> impl IntoView {
    let role = profile.roles().get(selection.role).cloned();
    view! {
        <p class="ladder-link">
            {role.map(|role| view! {
                <a href=crate::paths::href(&format!("/roles/{}", role.id))>
                    {crate::components::explorer::ladder_link_text(&role.name)}
                </a>
            })}
        </p>
    }
}
