/**
 * `createCreditsClient` of the Node build: the same client, whose calls go through the Node
 * transport (`node:http`/`node:https`, keep-alive) when no `fetch` option was given and
 * nothing asks for `fetch` itself (see transport-choice.ts); through `fetch` otherwise.
 */
import type { CreditsClient } from "../../generated/resources.js";
import { buildCreditsClient } from "../client.js";
import type { ClientOptions } from "../options.js";
import type { DefaultSend } from "../transport.js";
import { sendWithNode } from "./http-transport.js";
import { mayUseNodeTransport } from "./transport-choice.js";

/** How the Node build sends: the Node transport when it may, else `fetch`. */
export const sendOnNode: DefaultSend = (url, init) =>
  mayUseNodeTransport()
    ? (sendWithNode(url, init) as unknown as Promise<Response>)
    : globalThis.fetch(url, init);

/**
 * Creates a client of the Togai Credits API (Node build: the keep-alive `node:http` transport
 * unless a `fetch` option, a stubbed `globalThis.fetch`, a global undici dispatcher or Node's
 * proxy settings ask for `fetch`).
 *
 * @throws {TogaiConfigError} when no token is given nor in `TOGAI_API_TOKEN`, or `baseUrl` is unusable.
 */
export function createCreditsClient(options: ClientOptions = {}): CreditsClient {
  return buildCreditsClient(options, sendOnNode);
}
