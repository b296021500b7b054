import { createCreditsFetchClient } from "../generated/client.js";
import { OPERATIONS, SERIALIZERS } from "../generated/operations.js";
import type { CreditsClient } from "../generated/resources.js";
import { bindOperation } from "./bind-operation.js";
import type { OperationTable } from "./operation-table.js";
import type { Send } from "./bind-operation.js";
import { resolveConfig } from "./config.js";
import type { ClientOptions } from "./options.js";
import { attemptTimeouts } from "./timeout.js";
import {
  type DefaultSend,
  PlainRequestClass,
  sendPlainRequest,
  serializePath,
  serializeQuery,
} from "./transport.js";
import { CLIENT_ID } from "./version.js";
import { waits } from "./waits.js";

const isBrowser = typeof (globalThis as { document?: unknown }).document !== "undefined";

/**
 * Creates a client of the Togai Credits API.
 *
 * @throws {TogaiConfigError} when no token is given nor in `TOGAI_API_TOKEN`, or `baseUrl` is unusable.
 * @example
 * const togai = createCreditsClient({ token: process.env.TOGAI_API_TOKEN, environment: "sandbox" });
 * const credit = await togai.credits.get("creds.1znQx9jiIXw.r44fc");
 */
export function createCreditsClient(options: ClientOptions = {}): CreditsClient {
  return buildCreditsClient(options);
}

/**
 * A client that sends with `defaultSend` when it was given no `fetch` option (the Node build's
 * transport); the `raw` client always uses `fetch`. `table` is the operation table it binds
 * (the generated one; tests pass others).
 */
export function buildCreditsClient(
  options: ClientOptions,
  defaultSend?: DefaultSend,
  { operations, serializers }: OperationTable = {
    operations: OPERATIONS,
    serializers: SERIALIZERS,
  },
): CreditsClient {
  const { config, token } = resolveConfig(options);
  const headers = {
    ...config.headers,
    Accept: "application/json",
    "x-togai-client": CLIENT_ID,
    ...(!isBrowser && { "User-Agent": CLIENT_ID }),
    Authorization: `Bearer ${token}`,
  };
  const shared = {
    baseUrl: config.baseUrl,
    redirect: "manual" as const,
    querySerializer: serializers.query ?? serializeQuery,
    pathSerializer: serializePath,
  };
  const api = createCreditsFetchClient({
    ...shared,
    fetch: sendPlainRequest(config.fetch ?? defaultSend, headers),
    Request: PlainRequestClass,
  });
  const send = api.request as unknown as Send;
  const context = {
    config,
    timeouts: attemptTimeouts(),
    waits: waits(config.maxConcurrency, config.rateLimit, config.logger),
  };
  const groups: Record<string, object> = {};
  for (const entry of operations) {
    Object.assign((groups[entry.group] ??= {}), bindOperation(entry, context, send, serializers));
  }

  for (const methods of Object.values(groups)) Object.freeze(methods);

  return Object.freeze({
    ...groups,
    raw: createCreditsFetchClient({
      ...shared,
      headers,
      ...(config.fetch && { fetch: config.fetch }),
    }),
    [Symbol.for("nodejs.util.inspect.custom")]: () =>
      `CreditsClient { baseUrl: '${config.baseUrl}' }`,
  }) as unknown as CreditsClient;
}
