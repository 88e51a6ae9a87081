import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

// Every page a reader can reach without signing in, light and dark: axe-core finds nothing.
const PAGES = [
  "/",
  "/?q=replication",
  "/domains/database-management",
  "/domains/database-management/database-administration",
  "/roles/dba?level=senior",
  `${SEED}?role=dba&level=senior`,
  `${SEED}/history`,
  `${SEED}/proposals`,
  `${SEED}/comments`,
  `${SEED}/suggest`,
  `/embed${SEED}?role=dba&level=junior`,
  "/watching",
  "/drafts",
  "/plan",
  "/plan?role=dba&level=senior",
  `/compare?skill=replication-high-availability&a=dba/middle&b=dba/senior`,
  "/compare?a=dba/senior&b=data-engineer/senior",
  "/sign-in",
  "/sign-up?problem=username-format,password-short",
  "/skills/no-such-skill",
];

for (const scheme of ["light", "dark"] as const) {
  test(`no page has an accessibility violation in the ${scheme} theme`, async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    // axe-core runs as a script, which the no-JavaScript project's pages cannot run. There the
    // pages are audited as a reader without JavaScript gets them: in a context that runs
    // axe, every page's own scripts are taken out of its HTML before the browser sees it.
    let audited = page;
    if (noJs(testInfo)) {
      const context = await browser.newContext({ javaScriptEnabled: true, baseURL: testInfo.project.use.baseURL });
      audited = await context.newPage();
      await audited.route("**/*", async (route) => {
        if (route.request().resourceType() !== "document") return route.continue();
        const response = await route.fetch();
        const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
        await route.fulfill({ response, body: html });
      });
    }
    await audited.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const path of PAGES) {
      await open(audited, path, testInfo);
      if (noJs(testInfo)) {
        await expect(audited.locator("html"), "the page is as without JavaScript").not.toHaveClass(/\bjs\b/);
      }
      const axe = await new AxeBuilder({ page: audited }).analyze();
      found.push(...axe.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`));
    }
    expect(found).toEqual([]);
  });
}
