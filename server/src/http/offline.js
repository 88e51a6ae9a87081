// Skill Profiles' page side of the offline worker (issue 20): loaded as a module by every
// page that registers the worker (app/src/shell.rs). The server fills in the base path and
// the browser-storage names (app/src/storage.rs) when it starts (server/src/http/worker.rs).
//
// - Registers the worker and offers a new deployment ("A new version … Reload") instead of
//   reloading under someone typing.
// - Sends proposals submitted offline (drafts with an `outbox`, app/src/model/draft.rs) when
//   the browser is back online, on the next visit, or when the worker's background sync asks;
//   the draft's idempotency key makes a second send of the same proposal harmless. The
//   queue is mirrored into the "outbox" cache so the worker can send it with no page open.
// - Asks the worker to keep the watched skills and the growth plan's skills fresh for
//   reading offline (unless the reader turned that off on /watching), and marks them
//   "Available offline".
const BASE = "__BASE__";
const KEYS = __KEYS__;
const STORED = "__STORED__";
const OUTBOX = "outbox";
const sw = navigator.serviceWorker;

/** The data under a storage key, if written with its current version. */
function kept(name) {
  try {
    const [key, version] = KEYS[name];
    const stored = JSON.parse(localStorage.getItem(key));
    return stored && stored.v === version ? stored.data : null;
  } catch {
    return null;
  }
}

/** Writes a storage key as app/src/storage.rs does, and tells this tab's islands. */
function store(name, data) {
  const [key, v] = KEYS[name];
  try {
    localStorage.setItem(key, JSON.stringify({ v, data }));
  } catch {
    return;
  }
  dispatchEvent(new CustomEvent(STORED, { detail: key }));
}

/** Says `parts` (texts, and [text, href] links) in a status line at the top of the page's
 * content (`where`). */
function say(id, parts, className = "callout outbox-notice", where = document.querySelector("main")) {
  document.getElementById(id)?.remove();
  const line = document.createElement("p");
  line.id = id;
  line.className = className;
  line.setAttribute("role", "status");
  for (const part of parts) {
    if (typeof part === "string") {
      line.append(part);
    } else {
      const link = document.createElement("a");
      [link.textContent, link.href] = part;
      line.append(link);
    }
  }
  (where || document.body).prepend(line);
  return line;
}

// ---------- The worker and new deployments ----------

function register() {
  const meta = document.querySelector("meta[name=service-worker]");
  if (!meta || !sw) return;
  let asked = false;
  sw.addEventListener("controllerchange", () => {
    if (asked) location.reload();
    // The page open when the worker first took over was fetched without it: keep it too.
    else if (sw.controller) sw.controller.postMessage({ keep: location.href });
  });
  const offer = (waiting) => {
    if (!waiting || !sw.controller || document.getElementById("update-notice")) return;
    const line = say("update-notice", ["A new version of this site is available. "], "callout update-notice", document.body);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-quiet";
    button.textContent = "Reload";
    button.addEventListener("click", () => {
      asked = true;
      waiting.postMessage("skip-waiting");
    });
    line.append(button);
  };
  sw.register(meta.content, { scope: meta.dataset.scope })
    .then((registration) => {
      offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing?.addEventListener("statechange", () => {
          if (installing.state === "installed") offer(installing);
        });
      });
    })
    .catch((error) => console.warn("no offline worker", error));
  sw.addEventListener("message", (event) => {
    if (event.data === "send-outbox") send();
    if (event.data && event.data.fresh) badges();
  });
}

// ---------- Proposals submitted offline ----------

const waiting = () => Object.entries(kept("drafts") || {}).filter(([, draft]) => draft && draft.outbox);

/** Copies the queue where the worker can read it, and asks for a background sync. */
async function mirror() {
  if (!self.caches) return;
  const box = await caches.open(OUTBOX);
  for (const request of await box.keys()) await box.delete(request);
  const queue = waiting();
  for (const [slug, draft] of queue) {
    const entry = { slug, title: draft.title, submission: draft.outbox };
    await box.put(`${BASE}/${OUTBOX}/${encodeURIComponent(slug)}`, new Response(JSON.stringify(entry)));
  }
  const registration = queue.length && sw ? await sw.getRegistration() : null;
  await registration?.sync?.register(OUTBOX).catch(() => undefined);
}

/** Posts one queued proposal and settles its draft; false while offline. */
async function submit(slug, draft) {
  let response;
  try {
    response = await fetch(`${BASE}/api/submit-proposal`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ submission: draft.outbox }),
    });
  } catch {
    return false; // Still offline: the next `online` event, visit or sync tries again.
  }
  settle(slug, draft, response.status, await response.json().catch(() => ({})));
  return true;
}

let sending = null;
/** Sends every proposal waiting to send, one at a time; once at a time. */
function send() {
  sending ||= (async () => {
    for (const [slug, draft] of waiting()) {
      if (!navigator.onLine || !(await submit(slug, draft))) break;
    }
    await mirror().catch(() => undefined);
  })().finally(() => (sending = null));
  return sending;
}

/** On the editor of a draft another tab sent: asks again (the same key: the server answers
 * with the proposal it stored) and goes to it. */
addEventListener("storage", (event) => {
  const slug = location.pathname.slice(BASE.length).match(/^\/skills\/([^/]+)\/suggest$/)?.[1];
  if (!slug || event.key !== KEYS.drafts[0]) return;
  try {
    const before = JSON.parse(event.oldValue)?.data?.[slug];
    const after = JSON.parse(event.newValue)?.data?.[slug];
    if (before?.outbox && !after) submit(slug, before);
  } catch {
    // Not the app's own writing: nothing to follow.
  }
});

/** What the server said to a queued proposal, applied to the draft (unless it changed meanwhile). */
function settle(slug, sent, status, answer) {
  const drafts = kept("drafts") || {};
  const draft = drafts[slug];
  const suggest = `${BASE}/skills/${slug}/suggest`;
  const on_editor = location.pathname === suggest;
  const proposal = answer.Accepted && `${BASE}/skills/${slug}/proposals/${answer.Accepted.id}`;
  // Another tab may have settled it first: the editor of it still goes to the proposal.
  const same = draft && draft.outbox && draft.outbox.idempotency_key === sent.outbox.idempotency_key;
  if (!same) {
    if (proposal && on_editor && !draft) location.assign(`${proposal}?submitted=1`);
    return;
  }
  if (answer.Accepted) {
    delete drafts[slug];
    store("drafts", drafts);
    if (on_editor) location.assign(`${proposal}?submitted=1`);
    else say("outbox-sent", [`Your proposal for ${draft.title}, submitted offline, was sent: `, [`proposal #${answer.Accepted.id}`, proposal], "."]);
  } else if (status === 401) {
    say("outbox-sign-in", [`Your proposal for ${draft.title} is waiting to send: `, ["sign in", `${BASE}/sign-in?next=${encodeURIComponent(suggest)}`], " and it goes at once."]);
  } else if (status === 429 || status >= 500) {
    // The server is busy or failing: it stays queued for the next try.
  } else {
    delete draft.outbox;
    delete draft.queued_at;
    store("drafts", drafts);
    if (on_editor) location.reload();
    else say("outbox-refused", [`Your proposal for ${draft.title}, submitted offline, was not accepted as it is. `, ["Open the draft", suggest], " to see why; it is kept in this browser."]);
  }
}

// ---------- Skills kept fresh for reading offline ----------

const keepFresh = () => (kept("offline") || {}).keep !== false;

/** The watched skills (at the reader's remembered choice) and the growth plan's skills. */
function wanted() {
  const query = (role, level) => (role && level ? `?role=${encodeURIComponent(role)}&level=${encodeURIComponent(level)}` : "");
  const choice = kept("choice") || {};
  const urls = new Set();
  for (const slug of Object.keys(kept("watches") || {})) urls.add(`${BASE}/skills/${slug}${query(choice.role, choice.level)}`);
  for (const key of Object.keys(kept("plan") || {})) {
    const [slug, role, level] = key.split("/");
    urls.add(`${BASE}/skills/${slug}${query(role, level)}`);
  }
  return [...urls];
}

function freshen() {
  const urls = wanted();
  if (keepFresh() && navigator.onLine && sw?.controller && urls.length) sw.controller.postMessage({ freshen: urls });
}

/** Marks "Available offline" each `[data-offline]` skill the worker keeps a copy of. */
async function badges() {
  const marks = document.querySelectorAll("[data-offline]");
  if (!marks.length || !self.caches) return;
  const pages = await caches.open("pages");
  const saved = new Set((await pages.keys()).map((request) => new URL(request.url).pathname));
  for (const mark of marks) mark.classList.toggle("is-available", saved.has(mark.dataset.offline));
}

/** The setting on /watching, shown once the worker runs, with what the site keeps here. */
async function setting() {
  const box = document.querySelector("[data-offline-setting]");
  if (!box || !sw || !(await sw.getRegistration())) return;
  const input = box.querySelector("input[type=checkbox]");
  input.checked = keepFresh();
  input.addEventListener("change", () => {
    store("offline", { keep: input.checked });
    if (input.checked) freshen();
  });
  const usage = box.querySelector(".offline-usage");
  const estimate = await navigator.storage?.estimate?.();
  if (usage && estimate) usage.textContent = `This site keeps ${(estimate.usage / 1e6).toFixed(1)} MB on this device.`;
  box.hidden = false;
}

register();
addEventListener("online", () => send().then(freshen));
addEventListener(OUTBOX, () => send());
addEventListener("listed", badges);
if (navigator.onLine) send();
addEventListener("load", () => {
  freshen();
  badges();
  setting();
});
