import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freshName, noJs, open, SEED, signUp } from "./helpers";

test.beforeEach(({}, testInfo) => {
  test.skip(noJs(testInfo), "the offline worker is JavaScript; without it nothing changes");
});

/** Opens `path` and waits until the worker controls the page and has kept a copy of it. */
async function openControlled(page: Page, path: string, testInfo: Parameters<typeof open>[2]) {
  await open(page, path, testInfo);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  // The page open when the worker first took over is kept too, not only later ones.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open("pages")).keys()).map((r) => r.url)))
    .toContain(page.url());
}

test("the site is installable: Chromium finds no installability error", async ({ page }, testInfo) => {
  await openControlled(page, "/", testInfo);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
  // Playwright's browser contexts are off the record, which no site can change.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
});

test("a profile opened online is shown offline with the date of its copy; a page never opened gets the offline page", async ({ page, context }, testInfo) => {
  await openControlled(page, `${SEED}?role=dba&level=senior`, testInfo);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
  await expect(page.locator(".offline-notice")).toContainText("You are offline — showing the copy from");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");

  await page.goto("/skills/observability");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
  await expect(page.getByRole("link", { name: "Replication & High Availability" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await context.setOffline(false);
});

test("a new deployment is offered, not forced, and reloads onto the new files", async ({ page, context }, testInfo) => {
  await openControlled(page, SEED, testInfo);
  // The next deploy's worker: another script for the same scope, as a new build's is.
  await page.evaluate(() => navigator.serviceWorker.register("/sw.js?deploy=next", { scope: "/" }));
  const notice = page.locator("#update-notice");
  await expect(notice).toContainText("A new version of this site is available.");
  // Offered, not forced: the old worker still controls the page until the reader says so.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).not.toContain("deploy=next");
  await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "")).toContain("deploy=next");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
});

test("the embed view registers no worker", async ({ page }, testInfo) => {
  await open(page, `/embed${SEED}`, testInfo);
  await expect(page.locator("meta[name=service-worker]")).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
});

/** Waits until the worker controls `page` (signed in, nothing of it is kept). */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test("a proposal submitted offline waits on /drafts and is sent once when the browser is back online", async ({ page, context }) => {
  const name = freshName("offline");
  await signUp(page, name, "/drafts");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await controlled(page);
  const editor = await context.newPage();
  await editor.goto(`${SEED}/suggest`);
  await expect(editor.locator("html")).toHaveAttribute("data-hydrated", "true");
  const rationale = `Written on a train by ${name}.`;
  await editor.getByLabel("Database Engineer / DBA at Senior", { exact: true }).fill("Rehearses failover between regions, offline.");
  await editor.getByLabel("Why this change?").fill(rationale);
  await expect(editor.locator(".save-status")).toHaveText("Draft saved in this browser.");

  await context.setOffline(true);
  await editor.getByRole("button", { name: "Submit proposal" }).click();
  await expect(editor.locator(".submit-outcome")).toContainText("Waiting to send.");
  // The worker keeps the queue too, for a background sync with no page open, and the
  // offline page lists it.
  await expect.poll(() => editor.evaluate(async () => (await (await caches.open("outbox")).keys()).length)).toBe(1);
  // The drafts page, open in the other tab, follows: offline, from what the browser keeps.
  const row = page.locator(".watch-item").filter({ hasText: "Replication & High Availability" });
  await expect(row.locator(".marker-waiting")).toHaveText("Waiting to send");
  await expect(row).toContainText("Submitted while offline");
  await expect(page.locator(".list-slot")).toContainText("You are offline");
  const fallback = await context.newPage();
  await fallback.goto("/skills/observability");
  await expect(fallback.getByRole("heading", { name: "Waiting to send" })).toBeVisible();
  await expect(fallback.locator("main")).toContainText("Your proposal for Replication & High Availability");
  expect((await new AxeBuilder({ page: fallback }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await fallback.close();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

  // Back online: both tabs send it (the same key: one proposal), the editor goes to it and
  // the draft leaves the list.
  await context.setOffline(false);
  await expect(editor).toHaveURL(new RegExp(`${SEED}/proposals/\\d+\\?submitted=1$`));
  await expect(editor.locator(".rationale")).toHaveText(rationale);
  await expect(page.getByText("No drafts.")).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await (await caches.open("outbox")).keys()).length)).toBe(0);
  const id = editor.url().match(/proposals\/(\d+)/)![1];

  // Sent once: the proposals list has it one time.
  await page.goto(`${SEED}/proposals`);
  const cards = page.locator(".card").filter({ hasText: rationale });
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText(`Proposal #${id}`);
});

test("a proposal queued offline is sent on the next visit to any page, which says so", async ({ page, context }) => {
  const name = freshName("queued");
  await signUp(page, name, `${SEED}/suggest`);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await controlled(page);
  const rationale = `Queued by ${name}.`;
  await page.getByLabel("Database Engineer / DBA at Junior", { exact: true }).fill("Reads the replication lag, offline.");
  await page.getByLabel("Why this change?").fill(rationale);
  await expect(page.locator(".save-status")).toHaveText("Draft saved in this browser.");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Submit proposal" }).click();
  await expect(page.locator(".submit-outcome")).toContainText("Waiting to send.");
  // Changing the draft takes it out of the queue; submitting again puts it back.
  await page.getByLabel("Why this change?").fill(`${rationale} More.`);
  await expect(page.locator(".submit-outcome")).toContainText("no longer waiting to send");
  await page.getByRole("button", { name: "Submit proposal" }).click();
  await expect(page.locator(".submit-outcome")).toContainText("Waiting to send.");

  // The tab closes offline; the next visit, online, sends it from whatever page it opens.
  await page.close();
  const next = await context.newPage();
  await context.setOffline(false);
  await next.goto("/");
  const sent = next.locator("#outbox-sent");
  await expect(sent).toContainText("Your proposal for Replication & High Availability, submitted offline, was sent: proposal #");
  await sent.getByRole("link").click();
  await expect(next.locator(".rationale")).toHaveText(`${rationale} More.`);
  await next.goto(`${SEED}/proposals`);
  await expect(next.locator(".card").filter({ hasText: rationale })).toHaveCount(1);
  await next.goto("/drafts");
  await expect(next.getByText("No drafts.")).toBeVisible();
});

test("a comment typed offline is kept and back in its form when the page is opened again", async ({ page, context }) => {
  await signUp(page, freshName("commenter"), `${SEED}/comments`);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await controlled(page);
  const text = `Typed in a tunnel ${Date.now()}.`;
  await context.setOffline(true);
  await page.getByLabel("Add a comment").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator(".form-error")).toContainText("nothing you typed is lost");
  await context.setOffline(false);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByLabel("Add a comment")).toHaveValue(text);
  await expect(page.locator(".comment-restored")).toHaveText("Your unsent comment, kept in this browser, is back in the form.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator(".comment-list")).toContainText(text);
  // Posted: no longer kept, so the form is empty next time.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByLabel("Add a comment")).toHaveValue("");
});

test("watched skills and the plan's skills are kept fresh to read offline, unless the reader turns it off", async ({ page, context }, testInfo) => {
  await openControlled(page, "/watching", testInfo);
  // A watched skill and a plan note on another, neither ever opened in this browser.
  await page.evaluate(() => {
    const seen = { updated: "2026-01-01", fingerprint: "0" };
    localStorage.setItem("skill-profiles.watches", JSON.stringify({ v: 2, data: { observability: { title: "Observability", seen } } }));
    localStorage.setItem("skill-profiles.plan", JSON.stringify({ v: 1, data: { "backup-recovery/dba/senior": { text: "Read up on PITR." } } }));
  });
  await page.reload();
  const row = page.locator(".watch-item").filter({ hasText: "Observability" });
  await expect(row.locator(".marker-offline")).toBeVisible();
  await expect(row.locator(".marker-offline")).toHaveText("Available offline");
  const setting = page.getByLabel("Keep the skills you watch and those in your growth plan up to date on this device, to read offline");
  await expect(setting).toBeChecked();
  await expect(page.locator(".offline-usage")).toContainText("This site keeps");
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open("pages")).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search)))
    .toContain("/skills/backup-recovery?role=dba&level=senior");

  await context.setOffline(true);
  await page.goto("/skills/observability");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Observability");
  await expect(page.locator(".offline-notice")).toBeVisible();
  await page.goto("/skills/backup-recovery?role=dba&level=senior");
  await expect(page.locator(".offline-notice")).toBeVisible();
  await context.setOffline(false);

  // Turned off: the next watched skill is not fetched.
  await page.goto("/watching");
  await setting.uncheck();
  await page.evaluate(async () => {
    const pages = await caches.open("pages");
    for (const r of await pages.keys()) if (r.url.includes("observability")) await pages.delete(r);
  });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(setting).not.toBeChecked();
  await page.waitForTimeout(1000);
  expect(await page.evaluate(async () => (await (await caches.open("pages")).keys()).some((r) => r.url.includes("observability")))).toBe(false);
  await expect(row.locator(".marker-offline")).toBeHidden();
});

/** A second build of the site, as a deploy would bring: the same server with a changed
 * stylesheet and a renamed reader bundle, so its hashed names differ from the build's. */
function nextDeploy(): { dir: string; bin: string; site: string; css: string; reader: string } {
  const root = resolve(__dirname, "../..");
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const dir = mkdtempSync(join(tmpdir(), "skills-deploy-"));
  const bin = join(dir, "server");
  copyFileSync(join(target, "release", "server"), bin);
  chmodSync(bin, 0o755);
  const site = join(dir, "site");
  cpSync(join(root, "target", "site"), site, { recursive: true });
  const hashes = readFileSync(join(target, "release", "hash.txt"), "utf8");
  const oldCss = hashes.match(/^css: (.+)$/m)![1];
  const css = `${oldCss}next`;
  writeFileSync(join(dir, "hash.txt"), hashes.replace(`css: ${oldCss}`, `css: ${css}`));
  const styles = readFileSync(join(site, "pkg", `skill-profiles.${oldCss}.css`), "utf8");
  writeFileSync(join(site, "pkg", `skill-profiles.${css}.css`), `${styles}\n/* the next deploy */\n`);
  const bundles = JSON.parse(readFileSync(join(target, "release", "bundles.json"), "utf8"));
  const reader = bundles.find((b: { name: string }) => b.name === "reader");
  for (const kind of ["js", "wasm"] as const) {
    const renamed = reader[kind].replace("reader.", "reader.next");
    copyFileSync(join(site, "pkg", reader[kind]), join(site, "pkg", renamed));
    reader[kind] = renamed;
  }
  writeFileSync(join(dir, "bundles.json"), JSON.stringify(bundles));
  return { dir, bin, site, css: `skill-profiles.${css}.css`, reader: reader.js };
}

const DEPLOY_PORT = 3111;

async function serve(bin: string, data: string, site?: string): Promise<ChildProcess> {
  const server = spawn(bin, [], {
    cwd: resolve(__dirname, "../.."),
    env: { ...process.env, LEPTOS_ENV: "PROD", SKILLS_ADDR: `127.0.0.1:${DEPLOY_PORT}`, SKILLS_DATA: data, SKILLS_RATE_LIMITS: "off", ...(site ? { LEPTOS_SITE_ROOT: site } : {}) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    const up = await fetch(`http://127.0.0.1:${DEPLOY_PORT}/healthz`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the deploy server did not start");
}

async function stop(server: ChildProcess) {
  const gone = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await gone;
}

test("a deploy with new files is offered, and after Reload the page and its kept copy use only the new files", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "hydrated", "one deploy simulation is enough");
  test.setTimeout(120_000);
  const root = resolve(__dirname, "../..");
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const data = mkdtempSync(join(tmpdir(), "skills-deploy-data-"));
  const next = nextDeploy();
  const origin = `http://127.0.0.1:${DEPLOY_PORT}`;
  const pkgFiles = () => page.evaluate(() => [
    ...performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/pkg/")),
    ...[...document.querySelectorAll("link[rel=stylesheet]")].map((l) => (l as HTMLLinkElement).href),
  ].map((n) => new URL(n).pathname.replace("/pkg/", "")));
  let server = await serve(join(target, "release", "server"), data);
  try {
    await openControlled(page, `${origin}${SEED}?role=dba&level=senior`, testInfo);
    const before = await pkgFiles();
    expect(before).not.toContain(next.css);

    // The deploy: the new build answers on the same address.
    await stop(server);
    server = await serve(next.bin, data, next.site);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const notice = page.locator("#update-notice");
    await expect(notice).toContainText("A new version of this site is available.");
    // Until the reader says so, the page keeps the old build's files (kept by the old worker).
    await page.getByRole("button", { name: "Watch this skill" }).click();
    expect((await pkgFiles()).some((f) => f === next.css || f === next.reader)).toBe(false);

    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    const after = await pkgFiles();
    expect(after).toContain(next.css);
    expect(after).toContain(next.reader);
    expect(after.filter((f) => before.includes(f) && (f.endsWith(".css") || f.startsWith("reader.")))).toEqual([]);

    // The copy kept under the old build is renewed: offline it shows with the new files.
    await expect
      .poll(() => page.evaluate(async (css) => {
        const kept = await (await caches.open("pages")).match(location.href);
        return kept ? (await kept.text()).includes(css) : false;
      }, next.css))
      .toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator(".offline-notice")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toBe("");
    const offline = await pkgFiles();
    expect(offline).toContain(next.css);
    expect(offline.filter((f) => before.includes(f) && f.endsWith(".css"))).toEqual([]);
    await context.setOffline(false);
  } finally {
    await stop(server);
    rmSync(next.dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});
