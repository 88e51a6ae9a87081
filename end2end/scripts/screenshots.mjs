// Screenshots of the profile, catalog, search, group, role-ladder, plan and compare pages at 1280 × 900 and 360 × 740, light and dark,
// into end2end/screenshots/ (not committed): look at them before calling a page done.
//   node end2end/scripts/screenshots.mjs [base-url]
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = new URL("../screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const pages = {
  profile: "/skills/replication-high-availability?role=dba&level=middle&open=senior",
  catalog: "/",
  search: "/?q=data",
  group: "/domains/database-management/database-administration",
  ladder: "/roles/data-engineer?level=senior",
  plan: "/plan?role=dba&level=senior",
  compare: "/compare?skill=replication-high-availability&a=dba/middle&b=dba/senior",
  "compare-all": "/compare?a=dba/senior&b=data-engineer/senior",
};
for (const [width, height] of [[1280, 900], [360, 740]]) {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await tab.goto(base + path);
      await tab.waitForSelector("html[data-hydrated]");
      const file = `${out}${name}-${width}-${scheme}.png`;
      await tab.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
