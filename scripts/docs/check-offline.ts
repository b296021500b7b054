/**
 * Finds every external resource a built page would make the browser load: scripts, styles,
 * fonts, images, frames, module imports and fetches from another origin. Plain hyperlinks a
 * reader clicks (`<a href>`) are fine and not reported.
 *
 * Run on its own: `npx tsx scripts/docs/check-offline.ts [site/index.html]` exits 1 and names
 * every such reference.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** An absolute or protocol-relative URL: another origin than the page's own. */
const URL = String.raw`(?:https?:|wss?:)?//[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?[^\s"'\x60)<>\\]*`;

/** Contexts in which a URL is loaded as the page opens, each with a name for the report. */
const LOADING_CONTEXTS: readonly { name: string; pattern: RegExp }[] = [
  {
    name: "HTML attribute",
    pattern: new RegExp(
      String.raw`\b(?:src|srcset|poster|data|background)\s*=\s*\\?["']?\s*(${URL})`,
      "giu",
    ),
  },
  {
    name: "script property",
    pattern: new RegExp(
      String.raw`\b(?:src|srcSet|poster)\s*:[^,;{}]{0,80}?["'\x60](${URL})`,
      "gu",
    ),
  },
  { name: "CSS url()", pattern: new RegExp(String.raw`url\(\s*\\?["']?\s*(${URL})`, "giu") },
  {
    name: "CSS @import",
    pattern: new RegExp(String.raw`@import\s+(?:url\(\s*)?["']?\s*(${URL})`, "giu"),
  },
  {
    name: "module import",
    pattern: new RegExp(String.raw`\b(?:import\s*\(?|from)\s*["'\x60](${URL})`, "gu"),
  },
  {
    name: "fetch",
    pattern: new RegExp(
      String.raw`\b(?:fetch|importScripts|sendBeacon|new\s+(?:Worker|SharedWorker|EventSource|WebSocket))\s*\(\s*["'\x60](${URL})`,
      "gu",
    ),
  },
];

/** Hosts that only serve things to load (scripts, styles, fonts, images, analytics). */
const ASSET_HOSTS = [
  "cdn.redoc.ly",
  "cdn.redocly.com",
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "unpkg.com",
  "cdn.jsdelivr.net",
  "cdnjs.cloudflare.com",
  "www.googletagmanager.com",
  "www.google-analytics.com",
];

/** `<link>` relations that make the browser fetch the `href`. */
const LOADING_LINK_RELS =
  /\b(?:stylesheet|preload|modulepreload|prefetch|preconnect|dns-prefetch|icon|apple-touch-icon|manifest)\b/iu;

/** One external reference the browser would load, with the context it was found in. */
export interface ExternalReference {
  context: string;
  url: string;
}

function linkTagReferences(html: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/giu)) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/iu.exec(tag)?.[1] ?? "";
    const href = new RegExp(String.raw`\bhref\s*=\s*["']?(${URL})`, "iu").exec(tag)?.[1];
    if (href && LOADING_LINK_RELS.test(rel))
      found.push({ context: `<link rel="${rel}">`, url: href });
  }
  return found;
}

function assetHostReferences(html: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const host of ASSET_HOSTS) {
    const pattern = new RegExp(
      String.raw`(?:https?:)?//${host.replaceAll(".", String.raw`\.`)}[^\s"'\x60)<>\\]*`,
      "giu",
    );
    for (const [url] of html.matchAll(pattern)) found.push({ context: `asset host ${host}`, url });
  }
  return found;
}

/**
 * Every external reference in the page that the browser would load, once each, named by the
 * most specific context it was found in.
 */
export function findExternalLoads(html: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const { name, pattern } of LOADING_CONTEXTS) {
    for (const match of html.matchAll(pattern)) {
      if (match[1]) found.push({ context: name, url: match[1] });
    }
  }
  found.push(...linkTagReferences(html), ...assetHostReferences(html));
  const byUrl = new Map<string, ExternalReference>();
  for (const ref of found) if (!byUrl.has(ref.url)) byUrl.set(ref.url, ref);
  return [...byUrl.values()];
}

/** A report naming every reference, one a line. */
export function describeReferences(references: readonly ExternalReference[]): string {
  return references.map((ref) => `  - ${ref.url} (${ref.context})`).join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? "site/index.html";
  const references = findExternalLoads(await readFile(file, "utf8"));
  if (references.length > 0) {
    console.error(`${file} loads ${String(references.length)} external resource(s):`);
    console.error(describeReferences(references));
    process.exit(1);
  }
  console.log(`${file}: no external resource is loaded`);
}
