//! Skill Profiles: the Leptos application shared by the server (SSR) and the browser
//! (hydration). Module lines, the HTML shell and the routes live here; everything else in
//! the modules.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod paths;
pub mod storage;

use components::{SiteHeader, EARLY_THEME_SCRIPT};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};
use pages::{
    CatalogPage, ComparePage, DraftsPage, EmbedPage, HistoryPage, LadderPage, NotFound,
    ProfilePage, ProposalPage, ProposalsPage, ReviewPage, SignInPage, SignUpPage, SuggestPage,
    WatchingPage,
};

/// The Content-Security-Policy of every page: scripts only from this site or carrying this
/// response's nonce (the hydration and theme scripts), wasm allowed to compile, styles from
/// this site (plus `style` attributes, which the level slider sets), nothing framed but by
/// the site itself.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'; \
         form-action 'self'"
    )
}

/// The HTML document around the app, rendered on the server only. Gives every response a
/// fresh script nonce and the policy naming it.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::provide_nonce();
        if let Some(nonce) = leptos::nonce::use_nonce() {
            api::state::set_header(
                http::header::CONTENT_SECURITY_POLICY,
                &content_security_policy(&nonce.to_string()),
            );
        }
    }
    let base = paths::base();
    #[cfg(feature = "ssr")]
    let discovery = oembed_discovery();
    #[cfg(not(feature = "ssr"))]
    let discovery: Option<String> = None;
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="base-path" content=base.clone()/>
                <script nonce=leptos::nonce::use_nonce()>{EARLY_THEME_SCRIPT}</script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options root=base/>
                {discovery.map(|href| view! {
                    <link rel="alternate" type="application/json+oembed" href=href title="Embed this skill profile"/>
                })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// On a profile page, where oEmbed consumers find the endpoint that embeds it
/// (<https://oembed.com>, section 4): `<base>/oembed?url=<this page>`.
#[cfg(feature = "ssr")]
fn oembed_discovery() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let path = paths::app_path(parts.uri.path());
    let slug = path.strip_prefix("/skills/")?;
    api::state::AppState::current().ok()?.catalog().get(slug)?;
    let page = api::state::page_url()?;
    let origin_end = page.find("://").map_or(0, |i| i + 3);
    let origin_end = page[origin_end..]
        .find('/')
        .map_or(page.len(), |i| i + origin_end);
    Some(format!(
        "{}{}/oembed?url={}",
        &page[..origin_end],
        paths::base(),
        model::percent_encode(&page)
    ))
}

/// The application: site header and the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let base = paths::provide_base();
    components::watch::provide_watches();
    components::account::provide_account();
    mark_hydrated();

    view! {
        <Stylesheet id="leptos" href=paths::href("/pkg/skill-profiles.css")/>
        <Link rel="icon" href=paths::href("/favicon.svg") type_="image/svg+xml"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "Skill Profiles".to_owned() } else { format!("{title} · Skill Profiles") }
        }/>
        <Router base=base.0>
            <SiteChrome/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=CatalogPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("domains"), ParamSegment("domain"))
                        view=CatalogPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("domains"), ParamSegment("domain"), ParamSegment("group"))
                        view=CatalogPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("watching") view=WatchingPage/>
                    <Route
                        path=(StaticSegment("embed"), StaticSegment("skills"), ParamSegment("slug"))
                        view=EmbedPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("drafts") view=DraftsPage/>
                    <Route path=StaticSegment("sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("review") view=ReviewPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("history"))
                        view=HistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("history"), StaticSegment("compare"))
                        view=ComparePage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("sign-up") view=SignUpPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("proposals"))
                        view=ProposalsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("proposals"), ParamSegment("id"))
                        view=ProposalPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("suggest"))
                        view=SuggestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("roles"), ParamSegment("role"))
                        view=LadderPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("skills"), ParamSegment("slug"))
                        view=ProfilePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// The skip link and the site header, on every page but the embed view (which a portal
/// frames, and which has no chrome).
#[component]
fn SiteChrome() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let embedded = move || paths::app_path(&location.pathname.get()).starts_with("/embed/");
    view! {
        <Show when=move || !embedded()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
        </Show>
    }
}

/// Marks `<html data-hydrated>` once the browser has hydrated the page. Effects never run
/// on the server, so the attribute means "interactive now" — tests wait for it.
fn mark_hydrated() {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            // Setting an attribute on <html> cannot fail in practice; nothing to recover.
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
