/**
 * The built docs for the docs tests: builds site/ when site/index.html is missing or stale, and serves it
 * on 127.0.0.1 (a free port) with sirv, the static server behind `npm run docs:serve`.
 */
import { readdir, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import sirv from "sirv";
import { bin, repoRoot, run, withoutNodeBanner } from "../../scripts/lib/exec.ts";

/** The folder `npm run docs` builds. */
export const siteDir = join(repoRoot, "site");

/** What the page is built from: a change to any of them makes site/index.html stale. */
const SOURCES = [
  "openapi/credits.yaml",
  "redocly.yaml",
  "scripts/docs.ts",
  "scripts/docs",
  "generated",
  "scripts/generate/example-call.ts",
  "scripts/lib/ts-literal.ts",
];

async function modifiedAt(path: string): Promise<number> {
  const stats = await stat(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => modifiedAt(join(path, entry))));
  return Math.max(stats.mtimeMs, ...times);
}

async function isStale(page: string): Promise<boolean> {
  const built = await stat(page).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
  if (built === undefined) return true;
  const sources = await Promise.all(SOURCES.map((source) => modifiedAt(join(repoRoot, source))));
  return sources.some((time) => time > built);
}

/** Builds site/ with scripts/docs.ts when site/index.html is missing or older than a source. */
export async function ensureSite(): Promise<void> {
  if (!(await isStale(join(siteDir, "index.html")))) return;
  const result = await run(bin("tsx"), ["scripts/docs.ts"]);
  if (result.code !== 0) {
    throw new Error(`npm run docs failed:\n${withoutNodeBanner(result.stdout + result.stderr)}`);
  }
}

/** A running static server of site/. */
export interface SiteServer {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  close(): Promise<void>;
}

/** Serves site/ on 127.0.0.1, port 0. */
export async function serveSite(): Promise<SiteServer> {
  const server = createServer(sirv(siteDir, { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
