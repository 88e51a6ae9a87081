import { expect, test, type Page } from "@playwright/test";
import { mobile, noJs, open, overflowing, SEED } from "./helpers";

const EDITOR = `${SEED}/suggest`;
const PASSWORD = "correct horse battery staple";
const cell = (page: Page, role: string, level: string) => page.getByLabel(`${role} at ${level}`, { exact: true });

/** A name no other test (or earlier run against the same database) uses. */
function freshName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs up through the form and lands on `next`. */
async function signUp(page: Page, name: string, next: string) {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}$`));
}

test("without JavaScript a reader signs up, is named in the header and signs out", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the form journey without JavaScript");
  const name = freshName("nojs");
  await signUp(page, name, "/");
  await expect(page.locator(".site-header")).toContainText(name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator(".site-header").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a wrong password is said beside the field and the username is kept", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill("nobody-by-that-name");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That username and password do not match.")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("nobody-by-that-name");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
});

test.describe("with JavaScript", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(noJs(testInfo), "submitting sends the browser's draft");
  });

  test("a reader signs up, drafts a change, submits it and finds it listed after a reload", async ({ page }, testInfo) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const name = freshName("ada");
    await signUp(page, name, EDITOR);
    const problems = await open(page, EDITOR, testInfo);
    await expect(page.getByText(`Submitting as ${name}.`)).toBeVisible();
    // Signed in, the header holds the name and "Sign out": still nothing wider than 360 px.
    if (mobile(testInfo)) expect(await overflowing(page)).toEqual([]);

    await cell(page, "Database Engineer / DBA", "Senior").fill(
      "Designs replication topologies and rehearses regional failover every quarter.",
    );
    const payload = `Drills <img src=x onerror=alert(1)> <script>alert(2)</script> matter.`;
    await page.getByLabel("Why this change?").fill(payload);
    await expect(page.locator(".save-status")).toHaveText("Draft saved in this browser.");
    await page.getByRole("button", { name: "Submit proposal" }).click();

    await expect(page).toHaveURL(new RegExp(`${SEED}/proposals/\\d+\\?submitted=1$`));
    await expect(page.getByText("Your proposal was submitted.")).toBeVisible();
    await expect(page.locator(".rationale")).toHaveText(payload);
    await expect(page.locator(".cell-change h3")).toHaveText("Database Engineer / DBA at Senior");
    await expect(page.locator(".cell-change ins").first()).toBeVisible();
    const id = page.url().match(/proposals\/(\d+)/)![1];

    await page.goto(`${SEED}/proposals`);
    await page.reload();
    const item = page.locator(".card").filter({ hasText: `Proposal #${id}` });
    await expect(item).toContainText(name);
    await expect(item).toContainText("Open");
    await expect(item).toContainText(payload);

    await open(page, "/drafts", testInfo);
    await expect(page.getByText("No drafts.")).toBeVisible();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("a submit that fails keeps the draft, and the retry makes one proposal", async ({ page }, testInfo) => {
    const name = freshName("grace");
    await signUp(page, name, EDITOR);
    await open(page, EDITOR, testInfo);
    const text = "Runs failover drills with the on-call team while the network is flaky.";
    await cell(page, "Infrastructure Engineer", "Middle").fill(text);
    await page.getByLabel("Why this change?").fill("Drills catch what monitoring misses.");
    await expect(page.locator(".save-status")).toHaveText("Draft saved in this browser.");

    await page.route("**/api/submit-proposal", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.getByRole("alert")).toContainText("The server could not be reached");
    await expect(page.getByRole("alert")).toContainText("Your draft is kept in this browser.");
    await expect(page).toHaveURL(new RegExp(`${EDITOR}$`));

    // The server answers 500 this time: the draft still stays.
    await page.unroute("**/api/submit-proposal");
    await page.route("**/api/submit-proposal", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: '"Internal"' }),
    );
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.getByRole("alert")).toContainText("Something went wrong on our side");
    await page.unroute("**/api/submit-proposal");

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(cell(page, "Infrastructure Engineer", "Middle")).toHaveValue(text);

    // The request reached the server, but its answer was lost: the retry carries the same
    // key, so the server returns the proposal it already has.
    let sent = 0;
    await page.route("**/api/submit-proposal", async (route) => {
      sent += 1;
      if (sent === 1) {
        await route.fetch();
        await route.abort("connectionreset");
      } else {
        await route.continue();
      }
    });
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.getByRole("alert")).toContainText("The server could not be reached");
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page).toHaveURL(new RegExp(`${SEED}/proposals/\\d+\\?submitted=1$`));
    await page.goto(`${SEED}/proposals`);
    await expect(page.locator(".card").filter({ hasText: name })).toHaveCount(1);
  });

  test("a signed-out submit says to sign in and keeps the draft", async ({ page }, testInfo) => {
    await open(page, EDITOR, testInfo);
    await expect(page.getByText("Submitting needs an account")).toBeVisible();
    await cell(page, "Data Engineer", "Junior").fill("Reads replication lag from the dashboard.");
    await page.getByLabel("Why this change?").fill("Juniors watch lag.");
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.getByRole("alert")).toContainText("You are signed out.");
    await expect(page.getByRole("alert").getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      `/sign-in?next=${encodeURIComponent(EDITOR)}`,
    );
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(cell(page, "Data Engineer", "Junior")).toHaveValue("Reads replication lag from the dashboard.");
  });

  test("a submission the server refuses names the field and stores nothing", async ({ page }, testInfo) => {
    const name = freshName("edsger");
    await signUp(page, name, EDITOR);
    await open(page, EDITOR, testInfo);
    await cell(page, "Data Engineer", "Lead").fill("Sets the team's replication standards.");
    await expect(page.locator(".save-status")).toHaveText("Draft saved in this browser.");
    await page.getByRole("button", { name: "Submit proposal" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("The proposal was not submitted.");
    await expect(alert.getByRole("link", { name: "Why this change?" })).toHaveAttribute("href", "#rationale");
    await expect(alert).toContainText("The rationale is empty");
    await page.goto(`${SEED}/proposals`);
    await expect(page.locator(".card").filter({ hasText: name })).toHaveCount(0);
  });
});
