// Skill Profiles' offline worker (issue 20). The server fills in the build's version, the
// base path and the files to keep (server/src/http/worker.rs); a new build is a new worker.
//
// - The app's files (stylesheet, client bundles, icon) are kept when the worker installs;
//   hashed files are answered from that copy.
// - Pages a reader opens are fetched from the network first (3 s at most) and a copy is kept;
//   offline, or when the network is slower, the copy is shown with a notice saying when it
//   was saved. A page never opened gets the offline page, which lists the saved ones.
// - Kept: only anonymous pages that answered 200 as HTML. Never: signed-in pages (the server
//   marks them `private, no-store`), server functions, the API, the embed view, errors.
// - At most MAX_PAGES pages; the least recently read go first, and sooner when the
//   browser's storage estimate says this origin uses most of what it may.
// - A new worker waits until the reader accepts "A new version is available" (the page's
//   offline script, offline.js beside this file), so no page mixes old and new files; a kept
//   page whose files this build no longer has is fetched again, and never shown with the
//   new build's files.
// - Keeps the skills the page asks for (watched, in the growth plan) fresh, as anonymous
//   copies, at most once an hour each.
// - Sends proposals submitted offline (the "outbox" cache the page fills) on a background
//   sync, and asks open pages to settle them.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const PRECACHE = __PRECACHE__;
// Every file of this build under /pkg/ (the precached ones and the full client).
const CURRENT = __CURRENT__;
const SHELL = `shell-${VERSION}`;
const PAGES = "pages";
const TIMEOUT_MS = 3000;
const MAX_PAGES = 200;
const SAVED_AT = "x-saved-at";
const TITLE = "x-saved-title";
const FRESH_MS = 60 * 60 * 1000;
const MAX_FRESHEN = 60;
const OUTBOX = "outbox";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
  // Not waited for: pages are answered meanwhile, and a stale copy is never shown (current()).
  renew();
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  const wanted = event.data && event.data.freshen;
  if (Array.isArray(wanted)) event.waitUntil(freshen(wanted.slice(0, MAX_FRESHEN), event.source));
  // The page that was open when this worker first took over was fetched without it: keep it.
  const url = event.data && event.data.keep;
  if (typeof url === "string" && new URL(url).origin === self.location.origin && worthKeeping(new URL(url).pathname.slice(BASE.length))) {
    event.waitUntil(
      fetch(url, { credentials: "same-origin" })
        .then((response) => (keepable(response) ? keep(new Request(url), response) : undefined))
        .catch(() => undefined),
    );
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === OUTBOX) event.waitUntil(sendOutbox());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  const path = url.pathname.slice(BASE.length);
  if (PRECACHE.includes(url.pathname) || path.startsWith("/pkg/")) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  } else if (request.mode === "navigate" && !/^\/(api|embed)\//.test(path) && !/\.(atom|csv|json|toml|md)$/.test(path)) {
    event.respondWith(page(request, event, worthKeeping(path)));
  }
});

/** The account pages are for being online: never kept. */
const worthKeeping = (path) => !/^\/(sign-in|sign-up|account)/.test(path);

/** Network first, for TIMEOUT_MS; then the kept copy, with the notice; then the offline
 * page. Kept only if `worth` it. */
async function page(request, event, worth) {
  const network = fetch(request).then(async (response) => {
    if (worth && keepable(response)) await keep(request, response.clone());
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const late = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, null));
  try {
    const answer = await Promise.race([network, late]);
    if (answer) return answer;
  } catch {
    // Offline: the kept copy below.
  }
  const cache = await caches.open(PAGES);
  const kept = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
  if (kept && (await current(kept))) {
    // Read now: the last to be evicted.
    await cache.put(request, kept.clone());
    return noticed(kept);
  }
  try {
    return await network;
  } catch {
    return offlinePage(cache);
  }
}

function keepable(response) {
  const control = response.headers.get("cache-control") || "";
  return (
    response.status === 200 &&
    response.type === "basic" &&
    (response.headers.get("content-type") || "").startsWith("text/html") &&
    !/no-store|private/.test(control)
  );
}

async function keep(request, response, evicting = true) {
  const text = await response.text();
  const title = (text.match(/<title>([^<]*)<\/title>/) || [])[1] || request.url;
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  headers.set(TITLE, encodeURIComponent(title));
  const cache = await caches.open(PAGES);
  await cache.put(request, new Response(text, { status: 200, headers }));
  if (evicting) await evict(cache);
}

/** Whether a kept page asks only for this build's files (an older build's are gone). */
async function current(kept) {
  const text = await kept.clone().text();
  const files = text.match(/\/pkg\/[^"'\s]+/g) || [];
  return files.every((file) => CURRENT.includes(file.slice(5)));
}

/** After a deploy: every kept page of an older build is fetched again, or let go. */
async function renew() {
  const cache = await caches.open(PAGES);
  for (const request of await cache.keys()) {
    const kept = await cache.match(request);
    if (!kept || (await current(kept))) continue;
    const fresh = await fetch(request.url, { credentials: "omit" }).catch(() => null);
    if (fresh && keepable(fresh)) await keep(request, fresh);
    else await cache.delete(request);
  }
}

/** Keeps anonymous copies of `urls` (skills only) no older than FRESH_MS; tells `client`. */
async function freshen(urls, client) {
  const cache = await caches.open(PAGES);
  for (const wanted of urls) {
    const url = new URL(wanted, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith(`${BASE}/skills/`)) continue;
    const kept = await cache.match(url.href);
    if (kept && Date.now() - Number(kept.headers.get(SAVED_AT)) < FRESH_MS && (await current(kept))) continue;
    const fresh = await fetch(url.href, { credentials: "omit" }).catch(() => null);
    if (!fresh) break; // Offline again.
    if (keepable(fresh)) await keep(new Request(url.href), fresh, false);
  }
  await evict(cache);
  client?.postMessage({ fresh: true });
}

/** Sends each proposal the page queued (app/src/model/draft.rs `outbox`); a sent or refused
 * one leaves the outbox, and the open pages settle their drafts (the same key again: the
 * server answers with the proposal it stored). Throws while offline, so the sync retries. */
async function sendOutbox() {
  const box = await caches.open(OUTBOX);
  for (const request of await box.keys()) {
    const entry = await (await box.match(request)).json();
    const response = await fetch(`${BASE}/api/submit-proposal`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ submission: entry.submission }),
    });
    if (response.status === 429 || response.status >= 500) throw new Error(`the server answered ${response.status}`);
    if (response.status !== 401) await box.delete(request);
  }
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage("send-outbox");
}

async function evict(cache) {
  const keys = await cache.keys();
  let over = keys.length - MAX_PAGES;
  if (navigator.storage && navigator.storage.estimate) {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    if (quota && usage > quota * 0.8) over = Math.max(over, Math.ceil(keys.length / 10));
  }
  for (const key of keys.slice(0, Math.max(over, 0))) await cache.delete(key);
}

const when = (ms) => new Date(Number(ms)).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The kept page with "offline — showing the copy from …" at the top of its content. */
async function noticed(kept) {
  const text = await kept.text();
  const saved = kept.headers.get(SAVED_AT);
  const notice = `<p class="callout offline-notice" role="status">You are offline — showing the copy from ${escape(when(saved))}.</p>`;
  const marked = text.replace(/(<main[^>]*>)/, `$1${notice}`);
  return new Response(marked, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** The page for an address never opened: what is available offline. */
async function offlinePage(cache) {
  const keys = await cache.keys();
  const items = [];
  for (const key of keys.reverse()) {
    const kept = await cache.match(key);
    if (!(await current(kept))) continue;
    const title = decodeURIComponent(kept.headers.get(TITLE) || key.url).replace(/ · Skill Profiles$/, "");
    const url = new URL(key.url);
    items.push(`<li><a href="${escape(url.pathname + url.search)}">${escape(title)}</a> <span class="hint">saved ${escape(when(kept.headers.get(SAVED_AT)))}</span></li>`);
  }
  const list = items.length
    ? `<p>These pages were saved on this device and can be read now:</p><ul class="offline-list">${items.join("")}</ul>`
    : `<p>No pages are saved on this device yet: pages you open while online are kept for reading offline.</p>`;
  const queued = [];
  const box = await caches.open(OUTBOX);
  for (const key of await box.keys()) queued.push(`<li>Your proposal for ${escape((await (await box.match(key)).json()).title)}</li>`);
  const waiting = queued.length
    ? `<h2>Waiting to send</h2><p>Submitted while offline, sent as soon as the network is back:</p><ul class="offline-list">${queued.join("")}</ul>`
    : "";
  const css = PRECACHE.find((f) => f.endsWith(".css"));
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>Offline · Skill Profiles</title><link rel="stylesheet" href="${css}"></head><body><main id="main" class="offline-page"><h1>You are offline</h1><p class="lead">This page was not saved on this device, so it cannot be shown until the network is back.</p>${waiting}${list}<p><a href="${BASE}/">All skills</a> (if it was saved)</p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
