import { expect, test, type Page } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

const WATCHES = "skill-profiles.watches";
const THEME = "skill-profiles.theme";
const CHOICE = "skill-profiles.choice";
const watchButton = (page: Page) => page.getByRole("button", { name: /^Watch/ });
const watchCount = (page: Page) => page.locator(".watching-link .count-badge");

test.beforeEach(({}, testInfo) => {
  test.skip(noJs(testInfo), "this state lives in the browser and needs JavaScript");
});

test("watching a skill survives a reload and reaches a second tab", async ({ page, context }, testInfo) => {
  await open(page, SEED, testInfo);
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "false");
  await watchButton(page).click();
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "true");
  await expect(watchButton(page)).toHaveText("Watching");
  await expect(watchCount(page)).toHaveText("1");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "true");

  const second = await context.newPage();
  await open(second, "/watching", testInfo);
  await expect(watchCount(second)).toHaveText("1");
  await expect(second.getByRole("link", { name: "Replication & High Availability" })).toBeVisible();

  // Unwatching in the first tab reaches the second through the storage event.
  await watchButton(page).click();
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "false");
  await expect(watchCount(second)).toHaveText("0");
});

test("a skill that changed since it was last seen is marked until marked as seen", async ({ page }, testInfo) => {
  await page.goto("/healthz"); // same origin, no app: storage can be seeded before it starts
  await page.evaluate(
    ([key, slug]) =>
      localStorage.setItem(
        key,
        JSON.stringify({ v: 2, data: { [slug]: { title: "Old title", seen: { updated: "2026-01-01", fingerprint: "0" } } } }),
      ),
    [WATCHES, "observability"],
  );
  await open(page, "/watching", testInfo);
  const item = page.locator(".watch-item").filter({ hasText: "Observability" });
  await expect(item.getByText("Changed since you last looked")).toBeVisible();
  await item.getByRole("button", { name: "Mark as seen" }).click();
  await expect(item.getByText("Changed since you last looked")).toHaveCount(0);
  await page.reload();
  await expect(page.locator(".watch-item").filter({ hasText: "Observability" })).toBeVisible();
  await expect(page.getByText("Changed since you last looked")).toHaveCount(0);
});

test("a watch list from the first version is migrated, not lost", async ({ page }, testInfo) => {
  await page.goto("/healthz"); // same origin, no app: storage can be seeded before it starts
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ v: 1, data: ["backup-recovery"] })), WATCHES);
  await open(page, "/watching", testInfo);
  const item = page.locator(".watch-item").filter({ hasText: "Backup & Recovery" });
  await expect(item.getByText("Changed since you last looked")).toBeVisible();
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), WATCHES);
  expect(stored.v).toBe(2);
  expect(Object.keys(stored.data)).toEqual(["backup-recovery"]);
});

/** Stored values a browser may hold; each must leave the page working and the other keys intact. */
const corrupt: Record<string, string | null> = {
  "the key missing": null,
  "truncated JSON": '{"v":2,"data":{"replication-high-availability":{"title":"Repl',
  "wrong types": '{"v":2,"data":{"replication-high-availability":{"title":5,"seen":"yesterday"}}}',
  "an older version with no migration": '{"v":0,"data":"replication-high-availability"}',
  "a future version": '{"v":99,"data":{"everything":"new"}}',
  "5 MB of junk": "JUNK",
};

for (const [name, value] of Object.entries(corrupt)) {
  test(`a watch list holding ${name} is set aside and every valid key is kept`, async ({ page }, testInfo) => {
    await page.goto("/healthz"); // same origin, no app: storage can be seeded before it starts
    await page.evaluate(
      ([watches, theme, choice, value]) => {
        localStorage.setItem(theme, JSON.stringify({ v: 1, data: "dark" }));
        localStorage.setItem(choice, JSON.stringify({ v: 1, data: { role: "dba", level: "senior" } }));
        // 4.5 million characters: near Chromium's 5 MB (per origin) quota, with the other keys.
        if (value === "JUNK") localStorage.setItem(watches, "x".repeat(4_500_000));
        else if (value !== null) localStorage.setItem(watches, value);
      },
      [WATCHES, THEME, CHOICE, value] as const,
    );
    const problems = await open(page, SEED, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByLabel("Your role")).toHaveValue("dba"); // the remembered choice applied
    await watchButton(page).click();
    await expect(watchButton(page)).toHaveAttribute("aria-pressed", "true");

    const stored = await page.evaluate(
      ([watches, theme, choice]) => ({
        corruptLength: localStorage.getItem(`${watches}.corrupt`)?.length ?? null,
        corrupt: (localStorage.getItem(`${watches}.corrupt`) ?? "").slice(0, 200),
        theme: localStorage.getItem(theme),
        choice: localStorage.getItem(choice),
        watches: JSON.parse(localStorage.getItem(watches) ?? "null"),
      }),
      [WATCHES, THEME, CHOICE] as const,
    );
    if (value === null) expect(stored.corruptLength).toBeNull();
    else if (value === "JUNK") expect(stored.corruptLength).toBe(4_500_000);
    else expect(stored.corrupt).toBe(value);
    expect(stored.theme).toBe('{"v":1,"data":"dark"}');
    expect(stored.choice).toBe('{"v":1,"data":{"role":"dba","level":"senior"}}');
    expect(Object.keys(stored.watches.data)).toEqual(["replication-high-availability"]);
    expect(problems).toEqual([]);
  });
}

test("when setItem throws, watching works for the visit, says so, and stored keys are kept", async ({ page }, testInfo) => {
  await page.goto("/healthz");
  await page.evaluate((theme) => localStorage.setItem(theme, JSON.stringify({ v: 1, data: "dark" })), THEME);
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const problems = await open(page, `${SEED}?role=dba&level=junior`, testInfo);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await watchButton(page).click();
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Kept for this visit only").first()).toBeVisible();
  await expect(watchCount(page)).toHaveText("1");
  // Growth-plan notes work for the visit too, and say so.
  await page.goto("/plan?role=dba&level=senior");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const note = page.locator(".plan-item").first();
  await note.locator(".note summary").click();
  await note.getByLabel("What you have done toward it").fill("Kept for now.");
  await expect(note.locator(".note-status")).toHaveText("Kept for this visit only: this browser is not letting the site store it.");
  expect(await page.evaluate((theme) => localStorage.getItem(theme), THEME)).toBe('{"v":1,"data":"dark"}');
  expect(problems).toEqual([]);
});

test("when storage is disabled, the page works and watching lasts the visit", async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
  });
  const problems = await open(page, SEED, testInfo);
  await expect(page.getByRole("table")).toContainText("Shapes data replication strategy");
  await watchButton(page).click();
  await expect(watchButton(page)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Kept for this visit only")).toBeVisible();
  expect(problems).toEqual([]);
});
