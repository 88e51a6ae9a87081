import { expect, test } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

// Pages readers who are not signed in get from the server's render cache: kept once, sent
// again as the same bytes with the same policy, which allows their inline scripts by hash.
test.describe("the render cache", () => {
  test.beforeEach(({}, testInfo) => test.skip(noJs(testInfo), "without JavaScript no script runs"));

  test("a page sent from the cache runs its own scripts and nothing breaks its policy", async ({ page }, testInfo) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    // An address nobody asked for yet: the first visit renders and fills the cache, the
    // visits after it are answered from it.
    const address = `${SEED}?role=dba&level=senior&from=${testInfo.project.name}-${Date.now()}`;
    const first = await page.request.get(address);
    expect(first.status()).toBe(200);
    // Twice from the cache: each time the islands hydrate, so the scripts the policy names
    // ran, and the picker answers.
    for (let visit = 0; visit < 2; visit++) {
      expect(await open(page, address, testInfo)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
      await page.getByLabel("Your role").selectOption("infrastructure-engineer");
      await expect(page).toHaveURL(/role=infrastructure-engineer/);
    }
    const again = await page.request.get(address);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
  });
});
