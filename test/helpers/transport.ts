/**
 * The transport the client suites run on. vitest runs them twice (vitest.config.ts): in the
 * "fetch" project with the default build's `createCreditsClient` (`globalThis.fetch`), and in
 * the "node transport" project (`TOGAI_TEST_TRANSPORT=node`) with the Node build's
 * (`node:http`, keep-alive). The suites import `createCreditsClient` from here and everything
 * else from src/index.ts: both builds share every other module, so the error classes are the
 * same ones.
 */
import { createCreditsClient as createWithFetch } from "../../src/index.ts";
import { createCreditsClient as createOnNode } from "../../src/node.ts";

/** The transport of this run: `node` or `fetch`. */
export const TRANSPORT: "node" | "fetch" =
  process.env.TOGAI_TEST_TRANSPORT === "node" ? "node" : "fetch";

/** `createCreditsClient` of the build that sends with {@link TRANSPORT}. */
export const createCreditsClient = TRANSPORT === "node" ? createOnNode : createWithFetch;
