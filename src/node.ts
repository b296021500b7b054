/**
 * togai-credits for Node (the package's `node` export condition): the same modules as the
 * default build, with `createCreditsClient` sending through a keep-alive `node:http` transport.
 * Every other export is the default build's own, so each error class exists once.
 *
 * @packageDocumentation
 */
export * from "./index.js";
export { createCreditsClient } from "./node/client.js";
