/**
 * togai-credits/testing: the stateful, spec-validated mock of the Credits API that this
 * package tests itself with, for testing code that uses the client. Two front doors, one
 * behaviour: {@link startMockServer} over HTTP on 127.0.0.1 (Node), and
 * {@link createMockFetch} in process, behind a `fetch` function (any runtime).
 *
 * @packageDocumentation
 */
export { createMockFetch } from "./mock-fetch.js";
export { startMockServer } from "./node/mock-server.js";
export type * from "./types.js";
