//! Who is signed in, for the header and the editor: one resource per page load, provided as
//! context, and the header's "Sign in" / "name · Sign out".

use crate::api::{review_queue, who_am_i};
use crate::error::AppError;
use crate::model::UserView;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The signed-in user of this page load, as a resource.
#[derive(Clone, Copy)]
pub struct Account(pub AsyncDerived<Result<Option<UserView>, AppError>>);

/// Provides [`Account`] to the whole app.
pub fn provide_account() {
    provide_context(Account(crate::components::page_resource(
        || (),
        |()| who_am_i(),
    )));
}

/// The account resource the app provides.
pub fn use_account() -> Account {
    expect_context::<Account>()
}

/// `/sign-in?next=<the current page>`.
pub fn sign_in_href(path: &str) -> String {
    crate::paths::href(&crate::model::with_query("/sign-in", &[("next", path)]))
}

/// "Sign in", or the user's name and a sign-out button (a form: works without JavaScript),
/// after "Review (n)" for reviewers.
#[component]
pub fn AccountNav() -> impl IntoView {
    let account = use_account();
    let location = use_location();
    let signed_out = move || {
        let href = sign_in_href(&crate::paths::app_path(&location.pathname.get()));
        view! { <a class="nav-link" href=href>"Sign in"</a> }
    };
    view! {
        <Transition fallback=signed_out>
            {move || Suspend::new(async move {
                match account.0.await {
                    Ok(Some(user)) => {
                        // Reviewers see how many proposals wait for them (a signed-in page is
                        // rendered for each request, so the count is current).
                        let waiting = if user.reviewer {
                            review_queue().await.ok().map(|queue| queue.len())
                        } else {
                            None
                        };
                        let review = waiting.map(|n| view! {
                            <a class="nav-link review-link" href=crate::paths::href("/review")>
                                "Review"
                                <span class="visually-hidden">{format!(", {n} waiting")}</span>
                                <span class="count-badge" aria-hidden="true">{(n > 0).then(|| n.to_string())}</span>
                            </a>
                        });
                        view! {
                            {review}
                            <form class="sign-out" method="post" action=crate::paths::href("/sign-out")>
                                <span class="nav-user" title="Signed in">{user.name}</span>
                                <button type="submit" class="nav-link">"Sign out"</button>
                            </form>
                        }
                        .into_any()
                    }
                    _ => signed_out().into_any(),
                }
            })}
        </Transition>
    }
}
