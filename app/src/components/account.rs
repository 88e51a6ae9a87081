//! Who is signed in, for the header and the editor: one resource per page load, provided as
//! context, and the header's "Sign in" / "name · Sign out".

use crate::api::{who_am_i, UserView};
use crate::error::AppError;
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

/// "Sign in", or the user's name and a sign-out button (a form: works without JavaScript).
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
                    Ok(Some(user)) => view! {
                        <form class="sign-out" method="post" action=crate::paths::href("/sign-out")>
                            <span class="nav-user" title="Signed in">{user.name}</span>
                            <button type="submit" class="nav-link">"Sign out"</button>
                        </form>
                    }
                    .into_any(),
                    _ => signed_out().into_any(),
                }
            })}
        </Transition>
    }
}
