/**
 * The testing kit (`togai-credits/testing`, src/testing/) as this project's own tests use it:
 * both front doors with `checkAnswers` on, checked by ajv against the YAML spec
 * (spec-validator.ts), the reference the kit's generated validators are themselves tested
 * against. Every answer the mock gives in the suite is so validated, closed.
 */
import {
  createMockFetch as createKitMockFetch,
  startMockServer as startKitMockServer,
  type MockFetch,
  type MockServer,
  type MockServerOptions,
} from "../../src/testing/node.ts";
import { checkSentResponse } from "./spec-validator.ts";

export type * from "../../src/testing/node.ts";
export { MAX_REQUEST_BODY_BYTES } from "../../src/testing/mock-state.ts";

/** `startMockServer` of the kit, its answers checked against the spec with ajv. */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startKitMockServer({ checkAnswers: checkSentResponse, ...options });
}

/** `createMockFetch` of the kit, its answers checked against the spec with ajv. */
export function createMockFetch(options: Omit<MockServerOptions, "port"> = {}): MockFetch {
  return createKitMockFetch({ checkAnswers: checkSentResponse, ...options });
}
