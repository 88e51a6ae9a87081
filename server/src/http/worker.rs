//! The installable app: the web app manifest and the offline worker (`sw.js`, the template
//! beside this file), both written for this build and base path.

use crate::config::SiteConfig;
use app::shell::Assets;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The worker's source; `__VERSION__`, `__BASE__`, `__PRECACHE__` and `__CURRENT__` are
/// filled in per build.
const WORKER: &str = include_str!("sw.js");

/// The pages' side of it (`offline.js`); `__BASE__`, `__KEYS__` and `__STORED__` are filled in.
const PAGE_SCRIPT: &str = include_str!("offline.js");

/// What a deploy with the kill switch serves as `sw.js`: every browser that has the worker
/// drops its caches, unregisters it and reloads its pages from the network.
const KILL_SWITCH: &str = "// The site turned its offline worker off (SKILLS_SERVICE_WORKER=off).\n\
self.addEventListener(\"install\",()=>self.skipWaiting());\n\
self.addEventListener(\"activate\",(e)=>e.waitUntil(caches.keys().then((ks)=>Promise.all(ks.map((k)=>caches.delete(k)))).then(()=>self.registration.unregister()).then(()=>self.clients.matchAll({type:\"window\"})).then((cs)=>cs.forEach((c)=>c.navigate(c.url)))));\n";

/// The three answers, made once at start-up.
#[derive(Clone)]
pub struct App {
    manifest: Arc<String>,
    worker: Arc<String>,
    page_script: Arc<String>,
}

/// The browser-storage names `offline.js` reads and writes, as `app::storage` spells them:
/// `{"drafts": ["skill-profiles.drafts", 1], …}`.
fn storage_keys() -> String {
    use app::storage::{full_name, Key, CHOICE, DRAFTS, OFFLINE, PLAN, WATCHES};
    let keys: serde_json::Map<String, serde_json::Value> = [DRAFTS, WATCHES, PLAN, CHOICE, OFFLINE]
        .into_iter()
        .map(|key: Key| {
            (
                key.name.to_owned(),
                serde_json::json!([full_name(key), key.version]),
            )
        })
        .collect();
    serde_json::Value::Object(keys).to_string()
}

impl App {
    /// The manifest and worker of this build under `site`'s base path.
    pub fn new(site: &SiteConfig, assets: &Assets) -> Self {
        let base = site.base_path.as_str();
        let manifest = serde_json::json!({
            "name": "Skill Profiles",
            "short_name": "Skills",
            "description": "What each role is expected to know at each level, skill by skill.",
            "id": format!("{base}/"),
            "start_url": format!("{base}/"),
            "scope": format!("{base}/"),
            "display": "standalone",
            "theme_color": "#1f5fbf",
            "background_color": "#f7f7f5",
            "icons": [
                { "src": format!("{base}/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any" },
                { "src": format!("{base}/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any" },
                { "src": format!("{base}/icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
            ],
        });
        let mut precache: Vec<String> = vec![format!("{base}/pkg/{}", assets.css)];
        for bundle in &assets.bundles {
            precache.push(format!("{base}/pkg/{}", bundle.js));
            precache.push(format!("{base}/pkg/{}", bundle.wasm));
        }
        precache.push(format!("{base}/icons/icon-192.png"));
        precache.push(format!("{base}/favicon.svg"));
        precache.push(format!("{base}/offline.js"));
        let mut current: Vec<&str> = vec![&assets.css, &assets.js, &assets.wasm];
        for bundle in &assets.bundles {
            current.extend([bundle.js.as_str(), bundle.wasm.as_str()]);
        }
        let page_script = PAGE_SCRIPT
            .replace("__BASE__", base)
            .replace("__KEYS__", &storage_keys())
            .replace("__STORED__", app::storage::STORED_HERE);
        // The hashed names change with every build that changes a file, and so does the
        // worker; so it does when the scripts change.
        let version = app::model::fingerprint(
            precache
                .iter()
                .map(String::as_str)
                .chain([WORKER, page_script.as_str()]),
        );
        let list = |files: &[&str]| serde_json::to_string(files).unwrap_or_default();
        let worker = if site.service_worker {
            WORKER
                .replace("__VERSION__", &version)
                .replace("__BASE__", base)
                .replace(
                    "__PRECACHE__",
                    &list(&precache.iter().map(String::as_str).collect::<Vec<_>>()),
                )
                .replace("__CURRENT__", &list(&current))
        } else {
            KILL_SWITCH.to_owned()
        };
        Self {
            manifest: Arc::new(manifest.to_string()),
            worker: Arc::new(worker),
            page_script: Arc::new(page_script),
        }
    }

    /// `GET /manifest.webmanifest`.
    pub fn manifest(&self) -> Response {
        answer(&self.manifest, "application/manifest+json")
    }

    /// `GET /sw.js`: asked after every time, so a deploy's worker is found at once.
    pub fn worker(&self) -> Response {
        answer(&self.worker, "text/javascript; charset=utf-8")
    }

    /// `GET /offline.js`: the pages' side of the worker (the worker keeps it for offline).
    pub fn page_script(&self) -> Response {
        answer(&self.page_script, "text/javascript; charset=utf-8")
    }
}

fn answer(body: &str, kind: &'static str) -> Response {
    let mut response = body.to_owned().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets() -> Assets {
        Assets::new("skill-profiles", Some("css: abc\njs: def\nwasm: ghi")).with_bundles(Some(
            r#"[{"js":"reader.1.js","wasm":"reader.1.wasm","bytes":1,"provides":[]}]"#,
        ))
    }

    fn body(response: Response) -> String {
        let bytes =
            futures::executor::block_on(axum::body::to_bytes(response.into_body(), 1 << 20))
                .expect("a body");
        String::from_utf8(bytes.to_vec()).expect("text")
    }

    #[test]
    fn the_manifest_names_the_app_under_the_base_path_with_its_icons() {
        let site = SiteConfig {
            base_path: "/kb".into(),
            ..SiteConfig::default()
        };
        let app = App::new(&site, &assets());
        let manifest: serde_json::Value =
            serde_json::from_str(&body(app.manifest())).expect("JSON");
        assert_eq!(manifest["start_url"], "/kb/");
        assert_eq!(manifest["scope"], "/kb/");
        assert_eq!(manifest["display"], "standalone");
        assert_eq!(manifest["icons"][2]["purpose"], "maskable");
        assert_eq!(manifest["icons"][1]["src"], "/kb/icons/icon-512.png");
    }

    #[test]
    fn the_worker_keeps_this_builds_files_and_changes_with_them() {
        let site = SiteConfig::default();
        let worker = body(App::new(&site, &assets()).worker());
        assert!(worker.contains(r#"const PRECACHE = ["/pkg/skill-profiles.abc.css","/pkg/reader.1.js","/pkg/reader.1.wasm""#), "{worker}");
        assert!(!worker.contains("__"), "every placeholder is filled");
        assert!(worker.contains(r#"const CURRENT = ["skill-profiles.abc.css","skill-profiles.def.js","skill-profiles.ghi.wasm","reader.1.js","reader.1.wasm"]"#), "{worker}");
        let other = Assets::new("skill-profiles", Some("css: xyz"));
        assert_ne!(
            worker,
            body(App::new(&site, &other).worker()),
            "a new build, a new worker"
        );
    }

    #[test]
    fn the_page_script_reads_the_storage_names_the_app_writes() {
        let site = SiteConfig {
            base_path: "/kb".into(),
            ..SiteConfig::default()
        };
        let script = body(App::new(&site, &assets()).page_script());
        assert!(!script.contains("__"), "every placeholder is filled");
        assert!(script.contains(r#"const BASE = "/kb";"#));
        for key in [app::storage::DRAFTS, app::storage::OFFLINE] {
            let entry = format!(
                r#""{}":["{}",{}]"#,
                key.name,
                app::storage::full_name(key),
                key.version
            );
            assert!(script.contains(&entry), "{entry} in the script");
        }
    }

    #[test]
    fn the_kill_switch_serves_a_worker_that_clears_and_unregisters_itself() {
        let site = SiteConfig {
            service_worker: false,
            ..SiteConfig::default()
        };
        let worker = body(App::new(&site, &assets()).worker());
        assert!(worker.contains("caches.delete"));
        assert!(worker.contains("registration.unregister()"));
        assert!(!worker.contains("PRECACHE"));
    }
}
