import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { noJs, open, overflowing, SEED } from "./helpers";

const PLAN = "skill-profiles.plan";
const SELF_CHECK = "skill-profiles.self-check";
const SENIOR_DBA = "/plan?role=dba&level=senior";
const REPLICATION = "replication-high-availability";
/** The skills of the bundled content where the DBA role appears. */
const DBA_SKILLS = 5;

const item = (page: Page, title: string) => page.locator(".plan-item").filter({ has: page.getByRole("heading", { name: title }) });

/** Opens the note form of the expectation of skill `title`. */
async function openNote(page: Page, title: string): Promise<Locator> {
  const it = item(page, title);
  const details = it.locator("details.note");
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await it.locator(".note summary").click();
  await expect(it.getByLabel("What you have done toward it")).toBeVisible();
  return it;
}

/** Writes a note on skill `title`'s expectation and waits until it is kept. */
async function writeNote(page: Page, title: string, text: string, evidence: string[] = []) {
  const it = await openNote(page, title);
  await it.getByRole("radio", { name: "Working on it" }).check();
  await it.getByLabel("What you have done toward it").fill(text);
  if (evidence.length) await it.getByLabel(/^Evidence/).fill(evidence.join("\n"));
  await expect(it.locator(".note-status")).toHaveText("Saved in this browser.");
}

test("the growth plan is chosen with a form and lists every skill of the role, required first, with what is new", async ({ page }, testInfo) => {
  const problems = await open(page, "/plan", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your growth plan");
  await page.getByLabel("Role", { exact: true }).selectOption("dba");
  await page.getByLabel("Level you are working toward").selectOption("senior");
  await page.getByRole("button", { name: "Show the plan" }).click();
  await expect(page).toHaveURL(/\/plan\?role=dba&level=senior/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Database Engineer / DBA at Senior");
  await expect(page.locator(".plan-item")).toHaveCount(DBA_SKILLS);
  await expect(page.locator(".plan-new").first()).toContainText("New since Middle:");
  await expect(page.locator(".plan-item .diff ins").first()).toBeVisible();
  // Within each group, required expectations come before optional ones.
  for (const group of await page.locator(".plan-group").all()) {
    const badges = await group.locator(".plan-item h3 .badge").allTextContents();
    const firstOptional = badges.indexOf("Optional");
    if (firstOptional >= 0) expect(badges.slice(firstOptional)).not.toContain("Required");
  }
  if (noJs(testInfo)) {
    expect(await page.locator("noscript").innerHTML()).toContain("Your notes and evidence are kept in this browser and need JavaScript.");
    await expect(page.locator(".notes-tools")).toBeHidden();
  } else {
    await expect(page.getByRole("heading", { name: "Your notes and evidence" })).toBeVisible();
  }
  expect(await overflowing(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("an unknown role or level names what is wrong and keeps the form", async ({ page }, testInfo) => {
  await open(page, "/plan?role=cto", testInfo);
  await expect(page.getByRole("alert")).toHaveText("There is no role “cto” in this framework. Choose one below.");
  await expect(page.getByLabel("Role", { exact: true })).toBeVisible();
  const response = await page.request.get("/plan?role=dba&level=guru");
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain("This role has no level “guru”.");
});

test("the profile's compare view leads to the plan for the next level at that skill", async ({ page }, testInfo) => {
  await open(page, `${SEED}?role=dba&level=middle`, testInfo);
  await page.getByRole("link", { name: "Keep notes and evidence for Senior in your growth plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/plan\\?role=dba&level=senior#${REPLICATION}$`));
  await expect(page.locator(`#${REPLICATION}`)).toBeVisible();
});

test("the printed plan lists every expectation and the reader's notes, without the controls", async ({ page }, testInfo) => {
  await open(page, SENIOR_DBA, testInfo);
  if (!noJs(testInfo)) await writeNote(page, "Replication & High Availability", "Ran the May failover drill.", ["https://wiki.example/drill"]);
  await page.emulateMedia({ media: "print" });
  const texts = page.locator(".plan-text");
  await expect(texts).toHaveCount(DBA_SKILLS);
  for (const text of await texts.all()) await expect(text).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".plan-form")).toBeHidden();
  await expect(page.locator(".notes-tools")).toBeHidden();
  await expect(page.locator("details.note").first()).toBeHidden();
  if (!noJs(testInfo)) {
    const printed = item(page, "Replication & High Availability").locator(".note-print");
    await expect(printed).toBeVisible();
    await expect(printed).toContainText("Where I am: Working on it");
    await expect(printed).toContainText("Ran the May failover drill.");
    await expect(printed).toContainText("Evidence: https://wiki.example/drill");
  }
});

test("axe-core finds nothing on the plan and the compare pages, light and dark", async ({ page }, testInfo) => {
  test.skip(noJs(testInfo), "axe.spec.ts audits every page as a reader without JavaScript gets it");
  await open(page, SENIOR_DBA, testInfo);
  await writeNote(page, "Replication & High Availability", "A note, so the form is open.");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }
});

test.describe("notes in this browser", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(noJs(testInfo), "the notes live in the browser and need JavaScript");
  });

  test("notes and evidence are kept, survive a reload and reach another tab", async ({ page, context }, testInfo) => {
    const problems = await open(page, SENIOR_DBA, testInfo);
    await expect(page.locator(".notes-count")).toContainText("No notes on this plan yet");
    await writeNote(page, "Replication & High Availability", "Led the Patroni upgrade.", ["https://git.example/pr/12", "the May drill"]);
    const it = item(page, "Replication & High Availability");
    await expect(it.locator(".note-summary")).toHaveText("Working on it, a note, 2 pieces of evidence");
    await expect(page.locator(".notes-count")).toHaveText(`You have a note on 1 of the ${DBA_SKILLS} expectations here.`);

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    const again = await openNote(page, "Replication & High Availability");
    await expect(again.getByRole("radio", { name: "Working on it" })).toBeChecked();
    await expect(again.getByLabel("What you have done toward it")).toHaveValue("Led the Patroni upgrade.");
    await expect(again.getByLabel(/^Evidence/)).toHaveValue("https://git.example/pr/12\nthe May drill");

    const second = await context.newPage();
    await open(second, SENIOR_DBA, testInfo);
    await expect(item(second, "Replication & High Availability").locator(".note-summary")).toHaveText(
      "Working on it, a note, 2 pieces of evidence",
    );
    await again.getByRole("radio", { name: "Have evidence" }).check();
    await expect(item(second, "Replication & High Availability").locator(".note-summary")).toHaveText(
      "Have evidence, a note, 2 pieces of evidence",
    );
    expect(problems).toEqual([]);
  });

  test("a note over a limit says so and is not kept", async ({ page }, testInfo) => {
    await open(page, SENIOR_DBA, testInfo);
    const it = await openNote(page, "Replication & High Availability");
    await it.getByLabel(/^Evidence/).fill(Array.from({ length: 21 }, (_, n) => `line ${n}`).join("\n"));
    await expect(it.locator(".note-status")).toHaveText("Not saved: at most 20 lines of evidence.");
    expect(await page.evaluate((key) => localStorage.getItem(key), PLAN)).toBeNull();
    // The text stays on screen to be shortened.
    await expect(it.getByLabel(/^Evidence/)).toHaveValue(/line 20$/);
  });

  test("notes move to a fresh browser as a file, after saying what will change", async ({ page, browser }, testInfo) => {
    await open(page, SENIOR_DBA, testInfo);
    await writeNote(page, "Replication & High Availability", "Led the Patroni upgrade.", ["https://git.example/pr/12"]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download your notes (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^skill-profiles-notes-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile(await download.path(), "utf8"));
    expect(file.format).toBe("skill-profiles/plan-notes");
    expect(file.version).toBe(1);
    const key = `${REPLICATION}/dba/senior`;
    expect(file.notes[key]).toMatchObject({
      progress: "working-on-it",
      text: "Led the Patroni upgrade.",
      links: ["https://git.example/pr/12"],
      about: "Replication & High Availability — Database Engineer / DBA, Senior",
    });

    const { viewport, isMobile, hasTouch, deviceScaleFactor, userAgent, baseURL } = testInfo.project.use;
    const fresh = await browser.newContext({ viewport, isMobile, hasTouch, deviceScaleFactor, userAgent, baseURL });
    const other = await fresh.newPage();
    await open(other, SENIOR_DBA, testInfo);
    await other.getByLabel("Import notes from a file").setInputFiles(await download.path());
    await expect(other.locator(".import-summary")).toHaveText("This file has 1 note: 1 new.");
    await expect(other.locator(".import-details")).toContainText("New: Replication & High Availability — Database Engineer / DBA, Senior");
    // Nothing changes before the reader says yes.
    expect(await other.evaluate((k) => localStorage.getItem(k), PLAN)).toBeNull();
    await other.getByRole("button", { name: "Import these notes" }).click();
    await expect(other.locator(".import-outcome")).toHaveText("Imported 1 note.");
    const it = await openNote(other, "Replication & High Availability");
    await expect(it.getByLabel("What you have done toward it")).toHaveValue("Led the Patroni upgrade.");

    // The same file again: nothing to do. A changed note asks before replacing it.
    await other.getByLabel("Import notes from a file").setInputFiles(await download.path());
    await expect(other.locator(".import-outcome")).toContainText("Every note in this file is already here");
    await it.getByLabel("What you have done toward it").fill("Something else.");
    await expect(it.locator(".note-status")).toHaveText("Saved in this browser.");
    await other.getByLabel("Import notes from a file").setInputFiles(await download.path());
    await expect(other.locator(".import-summary")).toHaveText("This file has 1 note: 0 new, 1 would replace the note kept here.");
    await other.getByRole("button", { name: "Cancel" }).click();
    await expect(other.locator(".import-outcome")).toHaveText("Nothing was imported.");
    await expect(it.getByLabel("What you have done toward it")).toHaveValue("Something else.");
    await fresh.close();
  });

  test("a broken, foreign or future notes file is refused by name and changes nothing", async ({ page }, testInfo) => {
    await open(page, SENIOR_DBA, testInfo);
    await writeNote(page, "Replication & High Availability", "Mine.");
    const before = await page.evaluate((k) => localStorage.getItem(k), PLAN);
    const files: [string, string, string][] = [
      ["broken.json", '{"format":"skill-profiles/plan-notes","version":1,"notes":{"x/y', "is not a notes file: it is not JSON"],
      ["theme.json", '{"theme":"dark"}', "is not a notes file of Skill Profiles"],
      ["future.json", '{"format":"skill-profiles/plan-notes","version":2,"notes":{}}', "written by a newer version of Skill Profiles (file version 2"],
      [
        "damaged.json",
        '{"format":"skill-profiles/plan-notes","version":1,"notes":{"a/b/c":{"progress":"passed"}}}',
        "This notes file is damaged",
      ],
    ];
    for (const [name, body, said] of files) {
      await page.getByLabel("Import notes from a file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(body) });
      await expect(page.getByRole("alert")).toContainText(said);
      await expect(page.getByRole("alert")).toContainText("Nothing was changed.");
      expect(await page.evaluate((k) => localStorage.getItem(k), PLAN)).toBe(before);
    }
  });

  test("the plan downloads as Markdown with every expectation and the notes", async ({ page }, testInfo) => {
    await open(page, SENIOR_DBA, testInfo);
    await writeNote(page, "Replication & High Availability", "Ran the May failover drill.", ["https://wiki.example/drill"]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download this plan as Markdown" }).click(),
    ]);
    const markdown = await readFile(await download.path(), "utf8");
    expect(markdown).toMatch(/^# Growth plan: Database Engineer \/ DBA at Senior\n/);
    expect(markdown.match(/^### /gm)).toHaveLength(DBA_SKILLS);
    expect(markdown).toContain("## Database Management › Database Administration");
    expect(markdown).toContain("### Replication & High Availability (required)");
    expect(markdown).toContain("- Where I am: Working on it\n  > Ran the May failover drill.\n- Evidence: https://wiki.example/drill");
  });

  test("a note whose expectation changed is marked with the word diff, and a note whose expectation is gone is kept", async ({ page }, testInfo) => {
    await page.goto("/healthz"); // same origin, no app: storage can be seeded before it starts
    await page.evaluate(
      ([key, slug]) =>
        localStorage.setItem(
          key,
          JSON.stringify({
            v: 1,
            data: {
              [`${slug}/dba/senior`]: { progress: "have-evidence", text: "Drilled.", expectation: "Designs replication architectures.", about: "Replication — DBA, Senior" },
              "retired-skill/dba/senior": { progress: "working-on-it", text: "Half way.", links: ["https://old.example"], about: "Retired skill — DBA, Senior" },
            },
          }),
        ),
      [PLAN, REPLICATION],
    );
    const problems = await open(page, SENIOR_DBA, testInfo);
    const it = item(page, "Replication & High Availability");
    await expect(it.locator(".note summary")).toContainText("Have evidence, a note");
    await expect(it.locator("details.note")).toHaveClass(/is-changed/);
    await it.locator(".note summary").click();
    await expect(it.getByText("Changed since you wrote this.")).toBeVisible();
    await expect(it.locator(".note-diff ins").first()).toBeVisible();
    await expect(it.locator(".note-diff")).toContainText("enterprise");

    const orphans = page.getByRole("region", { name: "Orphaned notes" });
    await expect(orphans).toBeVisible();
    await expect(orphans).toContainText("Retired skill — DBA, Senior");
    await expect(orphans).toContainText("Half way.");
    await expect(orphans).toContainText("https://old.example");

    await it.getByRole("button", { name: "I have read the new wording" }).click();
    await expect(it.getByText("Changed since you wrote this.")).toBeHidden();
    await orphans.getByRole("button", { name: "Delete this note" }).click();
    await expect(orphans).toBeHidden();
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(item(page, "Replication & High Availability").locator("details.note")).not.toHaveClass(/is-changed/);
    await expect(page.getByRole("region", { name: "Orphaned notes" })).toBeHidden();
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), PLAN);
    expect(Object.keys(stored.data)).toEqual([`${REPLICATION}/dba/senior`]);
    expect(problems).toEqual([]);
  });

  test("the earlier self-check's ticks become notes on the plan, and the old value is kept aside", async ({ page }, testInfo) => {
    await page.goto("/healthz");
    const old = JSON.stringify({
      v: 1,
      data: { [REPLICATION]: { "dba/middle": { label: "Database Engineer / DBA, Junior → Middle", ticked: ["Configures and manages database replication topologies: primary-replica, multi-source, and cascading replication."], total: 3 } } },
    });
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SELF_CHECK, old]);
    await open(page, "/plan?role=dba&level=middle", testInfo);
    const it = await openNote(page, "Replication & High Availability");
    await expect(it.getByRole("radio", { name: "Working on it" })).toBeChecked();
    await expect(it.getByLabel("What you have done toward it")).toHaveValue(/^Already covered \(from the self-check\):\n- Configures and manages/);
    const stored = await page.evaluate(
      ([plan, check]) => ({ plan: localStorage.getItem(plan), check: localStorage.getItem(check), kept: localStorage.getItem(`${check}.migrated`) }),
      [PLAN, SELF_CHECK],
    );
    expect(JSON.parse(stored.plan ?? "null").v).toBe(1);
    expect(stored.check).toBeNull();
    expect(stored.kept).toBe(old);
  });

  test("a corrupt notes value is set aside and the plan still works", async ({ page }, testInfo) => {
    await page.goto("/healthz");
    await page.evaluate((key) => localStorage.setItem(key, '{"v":1,"data":{"a/b/c":{"progress":5'), PLAN);
    const problems = await open(page, SENIOR_DBA, testInfo);
    await writeNote(page, "Replication & High Availability", "Starting afresh.");
    expect(await page.evaluate((k) => localStorage.getItem(`${k}.corrupt`), PLAN)).toBe('{"v":1,"data":{"a/b/c":{"progress":5');
    expect(problems).toEqual([]);
  });

  test("the watching page shows the reader's plan notes on a watched skill", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    await page.getByRole("button", { name: /^Watch/ }).click();
    await open(page, SENIOR_DBA, testInfo);
    await writeNote(page, "Replication & High Availability", "Led the Patroni upgrade.");
    await open(page, "/watching", testInfo);
    await expect(page.getByText("Your growth plan: Working on it (Database Engineer / DBA, Senior)")).toBeVisible();
  });
});
