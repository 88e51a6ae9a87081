//! The Skill Profiles server: `serve` (default), `check`, `import`, `export`, `user` and
//! `webhook`.
//! See `server --help`.
#![recursion_limit = "256"]

use std::process::ExitCode;

use app::api::ssr::state::AppState;
use app::api::ssr::store::Store;
use server::config::{self, Command, StoreConfig};
use server::content::{self, sync};
use server::http::router;
use server::webhooks::admin;
use server::{accounts, store};
use std::sync::Arc;

fn main() -> ExitCode {
    let command = match config::parse(std::env::args().skip(1), |key| std::env::var(key).ok()) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", config::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            print!("{}", config::USAGE);
            ExitCode::SUCCESS
        }
        Command::Check { content } => check(&content),
        Command::Serve(config) => serve(config),
        Command::Import { dir, store, links } => with_store(&store, |store| async move {
            let (added, unchanged) = sync::import(store.as_ref(), &dir, &links)
                .await
                .map_err(|err| err.to_string())?;
            println!(
                "{}: {added} new revision(s), {unchanged} unchanged",
                dir.display()
            );
            Ok(())
        }),
        Command::Export { dir, store } => with_store(&store, |store| async move {
            let written = sync::export(store.as_ref(), &dir)
                .await
                .map_err(|err| err.to_string())?;
            println!("{}: {written} profile(s) written", dir.display());
            Ok(())
        }),
        Command::AddUser { name, store } => with_store(&store, |store| add_user(store, name)),
        Command::Reviewer { name, grant, store } => with_store(&store, |store| async move {
            match store.set_reviewer(&name, grant).await {
                Ok(true) if grant => {
                    println!("{name} may now review proposals");
                    Ok(())
                }
                Ok(true) => {
                    println!("{name} may no longer review proposals");
                    Ok(())
                }
                Ok(false) => Err(format!("there is no user `{name}`")),
                Err(err) => Err(err.to_string()),
            }
        }),
        Command::AddWebhook {
            target,
            events,
            allow_private,
            store,
        } => with_store(&store, |store| async move {
            print!(
                "{}",
                admin::add(store.as_ref(), &target, &events, allow_private).await?
            );
            Ok(())
        }),
        Command::ListWebhooks { store } => with_store(&store, |store| async move {
            print!("{}", admin::list(store.as_ref()).await?);
            Ok(())
        }),
        Command::RemoveWebhook { id, store } => with_store(&store, |store| async move {
            print!("{}", admin::remove(store.as_ref(), id).await?);
            Ok(())
        }),
        Command::Deliveries { webhook, store } => with_store(&store, |store| async move {
            print!("{}", admin::deliveries(store.as_ref(), webhook).await?);
            Ok(())
        }),
    }
}

/// The async runtime `builder` makes, or `None` after saying why there is none.
fn runtime(mut builder: tokio::runtime::Builder) -> Option<tokio::runtime::Runtime> {
    builder
        .enable_all()
        .build()
        .map_err(|err| eprintln!("cannot start the async runtime: {err}"))
        .ok()
}

/// Runs `task` against the configured store on a small runtime; prints its error.
fn with_store<F, Fut>(config: &StoreConfig, task: F) -> ExitCode
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let Some(runtime) = runtime(tokio::runtime::Builder::new_current_thread()) else {
        return ExitCode::FAILURE;
    };
    let outcome = runtime.block_on(async {
        let store = store::open(config.database_url.as_deref(), &config.data_dir)
            .await
            .map_err(|err| err.to_string())?;
        task(store).await
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `user add NAME`: the password is the first line of standard input, so it never shows in
/// the process list or the shell history.
async fn add_user(store: Arc<dyn Store>, name: String) -> Result<(), String> {
    use app::model::account::{Password, Username, PASSWORD_CHARS};
    let name = Username::parse(&name).map_err(|problem| format!("`{name}`: {problem}"))?;
    eprintln!(
        "password for {name} (one line, {} to {} characters):",
        PASSWORD_CHARS.start(),
        PASSWORD_CHARS.end()
    );
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|err| format!("cannot read the password: {err}"))?;
    let password = Password::parse(password.trim_end_matches(['\r', '\n']).to_owned())
        .map_err(|problem| format!("the password: {problem}"))?;
    let hash = accounts::hash_password(password)
        .await
        .map_err(|err| err.to_string())?;
    let name = name.as_str();
    match store
        .create_user(name, Some(&hash), app::api::ssr::store::unix_now())
        .await
    {
        Ok(user) => {
            println!("created {}", user.username);
            Ok(())
        }
        Err(app::api::ssr::store::StoreError::Taken) => Err(format!("`{name}` is taken")),
        Err(err) => Err(err.to_string()),
    }
}

/// Prints every problem of a content folder; exit code 1 if there is any.
fn check(dir: &std::path::Path) -> ExitCode {
    match content::load_dir(dir) {
        Ok(catalog) => {
            let cells: usize = catalog
                .profiles()
                .iter()
                .map(|p| p.levels().len() * p.roles().len())
                .sum();
            println!(
                "{}: {} profiles, {cells} cells, no problems",
                dir.display(),
                catalog.profiles().len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("{} problem(s) in {}", errors.len(), dir.display());
            ExitCode::FAILURE
        }
    }
}

fn serve(config: config::ServeConfig) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let Some(runtime) = runtime(tokio::runtime::Builder::new_multi_thread()) else {
        return ExitCode::FAILURE;
    };
    // Invalid content stops the server before it listens, naming file, line and problem:
    // seeding checks the content folder as `check` does.
    let state = match runtime.block_on(open_published(&config)) {
        Ok(state) => state,
        Err(message) => {
            eprintln!("{message}\nthe server did not start");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(router::serve(config, state)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the store, adds the content files of profiles it does not have yet as their
/// revision 1, and reads back what is published.
async fn open_published(config: &config::ServeConfig) -> Result<AppState, String> {
    let store = store::open(config.store.database_url.as_deref(), &config.store.data_dir)
        .await
        .map_err(|err| err.to_string())?;
    if !config.rate_limits {
        tracing::warn!("rate limits are off (SKILLS_RATE_LIMITS=off): for load tests only");
    }
    sync::open_state(store, &config.content, config.rate_limits)
        .await
        .map_err(|err| err.to_string())
}
