import AxeBuilder from "@axe-core/playwright";
import { test, expect, type Frame, type Page, type TestInfo } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "node:fs";
import { SEED, mobile, noJs, open, overflowing, showComments } from "./helpers";
import { BASED_PORT, BASE_PATH, OTHER, PORTAL } from "./portal";

/** The site's own origin (the server under test). */
const SITE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const SLUG = SEED.replace("/skills/", "");
const EMBED = `/embed${SEED}`;

function portal(origin: string, src: string): string {
  return `${origin}/?src=${encodeURIComponent(src)}&origin=${encodeURIComponent(SITE)}`;
}

async function embedFrame(page: Page): Promise<Frame> {
  const handle = await page.locator("iframe").first().elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("the portal has no frame");
  return frame;
}

/** The frame's height on the portal page and the height of the document inside it. */
async function heights(page: Page, frame: Frame): Promise<{ outer: number; inner: number; scrolls: boolean }> {
  const outer = (await page.locator("iframe").first().boundingBox())?.height ?? 0;
  const { inner, scrolls } = await frame.evaluate(() => ({
    inner: document.documentElement.scrollHeight,
    scrolls: document.documentElement.scrollHeight > window.innerHeight,
  }));
  return { outer, inner, scrolls };
}

function jsOnly(testInfo: TestInfo, why: string) {
  test.skip(noJs(testInfo), why);
}

test("a listed portal frames the embed view, which grows to its content with no inner scrollbar", async ({ page }, testInfo) => {
  jsOnly(testInfo, "the frame sizes itself with a script");
  await page.goto(portal(PORTAL, `${SITE}${EMBED}?role=dba&level=senior`));
  const frame = await embedFrame(page);
  await expect(frame.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(/Replication & High Availability/);
  await expect(frame.locator(".site-header")).toHaveCount(0);
  await expect(frame.getByLabel("Your role")).toHaveValue("dba");

  await expect.poll(() => page.evaluate(() => (window as any).heights.length)).toBeGreaterThan(0);
  await expect.poll(async () => (await heights(page, frame)).scrolls).toBe(false);
  const before = await heights(page, frame);
  expect(before.outer).toBeGreaterThan(300);

  // Opening every level makes the content taller: the frame follows, still without scrolling.
  await frame.getByRole("link", { name: "Expand all" }).click();
  await expect.poll(async () => (await heights(page, frame)).outer).toBeGreaterThan(before.outer);
  await expect.poll(async () => (await heights(page, frame)).scrolls).toBe(false);
  await expect(page.locator("#after")).toBeVisible();
});

test("the embed view fits a phone, in both themes, with no accessibility violations", async ({ page }, testInfo) => {
  for (const query of ["?role=dba&level=senior&theme=light", "?theme=dark&compact=1"]) {
    const problems = await open(page, `${EMBED}${query}`, testInfo);
    await expect(page.locator(".embed")).toBeVisible();
    if (mobile(testInfo)) expect(await overflowing(page), query).toEqual([]);
    if (!noJs(testInfo)) {
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${query} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
    }
    expect(problems).toEqual([]);
  }
});

test("a portal not on the list is refused framing", async ({ page }) => {
  await page.goto(portal(OTHER, `${SITE}${EMBED}`));
  const frame = await embedFrame(page);
  // Chromium replaces a page that refuses to be framed with its error page.
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
  await expect(frame.locator(".embed")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).heights?.length ?? 0)).toBe(0);
  // The same page from the listed portal renders.
  await page.goto(portal(PORTAL, `${SITE}${EMBED}`));
  await expect((await embedFrame(page)).locator(".embed")).toBeVisible();
});

test("links in the embed open outside the frame and the frame stays put", async ({ page }) => {
  const src = `${SITE}${EMBED}?role=dba&level=senior`;
  await page.goto(portal(PORTAL, src));
  const frame = await embedFrame(page);
  const popup = page.waitForEvent("popup");
  await frame.getByRole("link", { name: /Open in Skill Profiles/ }).click();
  const opened = await popup;
  await expect(opened).toHaveURL(new RegExp(`${SEED}\\?role=dba&level=senior`));
  await expect(opened.locator(".site-header")).toBeVisible();
  expect(frame.url()).toBe(src);
  await expect(page).toHaveURL(new RegExp(`^${PORTAL}`));
});

test("the embed follows the theme and compact parameters, and the portal's theme changes", async ({ page }, testInfo) => {
  await page.goto(portal(PORTAL, `${SITE}${EMBED}?theme=dark&compact=1`));
  const frame = await embedFrame(page);
  const embed = frame.locator(".embed");
  await expect(embed).toHaveAttribute("data-theme", "dark");
  expect(await embed.evaluate((el) => getComputedStyle(el).colorScheme)).toBe("dark");
  await expect(frame.locator("table.matrix")).toHaveCount(0);
  await expect(frame.getByRole("link", { name: /See every level in Skill Profiles/ })).toBeVisible();
  if (!noJs(testInfo)) {
    // A portal that switches its own theme tells the frame.
    await expect(frame.locator("html")).toHaveAttribute("data-theme", "dark");
    // A height message means the frame's script runs, so it hears the portal too.
    await expect.poll(() => page.evaluate(() => (window as any).heights.length)).toBeGreaterThan(0);
    await page.evaluate(() =>
      document.querySelector("iframe")!.contentWindow!.postMessage({ type: "skill-profiles:theme", theme: "light" }, "*"),
    );
    await expect(frame.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await embed.evaluate((el) => getComputedStyle(el).colorScheme)).toBe("light");
  }
});

test("with JavaScript the selection changes inside the frame and keeps the theme", async ({ page }, testInfo) => {
  jsOnly(testInfo, "the slider needs the app");
  await page.goto(portal(PORTAL, `${SITE}${EMBED}?role=dba&level=junior&theme=light`));
  const frame = await embedFrame(page);
  await expect(frame.locator("html")).toHaveAttribute("data-hydrated", "true");
  await frame.getByLabel("Your role").selectOption("infrastructure-engineer");
  await expect.poll(() => frame.url()).toContain("role=infrastructure-engineer");
  expect(frame.url()).toContain("theme=light");
  expect(frame.url()).toContain("/embed/skills/");
});

test("a profile link given to the oEmbed endpoint becomes the embedded profile in a portal", async ({ page }, testInfo) => {
  jsOnly(testInfo, "the portal fetches the oEmbed answer with a script");
  const link = `${SITE}${SEED}?role=dba&level=senior`;
  await page.goto(
    `${PORTAL}/?link=${encodeURIComponent(link)}&oembed=${encodeURIComponent(`${SITE}/oembed`)}&origin=${encodeURIComponent(SITE)}`,
  );
  await expect(page.locator("#slot iframe")).toHaveAttribute("src", `${SITE}${EMBED}?role=dba&level=senior`);
  const frame = await embedFrame(page);
  await expect(frame.locator(".embed")).toBeVisible();
  await expect(frame.getByLabel("Your role")).toHaveValue("dba");
  await expect.poll(() => page.evaluate(() => (window as any).heights.length)).toBeGreaterThan(0);
});

test("scripts of the listed portal may read the API and others may not", async ({ page }, testInfo) => {
  jsOnly(testInfo, "the portals call the API from a script");
  const read = (url: string) =>
    page.evaluate(async (url) => {
      try {
        const response = await fetch(url);
        return { status: response.status, etag: response.headers.get("etag") };
      } catch (error) {
        return { error: String(error) };
      }
    }, url);
  await page.goto(`${PORTAL}/`);
  const allowed = await read(`${SITE}/api/v1/skills/${SLUG}`);
  expect(allowed).toMatchObject({ status: 200 });
  expect((allowed as { etag: string }).etag).toMatch(/^"[0-9a-f]{32}"$/);
  await page.goto(`${OTHER}/`);
  expect(await read(`${SITE}/api/v1/skills/${SLUG}`)).toHaveProperty("error");
});

test("every API answer matches its OpenAPI document", async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== "hydrated", "the API is the same for every browser project");
  const document = await (await request.get("/api/v1/openapi.json")).json();
  expect(document.servers[0].url).toBe("/api/v1");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(document, "openapi.json");

  /** The schema `$ref` of a documented answer, or undefined when the status is not documented. */
  const schemaOf = (template: string, status: number): string | undefined => {
    let answer = document.paths[template]?.get?.responses?.[String(status)];
    if (answer?.$ref) {
      answer = answer.$ref
        .replace("#/", "")
        .split("/")
        .reduce((node: any, key: string) => node[key], document);
    }
    return answer?.content?.["application/json"]?.schema?.$ref;
  };

  const calls: [string, string, number][] = [
    ["/skills", "/skills", 200],
    ["/skills/{slug}", `/skills/${SLUG}`, 200],
    ["/skills/{slug}", `/skills/${SLUG}?role=dba&level=senior`, 200],
    ["/skills/{slug}", `/skills/${SLUG}?role=chef`, 400],
    ["/skills/{slug}", `/skills/${SLUG}?level=wizard`, 400],
    ["/skills/{slug}", "/skills/no-such-skill", 404],
    ["/skills/{slug}/revisions", `/skills/${SLUG}/revisions`, 200],
    ["/skills/{slug}/revisions", "/skills/no-such-skill/revisions", 404],
    ["/skills/{slug}/revisions/{number}", `/skills/${SLUG}/revisions/1`, 200],
    ["/skills/{slug}/revisions/{number}", `/skills/${SLUG}/revisions/999`, 404],
    ["/roles", "/roles", 200],
  ];
  for (const [template, path, status] of calls) {
    const response = await request.get(`/api/v1${path}`);
    expect(response.status(), path).toBe(status);
    expect(response.headers()["content-type"], path).toBe("application/json");
    const ref = schemaOf(template, status);
    expect(ref, `${path} answers ${status}, which the document names`).toBeDefined();
    const valid = ajv.validate({ $ref: `openapi.json${ref}` }, await response.json());
    expect(valid, `${path}: ${ajv.errorsText()}`).toBe(true);
  }
  expect(new Set(calls.map(([template]) => template))).toEqual(new Set(Object.keys(document.paths)));

  const first = await request.get(`/api/v1/skills/${SLUG}`);
  expect(first.headers()["cache-control"]).toBe("public, max-age=60");
  const again = await request.get(`/api/v1/skills/${SLUG}`, { headers: { "if-none-match": first.headers()["etag"] } });
  expect(again.status()).toBe(304);
});

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The expectations of a Markdown download: level name, role name, flag, text. */
function parseMarkdown(text: string): { level: string; role: string; required: boolean; text: string }[] {
  const unescape = (s: string) => s.replace(/\\(.)/g, "$1");
  const out: { level: string; role: string; required: boolean; text: string }[] = [];
  let level = "";
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("## ")) level = unescape(line.slice(3));
    const cell = line.match(/^### (.*) — (required|optional)$/);
    if (cell) {
      out.push({ level, role: unescape(cell[1]), required: cell[2] === "required", text: unescape(lines[i + 2]) });
    }
  }
  return out;
}

async function download(page: Page, part: string, format: string): Promise<{ name: string; text: string }> {
  await page.getByRole("radio", { name: part }).check();
  await page.getByRole("radio", { name: format }).check();
  const started = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const file = await started;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, "utf8") };
}

test("a reader downloads the profile as CSV and the selection as Markdown and JSON, and they read back as the profile", async ({ page, request }, testInfo) => {
  const api = await (await request.get(`/api/v1/skills/${SLUG}`)).json();
  const levelName = (id: string) => api.levels.find((l: any) => l.id === id).name;
  const roleName = (id: string) => api.roles.find((r: any) => r.id === id).name;
  await open(page, `${SEED}?role=dba&level=senior`, testInfo);

  const csv = await download(page, "The whole profile", "CSV (spreadsheets)");
  expect(csv.name).toBe(`${SLUG}.csv`);
  const [header, ...rows] = parseCsv(csv.text);
  expect(header).toEqual(["skill", "revision", "level", "level_name", "role", "role_name", "required", "text"]);
  expect(rows).toEqual(
    api.expectations.map((e: any) => [
      SLUG,
      String(api.revision),
      e.level,
      levelName(e.level),
      e.role,
      roleName(e.role),
      e.required ? "required" : "optional",
      e.text,
    ]),
  );

  let role = "dba";
  if (!noJs(testInfo)) {
    // The hidden fields follow the picker.
    await page.getByLabel("Your role").selectOption("infrastructure-engineer");
    await expect(page).toHaveURL(/role=infrastructure-engineer/);
    role = "infrastructure-engineer";
  }
  await expect(page.getByRole("radio", { name: /Your selection: .*, Senior and Lead/ })).toBeVisible();
  const markdown = await download(page, "Your selection", "Markdown");
  expect(markdown.name).toBe(`${SLUG}-${role}-senior.md`);
  expect(markdown.text.split("\n")[0]).toBe(`# ${api.title}`);
  const wanted = api.expectations.filter((e: any) => e.role === role && ["senior", "lead"].includes(e.level));
  expect(parseMarkdown(markdown.text)).toEqual(
    wanted.map((e: any) => ({ level: levelName(e.level), role: roleName(e.role), required: e.required, text: e.text })),
  );

  const json = await download(page, "Your selection", "JSON");
  const selection = JSON.parse(json.text);
  expect(selection.expectations).toEqual(wanted);
  expect(selection.levels.map((l: any) => l.id)).toEqual(["senior", "lead"]);
});

test.describe("under a base path", () => {
  const BASED = `http://127.0.0.1:${BASED_PORT}${BASE_PATH}`;

  test("the site reads, hydrates and calls its server under the base path", async ({ page }, testInfo) => {
    const problems = await open(page, `${BASED}${SEED}?role=dba&level=senior`, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
    const css = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel="stylesheet"]')).map((l) => l.getAttribute("href")),
    );
    // Hashed by content, under the base path: /kb/pkg/skill-profiles.<hash>.css.
    expect(css).toHaveLength(1);
    expect(css[0]).toMatch(new RegExp(`^${BASE_PATH}/pkg/skill-profiles\\.[\\w-]+\\.css$`));
    if (!noJs(testInfo)) {
      // Comments load through a server function once they are about to be seen.
      await showComments(page);
      await expect(page.getByText("No comments yet.")).toBeVisible();
      await page.getByLabel("Your role").selectOption("infrastructure-engineer");
      await expect(page).toHaveURL(`${BASED}${SEED}?role=infrastructure-engineer&level=senior`);
    }
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").first().click();
    await expect(page).toHaveURL(`${BASED}/domains/database-management`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Database Management");
    expect(problems).toEqual([]);
  });

  test("a reader signs up under the base path and comes back to where they were", async ({ page }) => {
    const name = `based-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
    await page.goto(`${BASED}${SEED}`);
    await page.locator(".site-header").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${BASED}/sign-in\\?next=`));
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByLabel("Username").fill(name);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
    await page.getByLabel("Password again").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(`${BASED}${SEED}`);
    await expect(page.locator(".site-header")).toContainText(name);
  });
});
