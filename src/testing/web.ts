/**
 * togai-credits/testing, outside Node (the `default` export condition): the stateful,
 * spec-validated mock of the Credits API, in process. `startMockServer` needs a socket, so
 * here it only rejects, pointing at `createMockFetch`.
 *
 * @packageDocumentation
 */
import type { MockServer, MockServerOptions } from "./types.js";

export { createMockFetch } from "./mock-fetch.js";
export type * from "./types.js";

/** Not available outside Node: rejects, pointing at {@link createMockFetch}. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the Node build's signature
export function startMockServer(_options?: MockServerOptions): Promise<MockServer> {
  return Promise.reject(
    new Error(
      "startMockServer needs Node (it listens with node:http); this runtime loaded the web build " +
        "of togai-credits/testing. Use createMockFetch() instead: the same mock behind a fetch function.",
    ),
  );
}
