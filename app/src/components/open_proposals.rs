//! "Open proposals" on a profile, as the reference page has it. The profile page is cached
//! until the next publish, while proposals come and go, so the server renders a link to the
//! skill's proposals; enhanced ([`crate::dom`]), the list comes from the proposals page
//! (`?status=open`, rendered for each request) and its count goes on the profile's
//! "Proposals" link.

use crate::dom::{self, Enhanced};
use leptos::prelude::*;
use web_sys::Element;

/// The section, for the skill `slug` titled `title`.
#[component]
pub fn OpenProposals(
    /// The skill's slug.
    slug: String,
    /// The skill's title.
    title: String,
) -> impl IntoView {
    let all = crate::paths::href(&format!("/skills/{slug}/proposals"));
    let open = crate::model::with_query(&all, &[("status", "open")]);
    view! {
        <section class="community" aria-labelledby="open-proposals-title">
            <h2 id="open-proposals-title">"Open proposals"</h2>
            <Enhanced name="open-proposals" props=open>
                <div class="proposal-list">
                    <p><a href=all>{format!("The proposals for {title}")}</a></p>
                </div>
            </Enhanced>
        </section>
    }
}

/// Puts the open proposals of the page `root` names in place of the link, and their number
/// on the page's "Proposals" link. When they cannot be fetched the link stays: it works.
pub fn enhance(root: Element) {
    let Some(url) = dom::props::<String>(&root) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let (Some(fresh), Some(shown)) = (
            dom::fetch_part(&url, ".proposal-list").await,
            dom::one(&root, ".proposal-list"),
        ) else {
            return;
        };
        shown.set_inner_html(&fresh.inner_html());
        let count = fresh.get_attribute("data-count").unwrap_or_default();
        if count != "0" {
            dom::text(
                document()
                    .query_selector(".proposals-count")
                    .ok()
                    .flatten()
                    .as_ref(),
                &count,
            );
        }
    });
}
