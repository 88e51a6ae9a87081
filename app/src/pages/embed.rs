//! `/embed/skills/:slug`: one profile without the site's chrome, for a portal's iframe.
//! Parameters: `role`, `level` (as on the profile page), `theme` (`light`, `dark`, `auto`)
//! and `compact` (`1`: title, picker and what to cover, without the full matrix). It tells
//! its parent its height (see [`HEIGHT_SCRIPT`]); every link opens in a new tab.

use crate::components::embedded::Embedded;
use crate::components::{CompareView, Explorer, LevelPicker, Matrix};
use crate::model::PlacedProfile;
use crate::model::{Axes, Profile, Selection};
use crate::pages::profile::{query_selection, with_profile};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Sends `{type: "skill-profiles:height", height, slug}` to the parent window whenever the
/// embed's height changes (and once loaded), and follows `{type: "skill-profiles:theme",
/// theme}` from the parent. Plain script, so the frame sizes itself before the wasm loads;
/// it looks the embed up at each use and watches `<body>`, so it outlives any re-render.
pub const HEIGHT_SCRIPT: &str = r#"(function(){if(window.parent===window)return;var last=-1;function root(){return document.querySelector(".embed")}function send(){var r=root();if(!r)return;var h=Math.ceil(r.getBoundingClientRect().height);if(h!==last){last=h;window.parent.postMessage({type:"skill-profiles:height",height:h,slug:r.dataset.slug},"*")}}if(window.ResizeObserver)new ResizeObserver(send).observe(document.body);window.addEventListener("load",send);send();window.addEventListener("message",function(e){var d=e.data,html=document.documentElement,r=root();if(e.source!==window.parent||!d||d.type!=="skill-profiles:theme")return;if(d.theme==="dark"||d.theme==="light")html.dataset.theme=d.theme;else if(d.theme==="auto")delete html.dataset.theme;else return;if(r)r.dataset.theme=d.theme})})();"#;

/// The theme a portal asked for.
fn theme_param(value: Option<&str>) -> &'static str {
    match value {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => "auto",
    }
}

fn compact_param(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true" | "yes" | "on"))
}

/// The embed view of the profile named in the URL.
#[component]
pub fn EmbedPage() -> impl IntoView {
    crate::api::cache_until_published();
    let query = use_query_map();
    // Read once: the selection changes the URL, these parameters stay for the page's life.
    let (theme, compact) = query.with_untracked(|q| {
        (
            theme_param(q.get_str("theme")),
            compact_param(q.get_str("compact")),
        )
    });
    let mut keep = Vec::new();
    if theme != "auto" {
        keep.push(("theme".to_owned(), theme.to_owned()));
    }
    if compact {
        keep.push(("compact".to_owned(), "1".to_owned()));
    }
    provide_context(Embedded { keep });
    with_profile(move |PlacedProfile { profile, .. }| {
        view! { <EmbedView profile theme compact/> }.into_any()
    })
}

#[component]
fn EmbedView(profile: Profile, theme: &'static str, compact: bool) -> impl IntoView {
    let selection = query_selection(&profile);
    let page = paths::href(&format!("/skills/{}", profile.slug()));
    let keywords = (!compact).then(|| {
        let items = profile
            .keywords()
            .map(|k| view! { <li>{k.to_owned()}</li> })
            .collect_view();
        view! { <ul class="keywords" aria-label="Keywords">{items}</ul> }
    });
    view! {
        <Title text=profile.title().to_owned()/>
        <Meta name="robots" content="noindex"/>
        <article
            class="embed profile"
            class:is-compact=compact
            data-theme=theme
            data-slug=profile.slug().to_string()
        >
            <header class="embed-header">
                <p class="eyebrow">"Skill profile"</p>
                <h1>
                    <a href=page.clone() target="_blank" rel="noopener">
                        {profile.title().to_owned()}
                        <span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                </h1>
                {keywords}
            </header>
            <EmbedExplorer profile=profile.clone() selection compact/>
            <script>{HEIGHT_SCRIPT}</script>
        </article>
    }
}

/// The embed's picker, compare view, matrix (unless compact) and the link to the full page
/// with the same choice, inside the explorer, as on the profile page.
#[component]
fn EmbedExplorer(profile: Profile, selection: Selection, compact: bool) -> impl IntoView {
    let page = paths::href(&format!("/skills/{}", profile.slug()));
    let full_page = format!("{page}?{}", selection.to_query(&profile));
    let matrix =
        (!compact).then(|| view! { <Matrix profile=profile.clone() selection=selection.clone()/> });
    view! {
        <Explorer
            axes=Axes::of(&profile)
            slug=profile.slug().to_string()
            selection=selection.clone()
        >
            <section aria-labelledby="embed-compare-title">
                <h2 id="embed-compare-title" class="visually-hidden">"Your level and the next"</h2>
                <LevelPicker profile=profile.clone() selection=selection.clone()/>
                <CompareView profile=profile.clone() selection=selection.clone()/>
            </section>
            {matrix}
            <footer class="embed-footer">
                <a href=full_page data-selection-link=page target="_blank" rel="noopener">
                    {if compact { "See every level in Skill Profiles" } else { "Open in Skill Profiles" }}
                    <span class="visually-hidden">" (opens in a new tab)"</span>
                </a>
                <span class="embed-note">"Watching and suggesting changes open the full site in a new tab, where you sign in."</span>
            </footer>
        </Explorer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_theme_follows_the_system() {
        assert_eq!(theme_param(Some("dark")), "dark");
        assert_eq!(theme_param(Some("light")), "light");
        assert_eq!(theme_param(Some("sepia")), "auto");
        assert_eq!(theme_param(None), "auto");
    }

    #[test]
    fn compact_takes_the_usual_yes_words() {
        assert!(compact_param(Some("1")));
        assert!(compact_param(Some("true")));
        assert!(!compact_param(Some("0")));
        assert!(!compact_param(None));
    }
}
