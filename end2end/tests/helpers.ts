import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

export const SEED = "/skills/replication-high-availability";

/** True in the project that runs with JavaScript off. */
export function noJs(testInfo: TestInfo): boolean {
  return testInfo.project.name === "no-js";
}

/**
 * Opens a page and, with JavaScript on, waits until it has hydrated, collecting console
 * errors and failed requests so a test can assert there were none.
 */
export async function open(page: Page, path: string, testInfo: TestInfo): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // With JavaScript off, Chromium aborts the module preload of the JS glue: expected.
    if (noJs(testInfo) && request.url().includes("/pkg/")) return;
    // A profile opened without a role or level goes to the reader's remembered choice
    // before anything is drawn (the head's early script): the first document's preloads
    // are cancelled by that navigation, which is not a failure.
    if (request.failure()?.errorText === "net::ERR_ABORTED" && request.url().includes("/pkg/")) return;
    problems.push(`request failed: ${request.url()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url() !== page.url()) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  await page.goto(path);
  if (!noJs(testInfo)) {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  }
  return problems;
}

/** True in the 360 px touch project. */
export function mobile(testInfo: TestInfo): boolean {
  return testInfo.project.name === "mobile";
}

/** The elements wider than the viewport (nothing may scroll sideways). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className ? `.${String(el.className).split(" ").join(".")}` : "");
        out.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}] > ${width}`);
      }
    }
    if (document.documentElement.scrollWidth > width) out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

/**
 * Scrolls a page's comment thread into view, as a reader does: the thread's client loads
 * when it is about to be seen (app/src/shell.rs), not with the page.
 */
export async function showComments(page: Page): Promise<void> {
  await page.locator("section.comments").scrollIntoViewIfNeeded();
}

const PASSWORD = "correct horse battery staple";

export function freshName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function signUp(page: Page, name: string, next = "/") {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".site-header")).toContainText(name);
}

export async function signIn(page: Page, name: string) {
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".site-header")).toContainText(name);
}

/** Proposes `text` for one cell of `slug` through the editor; returns the proposal's path. */
export async function propose(page: Page, slug: string, label: string, text: string): Promise<string> {
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
export function grantReviewer(name: string) {
  const root = resolve(process.cwd(), "..");
  const bin = resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "release", "server");
  execFileSync(bin, ["user", "grant-reviewer", name], { cwd: root, env: process.env, stdio: "pipe" });
}

