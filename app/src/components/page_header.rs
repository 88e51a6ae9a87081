//! The head of a page about a question across skills (a ladder, a plan, a comparison): the
//! breadcrumb from "All skills", what kind of page it is, its title and lead.

use leptos::prelude::*;

/// Breadcrumb, eyebrow, `<h1>` and lead, then whatever else the page puts in its header.
#[component]
pub fn PageHeader(
    /// What kind of page: "Role ladder".
    eyebrow: &'static str,
    /// The `<h1>`.
    title: String,
    /// The lead paragraph.
    lead: String,
    /// A breadcrumb after "All skills": (address, name).
    #[prop(default = None)]
    crumb: Option<(String, String)>,
    /// More of the header, after the lead.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let crumb = crumb.map(|(href, name)| view! { <li><a href=href>{name}</a></li> });
    view! {
        <header>
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href("/")>"All skills"</a></li>
                    {crumb}
                </ol>
            </nav>
            <p class="eyebrow">{eyebrow}</p>
            <h1>{title}</h1>
            <p class="lead">{lead}</p>
            {children.map(|c| c())}
        </header>
    }
}
