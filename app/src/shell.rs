//! The HTML document around every page, rendered on the server only: the head's early
//! script (theme and remembered choice before first paint) and the loader that runs the
//! page's enhancements with the smallest client bundle that has them.

#[cfg(feature = "ssr")]
use crate::{api, model};
use crate::{paths, storage, App};
use leptos::prelude::*;
use leptos_meta::MetaTags;

/// The Content-Security-Policy of every page: scripts only from this site or one of the
/// page's own inline scripts, named by their SHA-256 (`'sha256-…'` sources, computed by the
/// server from the rendered page, so a page needs no per-response nonce and two renders of
/// it are byte-identical), wasm allowed to compile, styles from this site (plus `style`
/// attributes, which the level slider sets), nothing framed but by the site itself.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let scripts: String = script_hashes
        .iter()
        .map(|hash| format!(" 'sha256-{hash}'"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self'{scripts} 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'; \
         form-action 'self'"
    )
}

/// The inline script at the top of every page's head, run before first paint so nothing
/// moves afterwards:
/// - marks `<html class="js">`, so the stylesheet lays the page out for JavaScript at once
///   (not when the wasm arrives);
/// - applies the theme the reader remembered (the envelope `storage::save(THEME, …)`
///   writes), or on the embed view the portal's `theme` parameter (`auto`, or none, follows
///   the system);
/// - on a profile or embed page whose address names no role or level, goes to the same
///   address with the reader's remembered choice (`storage::CHOICE`) before anything is
///   drawn, so the server renders it.
pub static EARLY_SCRIPT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    // The storage names and versions are `storage.rs`'s, so a new schema cannot leave this
    // script reading the old one.
    let key = |key: storage::Key| format!("{:?},{}", storage::full_name(key), key.version);
    r#"try{var d=document.documentElement,p=location.pathname,q=new URLSearchParams(location.search),t;d.classList.add("js");function kept(k,v){var s=JSON.parse(localStorage.getItem(k));return s&&s.v===v?s.data:null}t=/\/embed\//.test(p)?q.get("theme"):kept(@THEME@);if(t==="dark"||t==="light")d.dataset.theme=t;var m=document.querySelector("meta[name=base-path]"),b=m?m.content:"";if(p.indexOf(b)===0&&/^\/(embed\/)?skills\/[^\/]+\/?$/.test(p.slice(b.length))&&!q.has("role")&&!q.has("level")){var c=kept(@CHOICE@);if(c&&typeof c.role==="string"&&typeof c.level==="string"){q.set("role",c.role);q.set("level",c.level);location.replace(p+"?"+q)}}}catch(e){}"#
        .replace("@THEME@", &key(storage::THEME))
        .replace("@CHOICE@", &key(storage::CHOICE))
});

/// The file names of the client's JS glue, wasm and stylesheet under `/pkg/`: hashed
/// (`skill-profiles.<hash>.js`) when the build wrote a hash file, so they can be cached
/// forever, else the plain names; and the client bundles, if they were built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The full client's JS glue that loads its wasm (every island and enhancement).
    pub js: String,
    /// The full client's wasm.
    pub wasm: String,
    /// The stylesheet.
    pub css: String,
    /// The client bundles of `scripts/build-bundles.sh`, smallest first; empty when only
    /// the full client was built (`cargo leptos watch`).
    pub bundles: Vec<Bundle>,
    /// Pages register the offline worker (`<base>/sw.js`); off when the server's kill
    /// switch is (`SKILLS_SERVICE_WORKER=off`) and under `cargo leptos watch`.
    pub worker: bool,
}

/// One client bundle, as `bundles.json` (written by `scripts/build-bundles.sh`) lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bundle {
    /// Its JS glue under `/pkg/`.
    pub js: String,
    /// Its wasm under `/pkg/`.
    pub wasm: String,
    /// The wasm's size, to try the smaller bundles first.
    pub bytes: u64,
    /// The enhancements (`enhance_<name>`) it runs.
    pub provides: Vec<String>,
}

/// A bundle as the loader gets it: addresses under the base path, `provides: null` for the
/// full client (it runs everything).
#[derive(serde::Serialize)]
struct LoaderBundle<'a> {
    js: String,
    wasm: String,
    provides: Option<&'a [String]>,
}

impl Assets {
    /// The names for the build named `output`, given the text of cargo-leptos's hash file
    /// (`js: <hash>` lines), if there is one.
    pub fn new(output: &str, hashes: Option<&str>) -> Self {
        let hash_of = |kind: &str| {
            hashes?.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == kind && !hash.trim().is_empty()).then(|| hash.trim().to_owned())
            })
        };
        let name = |kind: &str| match hash_of(kind) {
            Some(hash) => format!("{output}.{hash}.{kind}"),
            None => format!("{output}.{kind}"),
        };
        Self {
            js: name("js"),
            wasm: name("wasm"),
            css: name("css"),
            bundles: Vec::new(),
            worker: false,
        }
    }

    /// The same names with the bundles a `bundles.json` lists (unreadable: none, so the
    /// pages load the full client).
    pub fn with_bundles(mut self, manifest: Option<&str>) -> Self {
        let mut bundles: Vec<Bundle> = manifest
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default();
        bundles.sort_by_key(|b| b.bytes);
        self.bundles = bundles;
        self
    }

    /// The names of this build: cargo-leptos writes the hash file next to the server's
    /// executable (where Leptos looks for it too), `scripts/build-bundles.sh` the list of
    /// bundles.
    #[cfg(feature = "ssr")]
    pub fn of_build(options: &LeptosOptions) -> Self {
        let beside_exe = |name: &str| {
            let path = std::env::current_exe().ok()?.parent()?.join(name);
            std::fs::read_to_string(path).ok()
        };
        Self::new(
            &options.output_name,
            beside_exe(options.hash_file.as_ref()).as_deref(),
        )
        .with_bundles(beside_exe("bundles.json").as_deref())
    }

    /// Whether the build named the files by hash (then they never change under a name).
    pub fn hashed(&self, output: &str) -> bool {
        let plain = Self::new(output, None);
        (&self.js, &self.wasm, &self.css) != (&plain.js, &plain.wasm, &plain.css)
    }

    /// `/pkg/<name>` under the base path.
    pub fn href(name: &str) -> String {
        paths::href(&format!("/pkg/{name}"))
    }
}

/// Once the browser is idle after the first paint, runs every part of the page that
/// responds to the reader — its enhancements (`[data-enhance]`, [`crate::dom`]), in
/// document order — with the smallest client bundle that has them all
/// (the full client when none has), then marks `<html data-hydrated>`, which tests wait
/// for. The JS glue and the wasm download in parallel. Parts inside `[data-load=visible]`
/// (comment threads) wait until they are about to scroll into view, then run with the loaded
/// bundle if it has them, else the smallest that has. When anything fails to load (offline, or an old tab asking for
/// files a deploy replaced), the page falls back to what it is without JavaScript — forms
/// post, rows open as `<details>` — and says so in one line.
const LOADER: &str = r#"(bundles=>{const html=document.documentElement;function notice(id,cls,text){if(document.getElementById(id))return null;const p=document.createElement("p");p.id=id;p.className=cls;p.setAttribute("role","status");p.textContent=text;document.body.prepend(p);return p}function failed(e){html.classList.remove("js");html.dataset.hydrated="failed";notice("load-notice","load-notice","The interactive parts of this page could not load, so it works as a plain page. Reload to try again.");console.warn("hydration failed",e)}const need=el=>"enhance_"+el.dataset.enhance.replace(/-/g,"_");const modules=new Map();const fits=(b,parts)=>!b.provides||parts.every(el=>b.provides.includes(need(el)));const pick=parts=>bundles.find(b=>modules.has(b.js)&&fits(b,parts))||bundles.find(b=>fits(b,parts));function load(b){let m=modules.get(b.js);if(!m){const wasm=fetch(b.wasm);m=import(b.js).then(mod=>mod.default({module_or_path:wasm}).then(()=>mod));modules.set(b.js,m)}return m}function hydrate(parts){return load(pick(parts)).then(async mod=>{for(const el of parts){const f=mod[need(el)];if(f){const r=f(el);if(r&&r.then)await r}}})}function start(){const parts=Array.from(document.querySelectorAll("[data-enhance]"));const later=el=>el.closest("[data-load=visible]");const now=parts.filter(el=>!later(el));(now.length?hydrate(now):Promise.resolve()).then(()=>{html.dataset.hydrated="true";performance.mark("hydrated")}).catch(failed);for(const box of new Set(parts.filter(later).map(later))){const inside=parts.filter(el=>later(el)===box);const seen=new IntersectionObserver(es=>{if(es.some(e=>e.isIntersecting)){seen.disconnect();hydrate(inside).catch(failed)}},{rootMargin:"400px"});seen.observe(box)}}if("requestIdleCallback" in window)requestIdleCallback(start,{timeout:1500});else setTimeout(start,0)})"#;

/// The loader's call for this build's files: the bundles, smallest first, then the full
/// client.
fn loader_call(assets: &Assets) -> String {
    let mut bundles: Vec<LoaderBundle> = assets
        .bundles
        .iter()
        .map(|b| LoaderBundle {
            js: Assets::href(&b.js),
            wasm: Assets::href(&b.wasm),
            provides: Some(&b.provides),
        })
        .collect();
    bundles.push(LoaderBundle {
        js: Assets::href(&assets.js),
        wasm: Assets::href(&assets.wasm),
        provides: None,
    });
    format!(
        "{LOADER}({});",
        serde_json::to_string(&bundles).unwrap_or_default()
    )
}

/// The HTML document around the app, rendered on the server only. Its inline scripts carry
/// no nonce: the server allows them by hash ([`content_security_policy`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let assets = use_context::<Assets>().unwrap_or_else(|| Assets::new(&options.output_name, None));
    let base = paths::base();
    // A portal's frame gets no worker: it is the portal's page, not this site's app.
    #[cfg(feature = "ssr")]
    let embedded = use_context::<http::request::Parts>()
        .is_some_and(|parts| paths::app_path(parts.uri.path()).starts_with("/embed/"));
    #[cfg(not(feature = "ssr"))]
    let embedded = false;
    // The worker's page side (`server/src/http/offline.js`) registers it, offers new
    // deployments, sends proposals submitted offline and keeps the reader's skills fresh.
    let worker = (assets.worker && !embedded).then(|| {
        view! {
            <meta name="service-worker" content=paths::href("/sw.js") data-scope=format!("{base}/")/>
            <script type="module" src=paths::href("/offline.js")></script>
        }
    });
    #[cfg(feature = "ssr")]
    let discovery = oembed_discovery();
    #[cfg(not(feature = "ssr"))]
    let discovery: Option<String> = None;
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="base-path" content=base.clone()/>
                <meta name="theme-color" media="(prefers-color-scheme: light)" content="#1f5fbf"/>
                <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#121417"/>
                <link rel="manifest" href=paths::href("/manifest.webmanifest")/>
                {worker}
                <script>{EARLY_SCRIPT.as_str()}</script>
                <link rel="stylesheet" href=Assets::href(&assets.css)/>
                // The loader fetches the page's bundle once the page is drawn (docs/client.md:
                // preloading the wasm cost 1.6 s of LCP on slow 4G). Without bundles, the full
                // client's JS glue downloads with the HTML.
                {assets.bundles.is_empty().then(|| view! { <link rel="modulepreload" href=Assets::href(&assets.js)/> })}
                <script type="module">{loader_call(&assets)}</script>
                <AutoReload options/>
                {discovery.map(|href| view! {
                    <link rel="alternate" type="application/json+oembed" href=href title="Embed this skill profile"/>
                })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// On a profile page, where oEmbed consumers find the endpoint that embeds it
/// (<https://oembed.com>, section 4): `<base>/oembed?url=<this page>`.
#[cfg(feature = "ssr")]
fn oembed_discovery() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let path = paths::app_path(parts.uri.path());
    let slug = path.strip_prefix("/skills/")?;
    api::ssr::state::AppState::current()
        .ok()?
        .catalog()
        .get(slug)?;
    let page = api::ssr::state::page_url()?;
    let origin_end = page.find("://").map_or(0, |i| i + 3);
    let origin_end = page[origin_end..]
        .find('/')
        .map_or(page.len(), |i| i + origin_end);
    Some(format!(
        "{}{}/oembed?url={}",
        &page[..origin_end],
        paths::base(),
        model::percent_encode(&page)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_early_script_reads_the_theme_and_choice_where_storage_keeps_them() {
        for key in [storage::THEME, storage::CHOICE] {
            let call = format!("kept(\"{}\",{})", storage::full_name(key), key.version);
            assert!(EARLY_SCRIPT.contains(&call), "{call} in {}", *EARLY_SCRIPT);
        }
        assert!(!EARLY_SCRIPT.contains('@'), "every placeholder is filled");
    }

    #[test]
    fn without_a_hash_file_the_plain_names_are_used() {
        let assets = Assets::new("skill-profiles", None);
        assert_eq!(assets.js, "skill-profiles.js");
        assert_eq!(assets.wasm, "skill-profiles.wasm");
        assert_eq!(assets.css, "skill-profiles.css");
    }

    #[test]
    fn the_hash_file_names_each_file_by_its_hash() {
        let text = "js: AbC\nwasm: dEf-1\ncss: x_Y\nmanifest: zz\n";
        let assets = Assets::new("skill-profiles", Some(text));
        assert_eq!(assets.js, "skill-profiles.AbC.js");
        assert_eq!(assets.wasm, "skill-profiles.dEf-1.wasm");
        assert_eq!(assets.css, "skill-profiles.x_Y.css");
    }

    #[test]
    fn a_build_is_hashed_when_its_hash_file_names_any_file() {
        assert!(!Assets::new("site", None).hashed("site"));
        assert!(Assets::new("site", Some("js: 123\n")).hashed("site"));
    }

    #[test]
    fn the_bundles_are_listed_smallest_first_and_the_full_client_comes_last() {
        let manifest = r#"[{"name":"editor","js":"e.js","wasm":"e.wasm","bytes":300,"provides":["Editor_1"]},
            {"name":"reader","js":"r.js","wasm":"r.wasm","bytes":100,"provides":["enhance_explorer"]}]"#;
        let assets = Assets::new("site", None).with_bundles(Some(manifest));
        assert_eq!(
            assets
                .bundles
                .iter()
                .map(|b| b.js.as_str())
                .collect::<Vec<_>>(),
            ["r.js", "e.js"]
        );
        let call = loader_call(&assets);
        let r = call
            .find(r#""js":"/pkg/r.js""#)
            .expect("the reader bundle is listed");
        let e = call
            .find(r#""js":"/pkg/e.js""#)
            .expect("the editor bundle is listed");
        let full = call
            .find(r#"{"js":"/pkg/site.js","wasm":"/pkg/site.wasm","provides":null}"#)
            .expect("the full client is listed");
        assert!(r < e && e < full);
    }

    #[test]
    fn an_unreadable_bundle_list_leaves_the_full_client_alone() {
        assert!(Assets::new("site", None)
            .with_bundles(Some("not json"))
            .bundles
            .is_empty());
        assert!(Assets::new("site", None)
            .with_bundles(None)
            .bundles
            .is_empty());
    }

    #[test]
    fn a_hash_file_without_a_line_for_a_file_leaves_its_name_plain() {
        let assets = Assets::new("site", Some("js: 123\n"));
        assert_eq!(assets.js, "site.123.js");
        assert_eq!(assets.wasm, "site.wasm");
    }
}
