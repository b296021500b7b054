/**
 * The globals that code meant for browsers, workers, Deno and Bun may read, and a `node:vm`
 * sandbox that has those and nothing of Node's: what runtimes.test.ts (the client) and
 * testing-kit-web.test.ts (the testing kit's web build) hold dist/ to.
 */
import { createContext, type Context } from "node:vm";

/** The globals the client may use anywhere: web standards that browsers, Deno, Bun, workers and Node share. */
export const WEB_GLOBALS: readonly string[] = [
  "fetch",
  "Request",
  "Response",
  "Headers",
  "URL",
  "URLSearchParams",
  "FormData",
  "AbortController",
  "AbortSignal",
  "DOMException",
  "setTimeout",
  "clearTimeout",
  "crypto",
  "performance",
  "TextEncoder",
  "TextDecoder",
  "Blob",
  "console",
];

/**
 * The web-standard globals the testing kit uses beyond the client's: it streams bodies,
 * encodes page tokens in base64 and copies what it stores.
 */
export const KIT_WEB_GLOBALS: readonly string[] = [
  "ReadableStream",
  "atob",
  "btoa",
  "structuredClone",
];

/** Node-only globals: allowed only behind a `typeof` test. */
export const NODE_GLOBALS: readonly string[] = [
  "process",
  "Buffer",
  "require",
  "module",
  "exports",
  "__dirname",
  "__filename",
  "global",
  "setImmediate",
  "clearImmediate",
];

/**
 * A `node:vm` context whose only globals, besides the language's own (`Object`, `Promise`,
 * `JSON`, …), are the web globals `names`, taken from this process, and `extra`. `console` is
 * left out: nothing the sandbox runs should log.
 */
export function webSandbox(names: readonly string[], extra: Record<string, unknown> = {}): Context {
  const globals: Record<string, unknown> = {};
  for (const name of names) {
    if (name === "console") continue;
    if (!(name in globalThis)) throw new Error(`this Node has no global ${name}`);
    globals[name] = (globalThis as Record<string, unknown>)[name];
  }
  return createContext({ ...globals, ...extra });
}
