//! Settings from command-line flags and the environment. Flags win over the environment,
//! the environment over defaults. Nothing secret has a default: there is no secret to set
//! (sessions are random tokens kept in the database; passwords are hashed with argon2id;
//! webhook secrets are made by `webhook add` and shown once).

use crate::webhooks::targets::Target;
use app::model::{EventKind, SiteLinks};
use std::net::{IpAddr, SocketAddr};
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
    /// Add the content files of a folder to the database as new revisions.
    Import {
        /// The folder.
        dir: PathBuf,
        /// The database.
        store: StoreConfig,
        /// Where the links of the `revision.published` events it makes point.
        links: SiteLinks,
    },
    /// Write the published revision of every profile as content files.
    Export {
        /// The folder.
        dir: PathBuf,
        /// The database.
        store: StoreConfig,
    },
    /// Create a user; the password is read from standard input.
    AddUser {
        /// Username.
        name: String,
        /// The database.
        store: StoreConfig,
    },
    /// Grant (or with `revoke`, take away) the reviewer role.
    Reviewer {
        /// Username.
        name: String,
        /// True to grant.
        grant: bool,
        /// The database.
        store: StoreConfig,
    },
    /// Register a webhook target; its secret is printed once.
    AddWebhook {
        /// Where deliveries are posted (`http(s)` only; checked again when it is added).
        target: Target,
        /// What it subscribes to: `--events`, else every kind.
        events: Vec<EventKind>,
        /// `SKILLS_WEBHOOK_ALLOW_PRIVATE=1`: loopback and private addresses are allowed.
        allow_private: bool,
        /// The database.
        store: StoreConfig,
    },
    /// List the webhooks (never their secrets).
    ListWebhooks {
        /// The database.
        store: StoreConfig,
    },
    /// Remove a webhook and its deliveries.
    RemoveWebhook {
        /// Its id, as listed.
        id: i64,
        /// The database.
        store: StoreConfig,
    },
    /// Show the recent deliveries (of one webhook with `--webhook ID`).
    Deliveries {
        /// Only this webhook's.
        webhook: Option<i64>,
        /// The database.
        store: StoreConfig,
    },
    /// Print usage and exit.
    Help,
}

/// Which database: PostgreSQL when a URL is given, else SQLite in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// `DATABASE_URL` (`postgres://…`).
    pub database_url: Option<String>,
    /// `--data`, else `SKILLS_DATA`, else `data`: where `skills.db` lives.
    pub data_dir: PathBuf,
}

/// Settings of `serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// Where to listen: `--addr`, else `SKILLS_ADDR`, else `LEPTOS_SITE_ADDR`, else 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// The content folder: `--content`, else `SKILLS_CONTENT`, else `content`.
    pub content: PathBuf,
    /// The database.
    pub store: StoreConfig,
    /// Who is signed in and over what, as the server decides it.
    pub access: AccessConfig,
    /// Rate limits on sign-in, sign-up and submissions; `SKILLS_RATE_LIMITS=off` turns them
    /// off for load tests.
    pub rate_limits: bool,
    /// Base path, portals that may frame the embed view, API origins.
    pub site: SiteConfig,
    /// `SKILLS_WEBHOOK_ALLOW_PRIVATE=1`: webhook deliveries may go to loopback, private and
    /// other non-global addresses (off: refused, so no webhook reaches into the intranet).
    pub webhook_allow_private: bool,
}

/// Where the site lives, who else may use it, and how much it keeps ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// `SKILLS_BASE_PATH`, for example `/skills`: the site is served under this path behind
    /// a reverse proxy. Empty (the default) for the root. No trailing slash.
    pub base_path: String,
    /// `SKILLS_EMBED_ORIGINS`: comma-separated origins (`https://portal.example.com`) whose
    /// pages may frame `/embed/…`. Every other page may be framed by the site itself only.
    pub embed_origins: Vec<String>,
    /// `SKILLS_API_ORIGINS`: comma-separated origins whose scripts may read `/api/v1/` and
    /// `/oembed` (CORS), or `*` for any. Empty (the default): same origin only.
    pub api_origins: Vec<String>,
    /// `SKILLS_RENDER_CACHE_MB` (default 64; 0 turns it off): the byte budget of the render
    /// cache, which keeps published pages, API answers and static files ready to send.
    pub render_cache_bytes: usize,
    /// `SKILLS_PUBLIC_URL`, for example `https://skills.example.com`: the site's address as
    /// readers reach it (without the base path), for the links in webhook events. Unset
    /// (the default): events carry paths only.
    pub public_url: Option<String>,
    /// `SKILLS_SERVICE_WORKER=off` is the kill switch of the offline worker: pages stop
    /// registering it and `/sw.js` becomes a worker that clears its caches and unregisters
    /// itself in every browser that has it. On by default.
    pub service_worker: bool,
}

/// The render cache's budget unless `SKILLS_RENDER_CACHE_MB` says otherwise.
pub const DEFAULT_RENDER_CACHE_BYTES: usize = 64 * 1024 * 1024;

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            base_path: String::new(),
            embed_origins: Vec::new(),
            api_origins: Vec::new(),
            render_cache_bytes: DEFAULT_RENDER_CACHE_BYTES,
            public_url: None,
            service_worker: true,
        }
    }
}

impl SiteConfig {
    /// Where the links of webhook events point on this site.
    pub fn links(&self) -> SiteLinks {
        SiteLinks::new(self.public_url.clone(), self.base_path.clone())
    }
}

/// Checks an origin as a browser sends it: `scheme://host[:port]`, nothing after.
fn parse_origin(key: &str, text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("{key}: `{text}` is not an origin such as https://portal.example.com")
        })?;
    let host_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if host_ok {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(format!(
            "{key}: `{text}` is not an origin such as https://portal.example.com (no path, no trailing slash)"
        ))
    }
}

/// `SKILLS_BASE_PATH` checked: `""` for the root, else `/a/b` without a trailing slash.
fn base_path(env: &impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let base_path = env("SKILLS_BASE_PATH").unwrap_or_default();
    let base_path = base_path.trim().trim_end_matches('/');
    let base_ok = base_path.is_empty()
        || (base_path.starts_with('/')
            && base_path[1..].split('/').all(|segment| {
                !segment.is_empty()
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    && segment != ".."
                    && segment != "."
            }));
    if base_ok {
        Ok(base_path.to_owned())
    } else {
        Err(format!(
            "SKILLS_BASE_PATH: `{base_path}` is not a path such as /skills (letters, digits, - _ . between slashes)"
        ))
    }
}

/// `SKILLS_PUBLIC_URL` checked as an origin (a trailing slash is dropped); `None` unset.
fn public_url(env: &impl Fn(&str) -> Option<String>) -> Result<Option<String>, String> {
    env("SKILLS_PUBLIC_URL")
        .map(|url| url.trim().trim_end_matches('/').to_owned())
        .filter(|url| !url.is_empty())
        .map(|url| parse_origin("SKILLS_PUBLIC_URL", &url))
        .transpose()
}

/// Where the links of events point: the public address and the base path.
fn links(env: &impl Fn(&str) -> Option<String>) -> Result<SiteLinks, String> {
    Ok(SiteLinks::new(public_url(env)?, base_path(env)?))
}

/// Reads the site settings from the environment.
fn site_config(env: &impl Fn(&str) -> Option<String>) -> Result<SiteConfig, String> {
    let list = |key: &str| -> Vec<String> {
        env(key)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let base_path = base_path(env)?;
    let embed_origins = list("SKILLS_EMBED_ORIGINS")
        .iter()
        .map(|origin| parse_origin("SKILLS_EMBED_ORIGINS", origin))
        .collect::<Result<_, _>>()?;
    let api_origins = list("SKILLS_API_ORIGINS")
        .iter()
        .map(|origin| {
            if origin == "*" {
                Ok(origin.clone())
            } else {
                parse_origin("SKILLS_API_ORIGINS", origin)
            }
        })
        .collect::<Result<_, _>>()?;
    let render_cache_bytes = match env("SKILLS_RENDER_CACHE_MB") {
        None => DEFAULT_RENDER_CACHE_BYTES,
        Some(text) => text
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|mb| mb.checked_mul(1024 * 1024))
            .ok_or_else(|| {
                format!("SKILLS_RENDER_CACHE_MB: `{text}` is not a number of megabytes such as 64 (0 turns the cache off)")
            })?,
    };
    Ok(SiteConfig {
        base_path,
        embed_origins,
        api_origins,
        render_cache_bytes,
        public_url: public_url(env)?,
        service_worker: !switch(env, "SKILLS_SERVICE_WORKER", &["off", "0", "false", "no"]),
    })
}

/// Cookies and trusted proxies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccessConfig {
    /// `SKILLS_SECURE_COOKIES=1`: the site is served over HTTPS, so the session cookie is
    /// `Secure` with the `__Host-` prefix on every response. Without it, only requests a
    /// trusted proxy marks `X-Forwarded-Proto: https` get them.
    pub secure_cookies: bool,
    /// `SKILLS_TRUSTED_PROXIES`: comma-separated addresses whose forwarded headers are
    /// believed (client address, scheme and, with `user_header`, the user).
    pub trusted_proxies: Vec<IpAddr>,
    /// `SKILLS_PROXY_USER_HEADER`, for example `X-Forwarded-User`: the signed-in user as the
    /// portal's proxy names them, honoured only from a trusted proxy.
    pub user_header: Option<String>,
}

/// Usage text for `--help` and mistakes.
pub const USAGE: &str = "\
Skill Profiles server

USAGE:
    server [serve] [--addr HOST:PORT] [--content DIR] [--data DIR]
    server check [DIR]
    server import DIR            add changed content files as new revisions
    server export DIR            write the published profiles as content files
    server user add NAME         create a user; the password is read from standard input
    server user grant-reviewer NAME | revoke-reviewer NAME
    server webhook add URL [--events revision.published,proposal.opened,proposal.decided]
    server webhook list          id, address, events and date of every webhook (never secrets)
    server webhook remove ID     remove a webhook and its deliveries
    server webhook deliveries [--webhook ID]
                                 recent deliveries: attempts, last status or error, next attempt
    server --help

COMMANDS:
    serve    Serve the site (default). Run it from the repository root, next to target/site.
             On first start the content files become revision 1 of each profile.
    check    Validate the content files of DIR (default: content) and print every problem
             as file:line:column: message. Exits 1 if there is any.
    webhook add
             Register an http(s) address to be told of events (default: all three). Prints
             the secret deliveries are signed with, once; the database keeps it to sign.

ENVIRONMENT:
    SKILLS_ADDR               address to listen on (default 127.0.0.1:3000; LEPTOS_SITE_ADDR also works)
    SKILLS_CONTENT            content folder (default content)
    SKILLS_DATA               data folder holding the SQLite file skills.db (default data)
    DATABASE_URL              postgres://… to use PostgreSQL instead of SQLite
    SKILLS_SECURE_COOKIES     1 when the site is served over HTTPS (Secure, __Host- cookies)
    SKILLS_TRUSTED_PROXIES    comma-separated proxy addresses whose X-Forwarded-* are believed
    SKILLS_PROXY_USER_HEADER  header a trusted proxy names the signed-in user in
    SKILLS_RATE_LIMITS        off to disable rate limits (load tests only; default on)
    SKILLS_BASE_PATH          serve the site under this path, e.g. /skills (default: the root)
    SKILLS_EMBED_ORIGINS      comma-separated portal origins allowed to frame /embed/ pages
    SKILLS_API_ORIGINS        comma-separated origins (or *) allowed to read /api/v1/ by CORS
    SKILLS_RENDER_CACHE_MB    memory for published pages ready to send (default 64; 0 = off)
    SKILLS_SERVICE_WORKER     off unregisters the offline worker in every browser (kill switch)
    SKILLS_PUBLIC_URL         the site's address, e.g. https://skills.example.com, for absolute
                              links in webhook events (unset: events carry paths only)
    SKILLS_WEBHOOK_ALLOW_PRIVATE
                              1 to let webhooks reach loopback, private and other non-global
                              addresses (default: refused, when added and at every delivery)
    RUST_LOG                  log filter (default info)
";

/// Parses arguments (without the program name) against an environment lookup, in four
/// steps: the command word, its flags, then the command's settings.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    let command = match command_word(&mut args)? {
        Word::Help => return Ok(Command::Help),
        Word::Command(command) => command,
    };
    let Some(flags) = flags(command, args)? else {
        return Ok(Command::Help);
    };
    let store = StoreConfig {
        database_url: env("DATABASE_URL").filter(|url| !url.is_empty()),
        data_dir: PathBuf::from(
            flags
                .data
                .clone()
                .or_else(|| env("SKILLS_DATA"))
                .unwrap_or_else(|| "data".into()),
        ),
    };
    match command {
        "serve" => Ok(Command::Serve(serve_config(flags, store, &env)?)),
        c if c.starts_with("webhook ") => webhook_command(command, flags, store, &env),
        _ => other_command(command, flags.positional, store, &env),
    }
}

/// The first argument read as a command.
enum Word {
    /// `--help`, `-h` or `help`.
    Help,
    /// `serve` (also when no command is named), `check`, `import`, `export`, `user add`,
    /// `grant-reviewer`, `revoke-reviewer`, `webhook add`, `webhook list`, `webhook remove`
    /// or `webhook deliveries`.
    Command(&'static str),
}

/// Reads the command word (and `user`'s second word), leaving its flags.
fn command_word(
    args: &mut std::iter::Peekable<impl Iterator<Item = String>>,
) -> Result<Word, String> {
    let word = match args.peek().map(String::as_str) {
        Some("serve") => "serve",
        Some("check") => "check",
        Some("import") => "import",
        Some("export") => "export",
        Some("user") => {
            args.next();
            return match args.next().as_deref() {
                Some("add") => Ok(Word::Command("user add")),
                Some("grant-reviewer") => Ok(Word::Command("grant-reviewer")),
                Some("revoke-reviewer") => Ok(Word::Command("revoke-reviewer")),
                _ => Err("`user` needs add, grant-reviewer or revoke-reviewer".into()),
            };
        }
        Some("webhook") => {
            args.next();
            return match args.next().as_deref() {
                Some("add") => Ok(Word::Command("webhook add")),
                Some("list") => Ok(Word::Command("webhook list")),
                Some("remove") => Ok(Word::Command("webhook remove")),
                Some("deliveries") => Ok(Word::Command("webhook deliveries")),
                _ => Err("`webhook` needs add, list, remove or deliveries".into()),
            };
        }
        Some("--help" | "-h" | "help") => return Ok(Word::Help),
        Some(other) if !other.starts_with("--") => {
            return Err(format!("unknown command `{other}`"));
        }
        _ => return Ok(Word::Command("serve")),
    };
    args.next();
    Ok(Word::Command(word))
}

/// The flags and the one positional argument a command was given.
struct Flags {
    addr: Option<String>,
    content: Option<String>,
    data: Option<String>,
    /// `webhook add --events`.
    events: Option<String>,
    /// `webhook deliveries --webhook`.
    webhook: Option<String>,
    positional: Option<String>,
}

/// Reads `command`'s flags (`--flag value` or `--flag=value`); `None` when one asks for help.
fn flags(command: &str, mut args: impl Iterator<Item = String>) -> Result<Option<Flags>, String> {
    let mut flags = Flags {
        addr: None,
        content: None,
        data: None,
        events: None,
        webhook: None,
        positional: None,
    };
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
            (_, "--help" | "-h") => return Ok(None),
            ("serve", "--addr") => flags.addr = Some(value()?),
            ("serve", "--content") => flags.content = Some(value()?),
            (c, "--data") if c != "check" => flags.data = Some(value()?),
            ("webhook add", "--events") => flags.events = Some(value()?),
            ("webhook deliveries", "--webhook") => flags.webhook = Some(value()?),
            (c, word)
                if !matches!(c, "serve" | "webhook list" | "webhook deliveries")
                    && !word.starts_with('-')
                    && flags.positional.is_none() =>
            {
                flags.positional = Some(word.to_owned());
            }
            _ => return Err(format!("unexpected argument `{arg}` for `{command}`")),
        }
    }
    Ok(Some(flags))
}

/// Every command but `serve`, from its positional argument.
fn other_command(
    command: &str,
    positional: Option<String>,
    store: StoreConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let needed = |what: &str| {
        positional
            .clone()
            .ok_or(format!("`{command}` needs {what}"))
    };
    Ok(match command {
        "check" => Command::Check {
            content: PathBuf::from(
                positional
                    .clone()
                    .or_else(|| env("SKILLS_CONTENT"))
                    .unwrap_or_else(|| "content".into()),
            ),
        },
        "import" => Command::Import {
            dir: needed("a folder")?.into(),
            store,
            links: links(env)?,
        },
        "export" => Command::Export {
            dir: needed("a folder")?.into(),
            store,
        },
        "user add" => Command::AddUser {
            name: needed("a username")?,
            store,
        },
        _ => Command::Reviewer {
            name: needed("a username")?,
            grant: command == "grant-reviewer",
            store,
        },
    })
}

/// The `webhook` commands, from their positional argument (`add`'s address, `remove`'s id)
/// and flags.
fn webhook_command(
    command: &str,
    flags: Flags,
    store: StoreConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let id = |text: &str, flag: &str| {
        text.parse::<i64>().ok().filter(|id| *id > 0).ok_or(format!(
            "{flag}`{text}` is not a webhook id such as 3 (see `server webhook list`)"
        ))
    };
    Ok(match command {
        "webhook add" => {
            let url = flags
                .positional
                .ok_or("`webhook add` needs the address to post to")?;
            Command::AddWebhook {
                target: Target::parse(&url).map_err(|err| err.to_string())?,
                events: match flags.events {
                    Some(list) => {
                        EventKind::parse_list(&list).map_err(|err| format!("--events: {err}"))?
                    }
                    None => EventKind::ALL.to_vec(),
                },
                allow_private: allow_private(env),
                store,
            }
        }
        "webhook remove" => Command::RemoveWebhook {
            id: id(
                &flags
                    .positional
                    .ok_or("`webhook remove` needs a webhook id")?,
                "",
            )?,
            store,
        },
        "webhook deliveries" => Command::Deliveries {
            webhook: flags
                .webhook
                .map(|text| id(&text, "--webhook: "))
                .transpose()?,
            store,
        },
        _ => Command::ListWebhooks { store },
    })
}

/// `SKILLS_WEBHOOK_ALLOW_PRIVATE`: webhooks may reach non-global addresses.
fn allow_private(env: &impl Fn(&str) -> Option<String>) -> bool {
    switch(
        env,
        "SKILLS_WEBHOOK_ALLOW_PRIVATE",
        &["1", "true", "yes", "on"],
    )
}

/// `serve`'s settings: address and content from flags or the environment, then access,
/// rate limits and the site.
fn serve_config(
    flags: Flags,
    store: StoreConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<ServeConfig, String> {
    let content = PathBuf::from(
        flags
            .content
            .or_else(|| env("SKILLS_CONTENT"))
            .unwrap_or_else(|| "content".into()),
    );
    let addr_text = flags
        .addr
        .or_else(|| env("SKILLS_ADDR"))
        .or_else(|| env("LEPTOS_SITE_ADDR"))
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let addr = addr_text
        .parse()
        .map_err(|_| format!("`{addr_text}` is not an address such as 127.0.0.1:3000"))?;
    Ok(ServeConfig {
        addr,
        content,
        store,
        access: access_config(env)?,
        rate_limits: !switch(env, "SKILLS_RATE_LIMITS", &["off", "0", "false", "no"]),
        site: site_config(env)?,
        webhook_allow_private: allow_private(env),
    })
}

/// Whether `key` is set to one of `on` (compared without case or surrounding spaces).
fn switch(env: &impl Fn(&str) -> Option<String>, key: &str, on: &[&str]) -> bool {
    env(key).is_some_and(|value| on.contains(&value.trim().to_ascii_lowercase().as_str()))
}

/// Cookies and trusted proxies from the environment; a user header needs trusted proxies.
fn access_config(env: &impl Fn(&str) -> Option<String>) -> Result<AccessConfig, String> {
    let trusted_proxies = env("SKILLS_TRUSTED_PROXIES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| {
            text.parse()
                .map_err(|_| format!("SKILLS_TRUSTED_PROXIES: `{text}` is not an IP address"))
        })
        .collect::<Result<Vec<IpAddr>, String>>()?;
    let user_header = env("SKILLS_PROXY_USER_HEADER").filter(|h| !h.trim().is_empty());
    if let Some(header) = &user_header {
        if http::HeaderName::from_bytes(header.as_bytes()).is_err() {
            return Err(format!(
                "SKILLS_PROXY_USER_HEADER: `{header}` is not a header name"
            ));
        }
        if trusted_proxies.is_empty() {
            return Err(
                "SKILLS_PROXY_USER_HEADER needs SKILLS_TRUSTED_PROXIES: the header is believed only from them"
                    .into(),
            );
        }
    }
    Ok(AccessConfig {
        secure_cookies: switch(env, "SKILLS_SECURE_COOKIES", &["1", "true", "yes", "on"]),
        trusted_proxies,
        user_header,
    })
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
            store: StoreConfig {
                database_url: None,
                data_dir: "data".into(),
            },
            access: AccessConfig::default(),
            rate_limits: true,
            site: SiteConfig::default(),
            webhook_allow_private: false,
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
    fn the_database_comes_from_database_url_else_the_data_folder() {
        let Ok(Command::Import { dir, store, .. }) = parse_with(
            &["import", "new", "--data", "/srv/skills"],
            &[("SKILLS_DATA", "/elsewhere")],
        ) else {
            panic!("import parses");
        };
        assert_eq!(dir, PathBuf::from("new"));
        assert_eq!(store.data_dir, PathBuf::from("/srv/skills"));
        let Ok(Command::Export { store, .. }) = parse_with(
            &["export", "out"],
            &[("DATABASE_URL", "postgres://db/skills")],
        ) else {
            panic!("export parses");
        };
        assert_eq!(store.database_url.as_deref(), Some("postgres://db/skills"));
    }

    #[test]
    fn user_commands_name_the_user() {
        assert!(matches!(
            parse_with(&["user", "add", "ada"], &[]),
            Ok(Command::AddUser { name, .. }) if name == "ada"
        ));
        assert!(matches!(
            parse_with(&["user", "grant-reviewer", "ada"], &[]),
            Ok(Command::Reviewer { grant: true, .. })
        ));
        assert_eq!(
            parse_with(&["user", "add"], &[]),
            Err("`user add` needs a username".into())
        );
    }

    #[test]
    fn a_proxy_user_header_needs_trusted_proxies_and_proxies_must_be_addresses() {
        let header = ("SKILLS_PROXY_USER_HEADER", "X-Forwarded-User");
        assert!(parse_with(&[], &[header])
            .unwrap_err()
            .contains("needs SKILLS_TRUSTED_PROXIES"));
        assert!(
            parse_with(&[], &[("SKILLS_TRUSTED_PROXIES", "10.0.0.1, proxy")])
                .unwrap_err()
                .contains("`proxy` is not an IP address")
        );
        let Ok(Command::Serve(config)) =
            parse_with(&[], &[header, ("SKILLS_TRUSTED_PROXIES", "10.0.0.1, ::1")])
        else {
            panic!("serve parses");
        };
        assert_eq!(config.access.trusted_proxies.len(), 2);
        assert_eq!(
            config.access.user_header.as_deref(),
            Some("X-Forwarded-User")
        );
    }

    #[test]
    fn rate_limits_are_on_unless_switched_off() {
        let limits = |value: &str| match parse_with(&[], &[("SKILLS_RATE_LIMITS", value)]) {
            Ok(Command::Serve(config)) => config.rate_limits,
            other => panic!("{other:?}"),
        };
        assert!(limits("on"));
        assert!(limits("yes please"));
        assert!(!limits("off"));
    }

    #[test]
    fn base_path_and_origins_are_checked_and_normalised() {
        let site = |env: &[(&str, &str)]| match parse_with(&[], env) {
            Ok(Command::Serve(config)) => Ok(config.site),
            Ok(other) => panic!("{other:?}"),
            Err(message) => Err(message),
        };
        assert_eq!(site(&[]).unwrap(), SiteConfig::default());
        let configured = site(&[
            ("SKILLS_BASE_PATH", "/tools/skills/"),
            (
                "SKILLS_EMBED_ORIGINS",
                "https://Portal.example.com, http://localhost:8080",
            ),
            ("SKILLS_API_ORIGINS", "*"),
        ])
        .unwrap();
        assert_eq!(configured.base_path, "/tools/skills");
        assert_eq!(
            configured.embed_origins,
            vec!["https://portal.example.com", "http://localhost:8080"]
        );
        assert_eq!(configured.api_origins, vec!["*"]);
        for bad in ["skills", "/a/../b", "/a b", "/a//b"] {
            let message = site(&[("SKILLS_BASE_PATH", bad)]).unwrap_err();
            assert!(message.starts_with("SKILLS_BASE_PATH"), "{bad}: {message}");
        }
        for bad in ["portal.example.com", "https://portal.example.com/", "*"] {
            let message = site(&[("SKILLS_EMBED_ORIGINS", bad)]).unwrap_err();
            assert!(
                message.starts_with("SKILLS_EMBED_ORIGINS"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn the_render_cache_budget_is_64_megabytes_unless_set_and_zero_turns_it_off() {
        let budget = |value: &str| match parse_with(&[], &[("SKILLS_RENDER_CACHE_MB", value)]) {
            Ok(Command::Serve(config)) => Ok(config.site.render_cache_bytes),
            Ok(other) => panic!("{other:?}"),
            Err(message) => Err(message),
        };
        assert_eq!(SiteConfig::default().render_cache_bytes, 64 * 1024 * 1024);
        assert_eq!(budget("8"), Ok(8 * 1024 * 1024));
        assert_eq!(budget("0"), Ok(0));
        for bad in ["-1", "lots", "64MB", ""] {
            assert!(budget(bad)
                .unwrap_err()
                .starts_with("SKILLS_RENDER_CACHE_MB"));
        }
    }

    #[test]
    fn webhook_add_takes_an_address_and_events_and_defaults_to_every_event() {
        let Ok(Command::AddWebhook {
            target,
            events,
            allow_private,
            store,
        }) = parse_with(
            &[
                "webhook",
                "add",
                "https://portal.example.com/hooks?team=7",
                "--data",
                "/srv",
            ],
            &[],
        )
        else {
            panic!("webhook add parses");
        };
        assert_eq!(target.as_str(), "https://portal.example.com/hooks?team=7");
        assert_eq!(events, EventKind::ALL.to_vec());
        assert!(!allow_private);
        assert_eq!(store.data_dir, PathBuf::from("/srv"));
        let Ok(Command::AddWebhook {
            events,
            allow_private,
            ..
        }) = parse_with(
            &[
                "webhook",
                "add",
                "--events=proposal.decided,revision.published",
                "http://127.0.0.1:9/",
            ],
            &[("SKILLS_WEBHOOK_ALLOW_PRIVATE", "1")],
        )
        else {
            panic!("webhook add parses");
        };
        assert_eq!(
            events,
            [EventKind::RevisionPublished, EventKind::ProposalDecided]
        );
        assert!(allow_private);
    }

    #[test]
    fn webhook_add_refuses_other_schemes_unknown_events_and_no_address() {
        let error = |args: &[&str]| parse_with(args, &[]).unwrap_err();
        assert!(error(&["webhook", "add", "ftp://example.com/"]).contains("only http and https"));
        assert!(error(&["webhook", "add", "portal.example.com"]).contains("is not an address"));
        assert!(error(&[
            "webhook",
            "add",
            "https://x.example",
            "--events",
            "comment.added"
        ])
        .starts_with("--events: `comment.added` is not an event"));
        assert_eq!(
            error(&["webhook", "add"]),
            "`webhook add` needs the address to post to"
        );
        assert_eq!(
            error(&["webhook", "send"]),
            "`webhook` needs add, list, remove or deliveries"
        );
    }

    #[test]
    fn webhook_list_remove_and_deliveries_name_what_they_need() {
        assert!(matches!(
            parse_with(&["webhook", "list"], &[]),
            Ok(Command::ListWebhooks { .. })
        ));
        assert_eq!(
            parse_with(&["webhook", "list", "3"], &[]),
            Err("unexpected argument `3` for `webhook list`".into())
        );
        assert!(matches!(
            parse_with(&["webhook", "remove", "3"], &[]),
            Ok(Command::RemoveWebhook { id: 3, .. })
        ));
        assert!(parse_with(&["webhook", "remove", "three"], &[])
            .unwrap_err()
            .contains("`three` is not a webhook id"));
        assert!(matches!(
            parse_with(&["webhook", "deliveries"], &[]),
            Ok(Command::Deliveries { webhook: None, .. })
        ));
        assert!(matches!(
            parse_with(&["webhook", "deliveries", "--webhook", "2"], &[]),
            Ok(Command::Deliveries {
                webhook: Some(2),
                ..
            })
        ));
        assert!(parse_with(&["webhook", "deliveries", "--webhook=0"], &[])
            .unwrap_err()
            .starts_with("--webhook: `0`"));
    }

    #[test]
    fn the_public_address_is_an_origin_used_by_serve_and_import_links() {
        let env = [
            ("SKILLS_PUBLIC_URL", "https://Skills.example.com/"),
            ("SKILLS_BASE_PATH", "/kb"),
        ];
        let Ok(Command::Serve(config)) = parse_with(&[], &env) else {
            panic!("serve parses");
        };
        assert_eq!(
            config.site.public_url.as_deref(),
            Some("https://skills.example.com")
        );
        assert_eq!(
            config.site.links().link("/skills/x"),
            "https://skills.example.com/kb/skills/x"
        );
        let Ok(Command::Import { links, .. }) = parse_with(&["import", "new"], &env) else {
            panic!("import parses");
        };
        assert_eq!(links, config.site.links());
        assert!(
            parse_with(&[], &[("SKILLS_PUBLIC_URL", "skills.example.com")])
                .unwrap_err()
                .starts_with("SKILLS_PUBLIC_URL")
        );
        assert!(
            parse_with(&[], &[("SKILLS_PUBLIC_URL", "https://s.example/kb")])
                .unwrap_err()
                .starts_with("SKILLS_PUBLIC_URL")
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
