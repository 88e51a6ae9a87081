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
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
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
