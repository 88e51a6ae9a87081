//! Settings from command-line flags and the environment. Flags win over the environment,
//! the environment over defaults. Nothing secret has a default.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What the binary was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the site (the default).
    Serve(ServeConfig),
    /// Validate a content folder and exit.
    Check {
        /// The folder to check.
        content: PathBuf,
    },
    /// Print usage and exit.
    Help,
}

/// Settings of `serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// Where to listen: `--addr`, else `SKILLS_ADDR`, else `LEPTOS_SITE_ADDR`, else 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// The content folder: `--content`, else `SKILLS_CONTENT`, else `content`.
    pub content: PathBuf,
}

/// Usage text for `--help` and mistakes.
pub const USAGE: &str = "\
Skill Profiles server

USAGE:
    server [serve] [--addr HOST:PORT] [--content DIR]
    server check [DIR]
    server --help

COMMANDS:
    serve    Serve the site (default). Run it from the repository root, next to target/site.
    check    Validate the content files of DIR (default: content) and print every problem
             as file:line:column: message. Exits 1 if there is any.

ENVIRONMENT:
    SKILLS_ADDR       address to listen on (default 127.0.0.1:3000; LEPTOS_SITE_ADDR also works)
    SKILLS_CONTENT    content folder (default content)
    RUST_LOG          log filter (default info)
";

/// Parses arguments (without the program name) against an environment lookup.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    let command = match args.peek().map(String::as_str) {
        Some("serve") => {
            args.next();
            "serve"
        }
        Some("check") => {
            args.next();
            "check"
        }
        Some("--help" | "-h" | "help") => return Ok(Command::Help),
        Some(other) if !other.starts_with("--") => {
            return Err(format!("unknown command `{other}`"));
        }
        _ => "serve",
    };

    let mut addr = None;
    let mut content = None;
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{flag} needs a value"))
        };
        match (command, flag.as_str()) {
            (_, "--help" | "-h") => return Ok(Command::Help),
            ("serve", "--addr") => addr = Some(value()?),
            ("serve", "--content") => content = Some(value()?),
            ("check", positional) if !positional.starts_with('-') && content.is_none() => {
                content = Some(positional.to_owned());
            }
            _ => return Err(format!("unexpected argument `{arg}` for `{command}`")),
        }
    }

    let content = PathBuf::from(
        content
            .or_else(|| env("SKILLS_CONTENT"))
            .unwrap_or_else(|| "content".into()),
    );
    if command == "check" {
        return Ok(Command::Check { content });
    }
    let addr_text = addr
        .or_else(|| env("SKILLS_ADDR"))
        .or_else(|| env("LEPTOS_SITE_ADDR"))
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let addr = addr_text
        .parse()
        .map_err(|_| format!("`{addr_text}` is not an address such as 127.0.0.1:3000"))?;
    Ok(Command::Serve(ServeConfig { addr, content }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_with(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse(args.iter().map(|a| a.to_string()), move |key| {
            env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        })
    }

    fn serve(addr: &str, content: &str) -> Command {
        Command::Serve(ServeConfig {
            addr: addr.parse().unwrap(),
            content: content.into(),
        })
    }

    #[test]
    fn no_arguments_serve_the_bundled_content_on_port_3000() {
        assert_eq!(parse_with(&[], &[]), Ok(serve("127.0.0.1:3000", "content")));
    }

    #[test]
    fn the_address_flag_wins_over_the_environment() {
        let env = [
            ("SKILLS_ADDR", "127.0.0.1:4000"),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:5000"),
        ];
        assert_eq!(
            parse_with(&["--addr", "0.0.0.0:8080"], &env),
            Ok(serve("0.0.0.0:8080", "content"))
        );
        assert_eq!(
            parse_with(&["serve", "--addr=[::1]:9"], &env),
            Ok(serve("[::1]:9", "content"))
        );
        assert_eq!(
            parse_with(&[], &env),
            Ok(serve("127.0.0.1:4000", "content"))
        );
        assert_eq!(
            parse_with(&[], &env[1..]),
            Ok(serve("127.0.0.1:5000", "content"))
        );
    }

    #[test]
    fn check_takes_an_optional_folder() {
        assert_eq!(
            parse_with(&["check"], &[]),
            Ok(Command::Check {
                content: "content".into()
            })
        );
        assert_eq!(
            parse_with(&["check", "x/y"], &[]),
            Ok(Command::Check {
                content: "x/y".into()
            })
        );
    }

    #[test]
    fn a_bad_address_or_unknown_argument_is_explained() {
        assert_eq!(
            parse_with(&["--addr", "localhost"], &[]),
            Err("`localhost` is not an address such as 127.0.0.1:3000".into())
        );
        assert_eq!(
            parse_with(&["--port", "1"], &[]),
            Err("unexpected argument `--port` for `serve`".into())
        );
        assert_eq!(
            parse_with(&["launch"], &[]),
            Err("unknown command `launch`".into())
        );
        assert_eq!(
            parse_with(&["--addr"], &[]),
            Err("--addr needs a value".into())
        );
    }
}
