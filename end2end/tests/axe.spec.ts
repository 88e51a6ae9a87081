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
  `${SEED}/suggest`,
  `/embed${SEED}?role=dba&level=junior`,
  "/watching",
  "/drafts",
  "/sign-in",
  "/sign-up?problem=username-format,password-short",
  "/skills/no-such-skill",
];

for (const scheme of ["light", "dark"] as const) {
  test(`no page has an accessibility violation in the ${scheme} theme`, async ({ page }, testInfo) => {
    test.skip(noJs(testInfo), "axe-core runs as a script");
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const path of PAGES) {
      await open(page, path, testInfo);
      const axe = await new AxeBuilder({ page }).analyze();
      found.push(...axe.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`));
    }
    expect(found).toEqual([]);
  });
}
