import AxeBuilder from "@axe-core/playwright";
import { expect, test, type TestInfo } from "@playwright/test";
import { freshName, grantReviewer, noJs, open, propose, showComments, signIn, signUp } from "./helpers";

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
    // Watched now, it will say what changed when the reader comes back.
    await page.getByRole("button", { name: "Watch this skill" }).click();
    await expect(page.getByRole("button", { name: "Watching" })).toBeVisible();

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
    const since = page.locator(".since-seen");
    await expect(since).toBeVisible();
    await expect(since.getByRole("link")).toHaveAttribute("href", new RegExp(`^/skills/${slug}/compare\\?from=\\d+&to=\\d+$`));
    // The profile says what its newest revision changed, and its feed has the entry.
    await expect(page.locator(".revision-note:visible")).toContainText(/Revision \d+ · changed 1 cell on/);
    const feedLink = page.getByRole("link", { name: "Follow (Atom feed)" });
    const feed = await page.request.get((await feedLink.getAttribute("href"))!);
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    const entry = xml.slice(xml.indexOf("<entry>"), xml.indexOf("</entry>"));
    expect(entry).toContain(`by ${member}, accepting proposal #${path.split("/").pop()}`);
    expect(entry).toContain(text);
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

test("a proposal with its review and comment forms has no accessibility violation", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "hydrated", "one audit of the signed-in forms");
  const member = freshName("axeauthor");
  await signUp(page, member);
  const path = await propose(page, "observability", "Data Engineer at Middle", `Reads traces (${member}).`);
  const reviewer = freshName("axereviewer");
  await signUp(page, reviewer);
  grantReviewer(reviewer);
  await signIn(page, reviewer);
  await open(page, path, testInfo);
  await expect(page.getByRole("button", { name: "Reject" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
});

test.describe("with JavaScript, in place", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(noJs(testInfo), "the in-place answers need JavaScript");
  });

  test("a comment is posted, refused and edited in place without reloading the page", async ({ page }, testInfo) => {
    const name = freshName("inplace");
    await signUp(page, name);
    await open(page, "/skills/backup-recovery", testInfo);
    await showComments(page);
    const field = page.getByLabel("Add a comment");
    await expect(field).toBeVisible();
    // A page that reloads loses this.
    await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
    await field.fill("   ");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("#comment-body-error")).toHaveText("Write something before posting.");
    await expect(page.getByLabel("Add a comment")).toBeFocused();
    await page.getByLabel("Add a comment").fill(`Restores are rehearsed monthly (${name}).`);
    await expect(page.locator("#comment-body-error")).toBeEmpty();
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("Your comment was posted.")).toBeFocused();
    const comment = page.locator(".comment").filter({ hasText: name });
    await expect(comment.locator(".comment-body")).toHaveText(`Restores are rehearsed monthly (${name}).`);
    await comment.getByText("Edit", { exact: true }).click();
    await comment.getByLabel("Edit your comment").fill(`Restores are rehearsed weekly (${name}).`);
    await comment.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your comment was saved.")).toBeVisible();
    await expect(page.locator(".comment").filter({ hasText: name })).toContainText("rehearsed weekly");
    expect(page.url()).toMatch(/\/skills\/backup-recovery$/);
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  });
});

test.describe("without JavaScript", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(!noJs(testInfo), "the no-JS journeys");
  });

  test("a member reads, posts, edits and deletes comments with plain forms", async ({ page }) => {
    const name = freshName("plainform");
    await signUp(page, name);
    await page.goto("/skills/observability");
    await page.getByRole("link", { name: "Read the comments and add yours" }).click();
    await expect(page).toHaveURL(/\/skills\/observability\/comments$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comments on Observability");
    // Refused: said beside the field, with what was typed kept.
    const long = `${"x".repeat(2001)}`;
    await page.getByLabel("Add a comment").fill(long);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("#comment-body-error")).toContainText("Shorten it by 1");
    await expect(page.getByLabel("Add a comment")).toHaveValue(long);
    await page.getByLabel("Add a comment").fill(`Alert on symptoms, not causes (${name}).`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page).toHaveURL(/\/skills\/observability\/comments#comments$/);
    await expect(page.getByText("Your comment was posted.")).toBeVisible();
    const comment = page.locator(".comment").filter({ hasText: name });
    await expect(comment.locator(".comment-body")).toHaveText(`Alert on symptoms, not causes (${name}).`);
    await comment.getByText("Edit", { exact: true }).click();
    await comment.getByLabel("Edit your comment").fill(`Alert on symptoms (${name}).`);
    await comment.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your comment was saved.")).toBeVisible();
    await expect(page.locator(".comment").filter({ hasText: name }).locator(".comment-body")).toHaveText(`Alert on symptoms (${name}).`);
    await page.locator(".comment").filter({ hasText: name }).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Your comment was deleted.")).toBeVisible();
    await expect(page.locator(".comment").filter({ hasText: name })).toHaveCount(0);
  });

  test("a reviewer rejects and accepts, and an author withdraws, with plain forms", async ({ page, browser }, testInfo) => {
    const slug = "database-security";
    // The proposals are written in the editor, which needs JavaScript.
    const writer = await browser.newContext({ javaScriptEnabled: true, baseURL: testInfo.project.use.baseURL });
    const author = await writer.newPage();
    const member = freshName("nojsauthor");
    await signUp(author, member);
    const rejected = await propose(author, slug, "Security Engineer at Junior", `Knows roles and grants (${member}).`);
    const accepted = await propose(author, slug, "Security Engineer at Middle", `Rotates credentials (${member}).`);
    const withdrawn = await propose(author, slug, "Security Engineer at Senior", `Audits access (${member}).`);
    await writer.close();

    const reviewer = freshName("nojsreviewer");
    await signUp(page, reviewer);
    grantReviewer(reviewer);
    await signIn(page, reviewer);
    await page.goto(rejected);
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.locator("#review-note-error")).toContainText("Write a note");
    const note = page.getByLabel("Note to the author (needed to reject)");
    await expect(note).toHaveAttribute("aria-invalid", "true");
    await note.fill("Grants belong to the DBA.");
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByText("Rejected: the author sees your note.")).toBeVisible();
    await expect(page.getByText(`Rejected by ${reviewer}:`)).toBeVisible();

    await page.goto(accepted);
    await page.getByRole("button", { name: /Accept as revision/ }).click();
    await expect(page.getByText(/^Accepted: the skill is now at revision \d+\.$/)).toBeVisible();
    await page.goto(`/skills/${slug}`);
    await expect(page.locator(".matrix-section")).toContainText(`Rotates credentials (${member}).`);

    await signIn(page, member);
    await page.goto(withdrawn);
    await page.getByRole("button", { name: "Withdraw proposal" }).click();
    await expect(page.getByText("You withdrew this proposal; reviewers no longer see it.")).toBeVisible();
    await expect(page.locator(".card-meta .status")).toHaveText("Withdrawn");
  });
});
