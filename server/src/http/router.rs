//! The router: `app(state, options)` builds it for `serve` and for tests alike.

use super::cache::{self, RenderCache};
use super::files::Files;
use super::{form_pages, html, identity, security};
use crate::accounts::{self, Access};
use crate::config::{AccessConfig, ServeConfig, SiteConfig};
use app::api::ssr::state::AppState;
use app::shell::Assets;
use app::{shell, App};
use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, render_app_to_stream_with_context, LeptosRoutes};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

/// The whole site: pages, server functions, account forms, the API, downloads, static
/// files and the 404 page; under the base path when one is configured.
pub fn app(
    state: AppState,
    access: AccessConfig,
    site: SiteConfig,
    options: LeptosOptions,
) -> Router {
    let routes = generate_route_list(App);
    let state = state.with_links(site.links());
    let site = Arc::new(site);
    let frames = Arc::new(security::FramePolicy::new(&site.embed_origins));
    let api = crate::portal::router(state.clone(), site.clone());
    let cache = Arc::new(RenderCache::new(
        site.render_cache_bytes,
        {
            let state = state.clone();
            move || state.generation()
        },
        &access,
    ));
    let mut assets = Assets::of_build(&options);
    // No worker under `cargo leptos watch` (no bundles): it would keep a development build.
    assets.worker = site.service_worker && !assets.bundles.is_empty();
    let installable = super::worker::App::new(&site, &assets);
    let access = Access {
        config: Arc::new(access),
        state: state.clone(),
        base: site.base_path.as_str().into(),
        stylesheet: format!("{}/pkg/{}", site.base_path, assets.css).into(),
    };
    let base = app::paths::BasePath(site.base_path.clone());
    let files = Files::new(&options.site_root, assets.hashed(&options.output_name));
    let context = move || {
        provide_context(state.clone());
        provide_context(base.clone());
        provide_context(assets.clone());
    };
    let form_pages = form_pages::FormPages {
        render: {
            // Whole, as the pages forms return to are (`SsrMode::Async`): a browser without
            // JavaScript never shows what is streamed after the page.
            let render = leptos_axum::render_app_async_with_context(context.clone(), {
                let options = options.clone();
                move || shell(options.clone())
            });
            Arc::new(move |request| Box::pin(render(request)))
        },
        base: site.base_path.clone(),
    };
    let forms = Router::new()
        .route("/sign-up", post(accounts::sign_up))
        .route("/sign-in", post(accounts::sign_in))
        .route("/sign-out", post(accounts::sign_out))
        .with_state(access.clone());
    // Pages render with the address the browser has (base path included), so the app's
    // router sees what the browser's sees; server functions are found by their own path.
    let pages = Router::<LeptosOptions>::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .route_layer(middleware::from_fn(browser_address));
    let site_routes = Router::<LeptosOptions>::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/manifest.webmanifest", {
            let installable = installable.clone();
            get(move || std::future::ready(installable.manifest()))
        })
        .route("/sw.js", {
            let installable = installable.clone();
            get(move || std::future::ready(installable.worker()))
        })
        .route(
            "/offline.js",
            get(move || std::future::ready(installable.page_script())),
        )
        .merge(forms)
        .merge(api)
        .merge(pages)
        .fallback({
            let not_found = render_app_to_stream_with_context(context, {
                let options = options.clone();
                move || shell(options.clone())
            });
            move |request: Request| {
                let (files, not_found) = (files.clone(), not_found.clone());
                async move { files.serve_or(request, move |r| not_found(r)).await }
            }
        });
    let site_routes = around(site_routes, form_pages, access, frames).with_state(options);
    let site_routes = under_base_path(&site, site_routes);
    // Outermost, around the router as a whole (a layer on the router would run after its
    // routing and the state it clones for each request): a hit skips everything else, and
    // what it keeps is what the rest answered.
    let cached = tower::ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(cache, cache::layer))
        .service(site_routes);
    Router::new().fallback_service(cached)
}

/// What every request passes through, innermost first: the form layer, identity, the
/// cross-site refusal, body limits, the page headers (CSP, ETag), compression and the
/// security headers.
fn around(
    routes: Router<LeptosOptions>,
    form_pages: form_pages::FormPages,
    access: Access,
    frames: Arc<security::FramePolicy>,
) -> Router<LeptosOptions> {
    routes
        .layer(middleware::from_fn_with_state(
            form_pages,
            form_pages::layer,
        ))
        .layer(middleware::from_fn_with_state(access, identity::identify))
        .layer(middleware::from_fn(security::refuse_cross_site))
        .layer(DefaultBodyLimit::max(security::MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(security::MAX_BODY_BYTES))
        .layer(middleware::from_fn(html::finish))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            frames,
            security::security_headers,
        ))
}

/// The routes at the root, or nested under the base path with `/` sent there.
fn under_base_path(site: &Arc<SiteConfig>, routes: Router) -> Router {
    if site.base_path.is_empty() {
        routes
    } else {
        let home = format!("{}/", site.base_path);
        Router::new()
            .nest(
                &site.base_path,
                routes.layer(middleware::from_fn_with_state(site.clone(), under_base)),
            )
            .route("/", get(move || async move { Redirect::to(&home) }))
    }
}

/// For a page (not a server function, which is found by its path without the base), the
/// request address as the browser sent it.
async fn browser_address(mut request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        if let Some(OriginalUri(original)) = request.extensions().get::<OriginalUri>().cloned() {
            *request.uri_mut() = original;
        }
    }
    next.run(request).await
}

/// Behind the base path, redirects name the app's own paths (`/skills/x`): the browser
/// needs them under the base path.
async fn under_base(State(site): State<Arc<SiteConfig>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .map(|l| format!("{}{l}", site.base_path));
    if let Some(value) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The Leptos settings: cargo-leptos's (from the environment, or baked in at build time)
/// with our address, and production mode unless `LEPTOS_ENV` says otherwise.
pub fn leptos_options(config: &ServeConfig) -> LeptosOptions {
    let mut options = leptos::config::get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| {
            LeptosOptions::builder()
                .output_name("skill-profiles")
                .build()
        });
    if options.output_name.is_empty() {
        options.output_name = "skill-profiles".into();
    }
    if std::env::var_os("LEPTOS_ENV").is_none() {
        options.env = leptos::config::Env::PROD;
    }
    options.site_addr = config.addr;
    options
}

/// Listens on the configured address until Ctrl-C or SIGTERM, meanwhile following the
/// revisions other servers publish and delivering webhooks.
pub async fn serve(config: ServeConfig, state: AppState) -> std::io::Result<()> {
    let options = leptos_options(&config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|err| {
            std::io::Error::new(
                err.kind(),
                format!("cannot listen on {}: {err}", config.addr),
            )
        })?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    tokio::spawn(crate::content::sync::follow(state.clone()));
    let deliveries = crate::webhooks::worker::WorkerConfig {
        allow_private: config.webhook_allow_private,
        ..Default::default()
    };
    match crate::webhooks::worker::Worker::new(state.store.clone(), deliveries) {
        Ok(worker) => {
            tokio::spawn(worker.run());
        }
        // The site still serves; the deliveries wait in the database for a server that can.
        Err(err) => tracing::error!(%err, "webhooks will not be delivered by this server"),
    }
    let app = app(state, config.access.clone(), config.site.clone(), options);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, SIGTERM still stops the server.
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
