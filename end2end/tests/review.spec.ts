import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { noJs, open, showComments } from "./helpers";

const PASSWORD = "correct horse battery staple";

function freshName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function signUp(page: Page, name: string, next = "/") {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".site-header")).toContainText(name);
}

async function signIn(page: Page, name: string) {
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".site-header")).toContainText(name);
}

/** Proposes `text` for one cell of `slug` through the editor; returns the proposal's path. */
async function propose(page: Page, slug: string, label: string, text: string): Promise<string> {
  await page.goto(`/skills/${slug}/suggest`);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByLabel("Why this change?").fill("Reviewed in the end-to-end test.");
  await expect(page.locator(".save-status")).toHaveText("Draft saved in this browser.");
  await page.getByRole("button", { name: "Submit proposal" }).click();
  await expect(page).toHaveURL(/\/proposals\/\d+\?submitted=1$/);
  return new URL(page.url()).pathname;
}

/** The reviewer role is granted by the server's command line, on the test server's
 * database (`SKILLS_DATA` is passed down to the tests). */
function grantReviewer(name: string) {
  const root = resolve(process.cwd(), "..");
  const bin = resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "release", "server");
  execFileSync(bin, ["user", "grant-reviewer", name], { cwd: root, env: process.env, stdio: "pipe" });
}

/** Skills this project's run decides proposals on, so the projects running in parallel never
 * race on one skill: [accept, conflict]. */
function skills(testInfo: TestInfo): [string, string] {
  return testInfo.project.name === "mobile"
    ? ["pipeline-orchestration", "query-performance-tuning"]
    : ["data-modelling", "change-data-capture"];
}

test.describe("with JavaScript", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(noJs(testInfo), "reviewing is done in the browser");
  });

  test("a member proposes, a reviewer accepts, the profile shows the new text and history shows the diff", async ({ page }, testInfo) => {
    const member = freshName("member");
    const text = `Explains lineage graphs to new joiners (${member}).`;
    await signUp(page, member);
    const [slug] = skills(testInfo);
    const path = await propose(page, slug, "Data Engineer at Junior", text);
    // The profile lists it among the open proposals, and counts them on its Proposals link.
    await open(page, `/skills/${slug}`, testInfo);
    await expect(page.locator(".community").locator(`a[href="${path}"]`)).toBeVisible();
    await expect(page.locator(".proposals-count")).toHaveText(/^[1-9]\d*$/);

    const reviewer = freshName("reviewer");
    await signUp(page, reviewer);
    grantReviewer(reviewer);
    await signIn(page, reviewer);
    // A reviewer's header says how many proposals wait.
    await open(page, "/", testInfo);
    await expect(page.locator(".site-header .review-link .count-badge")).toHaveText(/^[1-9]\d*$/);
    await page.locator(".site-header").getByRole("link", { name: /^Review/ }).click();
    await expect(page).toHaveURL(/\/review$/);
    await page.locator(`a[href="${path}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await page.getByRole("button", { name: /Accept as revision/ }).click();
    await expect(page.locator(".callout-success").filter({ hasText: "Accepted by" })).toBeVisible();

    await open(page, `/skills/${slug}`, testInfo);
    await expect(page.locator(".matrix-section")).toContainText(text);
    // Decided, it is no longer among the open proposals.
    await expect(page.locator(".community .proposal-list")).not.toContainText("Loading");
    await expect(page.locator(".community").locator(`a[href="${path}"]`)).toHaveCount(0);
    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("link", { name: "What changed" }).first().click();
    await expect(page.locator(".cell-change ins").first()).toBeVisible();
    await expect(page.locator(".cell-change h3")).toHaveText("Data Engineer at Junior");
  });

  test("a rejection without a note is refused beside the note until the reviewer writes one", async ({ page }, testInfo) => {
    const member = freshName("hopeful");
    await signUp(page, member);
    const [slug] = skills(testInfo);
    const path = await propose(page, slug, "Data Engineer at Middle", `Knows every tool (${member}).`);
    const reviewer = freshName("strict");
    await signUp(page, reviewer);
    grantReviewer(reviewer);
    await signIn(page, reviewer);
    await open(page, path, testInfo);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    const note = page.getByLabel("Note to the author (needed to reject)");
    await page.getByRole("button", { name: "Reject" }).click();
    const refusal = page.locator("#review-note-error");
    await expect(refusal).toContainText("Write a note");
    await expect(note).toBeFocused();
    await expect(note).toHaveAttribute("aria-invalid", "true");
    // It stays: nothing reloads the page under the reviewer.
    await page.waitForTimeout(1500);
    await expect(refusal).toContainText("Write a note");
    await note.fill("Too broad for Middle.");
    await expect(refusal).toBeEmpty();
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByText(`Rejected by ${reviewer}:`)).toBeVisible();
  });

  test("a stale proposal shows its conflict side by side and is settled by the reviewer", async ({ page }, testInfo) => {
    const first = freshName("first");
    const second = freshName("second");
    await signUp(page, first);
    const [, slug] = skills(testInfo);
    const firstPath = await propose(page, slug, "Data Engineer at Senior", `Runs Debezium in production (${first}).`);
    await signUp(page, second);
    const secondPath = await propose(page, slug, "Data Engineer at Senior", `Runs CDC with outbox tables (${second}).`);

    const reviewer = freshName("settler");
    await signUp(page, reviewer);
    grantReviewer(reviewer);
    await signIn(page, reviewer);
    await open(page, firstPath, testInfo);
    await page.getByRole("button", { name: /Accept as revision/ }).click();
    await expect(page.locator(".callout-success").filter({ hasText: "Accepted by" })).toBeVisible();

    await open(page, secondPath, testInfo);
    const conflict = page.locator(".conflict");
    // Both sides are shown as word diffs against the text both started from.
    await expect(conflict).toContainText("Published now");
    await expect(conflict).toContainText("Proposed");
    await expect(conflict.locator("ins").filter({ hasText: first })).toHaveCount(1);
    await expect(conflict.locator("ins").filter({ hasText: second })).toHaveCount(1);
    const field = page.getByLabel(/Publish for Data Engineer at Senior/);
    await expect(field).toHaveValue(`Runs CDC with outbox tables (${second}).`);
    await page.getByRole("button", { name: "Keep the published text" }).click();
    await expect(field).toHaveValue(`Runs Debezium in production (${first}).`);
    await page.getByRole("button", { name: "Take the proposed text" }).click();
    await expect(field).toHaveValue(`Runs CDC with outbox tables (${second}).`);
    const settled = `Runs Debezium or outbox-based CDC (${reviewer}).`;
    await field.fill(settled);
    await page.getByRole("button", { name: /Accept as revision/ }).click();
    await expect(page.locator(".callout-success").filter({ hasText: "Accepted by" })).toBeVisible();
    await open(page, `/skills/${slug}`, testInfo);
    await expect(page.locator(".matrix-section")).toContainText(settled);
  });

  test("a comment with HTML renders as text and its link is a link", async ({ page }, testInfo) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const name = freshName("commenter");
    await signUp(page, name);
    await open(page, "/skills/observability", testInfo);
    await showComments(page);
    const payload = `<img src=x onerror=alert(1)> <b>bold</b> see https://example.com/runbook (${name})`;
    await page.getByLabel("Add a comment").fill(payload);
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator(".comment").filter({ hasText: name });
    await expect(comment.locator(".comment-body")).toHaveText(payload);
    await expect(comment.getByRole("link", { name: "https://example.com/runbook" })).toHaveAttribute("href", "https://example.com/runbook");
    await expect(comment.locator("img, b")).toHaveCount(0);
    expect(dialogs).toEqual([]);
    await comment.getByRole("button", { name: "Delete" }).click();
    await expect(page.locator(".comment").filter({ hasText: name })).toHaveCount(0);
  });
});

test("without JavaScript the profile says comments need it and the history is readable", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the no-JS view");
  await open(page, "/skills/observability/history", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("History");
  await expect(page.getByText("Revision 1")).toBeVisible();
});
