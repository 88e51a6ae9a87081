//! The Skill Profiles server: `serve` (default) and `check`. See `server --help`.
#![recursion_limit = "256"]

use std::process::ExitCode;

use server::config::{self, Command};
use server::{content, routes};

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

    // Invalid content stops the server before it listens, naming file, line and problem.
    let catalog = match content::load_dir(&config.content) {
        Ok(catalog) => catalog,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!(
                "the server did not start: {} problem(s) in {}",
                errors.len(),
                config.content.display()
            );
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(profiles = catalog.profiles().len(), dir = %config.content.display(), "content loaded");

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(routes::serve(config, catalog)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
