//! `/sign-in` and `/sign-up`: plain forms posted to the server, so they work without
//! JavaScript. The server sends problems back as `?problem=code,code` with the username
//! kept; each message is shown beside its field.

use crate::components::account::use_account;
use crate::model::account::{AccountProblem, PASSWORD_CHARS, USERNAME_CHARS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The form's query: username to keep, where to go next, problems by field.
struct Sent {
    username: String,
    next: String,
    problems: Vec<AccountProblem>,
}

fn sent() -> Sent {
    let query = use_query_map();
    query.with_untracked(|q| Sent {
        username: q.get("username").unwrap_or_default(),
        next: q.get("next").unwrap_or_default(),
        problems: q
            .get("problem")
            .unwrap_or_default()
            .split(',')
            .filter_map(AccountProblem::from_code)
            .collect(),
    })
}

/// A labelled input with its problem, if any, tied to it for screen readers.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional, into)] hint: String,
    problems: Vec<AccountProblem>,
) -> impl IntoView {
    let message = problems
        .iter()
        .find(|problem| problem.field() == name)
        .map(ToString::to_string);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = match (hint.is_empty(), message.is_some()) {
        (false, true) => format!("{error_id} {hint_id}"),
        (false, false) => hint_id.clone(),
        (true, true) => error_id.clone(),
        (true, false) => String::new(),
    };
    let invalid = message.is_some().to_string();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {message.map(|m| view! { <p id=error_id class="field-error">{m}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                required=true
                value=value
                aria-invalid=invalid
                aria-describedby=(!described.is_empty()).then_some(described)
            />
            {(!hint.is_empty()).then(|| view! { <p id=hint_id class="hint">{hint}</p> })}
        </div>
    }
}

/// Says who is signed in, when someone is: shown above both forms.
#[component]
fn AlreadySignedIn() -> impl IntoView {
    let account = use_account();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                account.0.await.ok().flatten().map(|user| view! {
                    <p class="callout" role="status">
                        {format!("You are signed in as {}. ", user.name)}
                        "Signing in again switches account."
                    </p>
                })
            })}
        </Transition>
    }
}

/// `/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let Sent {
        username,
        next,
        problems,
    } = sent();
    let sign_up = crate::paths::href(&crate::model::with_query("/sign-up", &[("next", &next)]));
    view! {
        <Title text="Sign in"/>
        <section class="account-page">
            <h1>"Sign in"</h1>
            <AlreadySignedIn/>
            <p class="lead">"Sign in to submit the changes you draft. Reading and drafting need no account."</p>
            <form class="account-form" method="post" action=crate::paths::href("/sign-in")>
                <input type="hidden" name="next" value=next/>
                <Field name="username" label="Username" kind="text" autocomplete="username" value=username problems=problems.clone()/>
                <Field name="password" label="Password" kind="password" autocomplete="current-password" problems=problems/>
                <button type="submit" class="button">"Sign in"</button>
            </form>
            <p>"No account yet? " <a href=sign_up>"Sign up"</a></p>
        </section>
    }
}

/// `/sign-up`.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let Sent {
        username,
        next,
        problems,
    } = sent();
    let sign_in = crate::paths::href(&crate::model::with_query("/sign-in", &[("next", &next)]));
    view! {
        <Title text="Sign up"/>
        <section class="account-page">
            <h1>"Sign up"</h1>
            <AlreadySignedIn/>
            <p class="lead">"An account lets you submit proposals and see them reviewed."</p>
            <form class="account-form" method="post" action=crate::paths::href("/sign-up")>
                <input type="hidden" name="next" value=next/>
                <Field
                    name="username"
                    label="Username"
                    kind="text"
                    autocomplete="username"
                    value=username
                    hint=format!(
                        "{} to {} letters, digits, dots, dashes or underscores. Shown with your proposals.",
                        USERNAME_CHARS.start(),
                        USERNAME_CHARS.end()
                    )
                    problems=problems.clone()
                />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="new-password"
                    hint=format!(
                        "At least {} characters. A few unrelated words are easy to remember and hard to guess.",
                        PASSWORD_CHARS.start()
                    )
                    problems=problems.clone()
                />
                <Field name="password_again" label="Password again" kind="password" autocomplete="new-password" problems=problems/>
                <button type="submit" class="button">"Create account"</button>
            </form>
            <p>"Already have an account? " <a href=sign_in>"Sign in"</a></p>
        </section>
    }
}
