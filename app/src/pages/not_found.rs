//! The 404 page and the panel shown when loading fails.

use crate::api::set_page_status;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// A real "not found" page, answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text="Page not found"/>
        <section class="message-page">
            <h1>"Page not found"</h1>
            <p>"There is no skill profile at this address. It may have been renamed."</p>
            <p>
                <a href=crate::paths::href("/")>"Browse all skill profiles"</a>
            </p>
        </section>
    }
}

/// A failure to load, said plainly; the status follows the error.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_page_status(error.status());
    view! {
        <Title text="Something went wrong"/>
        <section class="message-page" role="alert">
            <h1>"Something went wrong"</h1>
            <p>{error.to_string()}</p>
            <p>
                <a href=crate::paths::href("/")>"Back to all skill profiles"</a>
            </p>
        </section>
    }
}
