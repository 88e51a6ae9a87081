//! The site header shown on every page.

use crate::components::{AccountNav, ThemeToggle, WatchingLink};
use leptos::prelude::*;

/// Site name linking home, the link to watched skills, the theme toggle and sign-in.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="site-name" href=crate::paths::href("/")>
                <img src=crate::paths::href("/favicon.svg") alt="" width="24" height="24"/>
                <span class="site-title">"Skill Profiles"</span>
            </a>
            <nav class="site-nav" aria-label="Site">
                <WatchingLink/>
                <ThemeToggle/>
                <AccountNav/>
            </nav>
        </header>
    }
}
