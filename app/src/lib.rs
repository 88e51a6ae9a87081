//! Skill Profiles: the Leptos application. The server renders every page; in the browser
//! only the parts that respond to the reader run, as *enhancements* of server-rendered
//! markup ([`dom`]: the profile's explorer, the watch toggle, the header, forms, comments,
//! the catalog search, the watching and drafts lists, the editor). Each page loads the
//! smallest client bundle that has its parts (docs/client.md). Module lines and the routes live here; the HTML document in [`shell`],
//! everything else in the modules.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod dom;
pub mod error;
pub mod model;
pub mod pages;
pub mod paths;
pub mod shell;
pub mod storage;

pub use shell::{content_security_policy, shell};

use components::SiteHeader;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};
use pages::{
    CatalogPage, CommentsPage, ComparePage, DraftsPage, EmbedPage, HistoryPage, LadderPage,
    NotFound, PlanPage, ProfilePage, ProposalPage, ProposalsPage, ReviewPage, SideBySidePage,
    SignInPage, SignUpPage, SuggestPage, WatchingPage,
};

/// The application: site header and the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let base = paths::provide_base();
    components::account::provide_account();

    view! {
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
                    <Route path=StaticSegment("plan") view=PlanPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("compare") view=SideBySidePage ssr=SsrMode::Async/>
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
                        path=(StaticSegment("skills"), ParamSegment("slug"), StaticSegment("comments"))
                        view=CommentsPage
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
