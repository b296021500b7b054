/**
 * The transport the client suites run on. vitest runs them twice (vitest.config.ts): in the
 * "fetch" project with the default build's `createCreditsClient` (`globalThis.fetch`), and in
 * the "node transport" project (`TOGAI_TEST_TRANSPORT=node`) with the Node build's
 * (`node:http`, keep-alive). The suites import `createCreditsClient` from here and everything
 * else from src/index.ts: both builds share every other module, so the error classes are the
 * same ones.
 */
import { buildCreditsClient } from "../../src/client.ts";
import { headerParameters } from "../../src/header-parameters.ts";
import { styledQuery } from "../../src/query-styles.ts";
import { typedPathValue } from "../../src/path-types.ts";
import { createCreditsClient as createWithFetch } from "../../src/index.ts";
import type { ClientOptions } from "../../src/index.ts";
import { sendOnNode } from "../../src/node/client.ts";
import { createCreditsClient as createOnNode } from "../../src/node.ts";
import type { OperationEntry } from "../../src/operation-table.ts";

/** The transport of this run: `node` or `fetch`. */
export const TRANSPORT: "node" | "fetch" =
  process.env.TOGAI_TEST_TRANSPORT === "node" ? "node" : "fetch";

/** `createCreditsClient` of the build that sends with {@link TRANSPORT}. */
export const createCreditsClient = TRANSPORT === "node" ? createOnNode : createWithFetch;

/** A method of a client bound to an operation table of the test's own. */
export type TestMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * A client of the build of {@link TRANSPORT} bound to `operations` instead of the generated
 * table: how the client suites drive constructs the spec does not use (its methods by group).
 */
export function clientOf(
  operations: readonly OperationEntry[],
  options: ClientOptions,
): Record<string, Record<string, TestMethod>> {
  const send = TRANSPORT === "node" ? sendOnNode : undefined;
  const serializers = { path: typedPathValue, query: styledQuery, header: headerParameters };
  return buildCreditsClient(options, send, { operations, serializers }) as unknown as Record<
    string,
    Record<string, TestMethod>
  >;
}
