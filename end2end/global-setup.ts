import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BASED_PORT, BASE_PATH, OTHER_PORT, PORTAL_PORT, portalPage } from "./tests/portal";

async function waitFor(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} at ${url} did not answer within 120 s (${last})`);
}

/** A test portal: a page of another origin that frames the embed view (see portal.ts). */
function portal(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://localhost:${port}`);
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(portalPage(url.searchParams));
  });
  // Every interface: the browser may reach `localhost` over IPv6 or IPv4.
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}

/**
 * `cargo leptos end-to-end` starts the server and the tests together: wait until it answers.
 * Then start what the embedding journeys need: two test portals on other origins
 * (`localhost:3108` is on the server's embed and API lists, `localhost:3109` is not) and a
 * second server of the same build under the base path `/kb`.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  await waitFor(`${base}/healthz`, "the server");

  const portals = await Promise.all([portal(PORTAL_PORT), portal(OTHER_PORT)]);

  const root = resolve(__dirname, "..");
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const data = mkdtempSync(join(tmpdir(), "skills-based-"));
  const based: ChildProcess = spawn(join(target, "release", "server"), [], {
    cwd: root,
    env: {
      ...process.env,
      LEPTOS_ENV: "PROD",
      SKILLS_ADDR: `127.0.0.1:${BASED_PORT}`,
      SKILLS_DATA: data,
      SKILLS_BASE_PATH: BASE_PATH,
      SKILLS_RATE_LIMITS: "off",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(`http://127.0.0.1:${BASED_PORT}${BASE_PATH}/healthz`, "the server under a base path");

  return async () => {
    based.kill("SIGTERM");
    await Promise.all(portals.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(data, { recursive: true, force: true });
  };
}
