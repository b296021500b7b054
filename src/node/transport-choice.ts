/**
 * When the Node build sends with `node:http` and when it leaves the call to `fetch`. The Node
 * transport is used only when nothing says the caller wants `fetch` itself:
 *
 * - no `fetch` option was given (the client checks that);
 * - `globalThis.fetch` is Node's own, as it was when this module loaded (no test stub, no
 *   framework's patched `fetch`, whether installed before or after);
 * - no global undici dispatcher was installed (`setGlobalDispatcher`, as `MockAgent` and
 *   `ProxyAgent` users do): the dispatcher is unset, or undici's default `Agent`;
 * - Node was not told to use the proxy environment variables (`NODE_USE_ENV_PROXY`,
 *   `--use-env-proxy`).
 *
 * The rules are checked on every call, so a stub or an agent installed after the client was
 * made is honoured. A user's stub, mock agent or proxy is never silently bypassed.
 */

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");

const fetchAtLoad = globalThis.fetch;

/**
 * Whether `globalThis.fetch` was Node's own when this module loaded, not one a framework or a
 * test had already replaced: Node's is a small function that loads its internal undici module,
 * a path no user code can require. (Should a later Node word it otherwise, `fetch` is used.)
 */
const fetchWasNodes =
  typeof fetchAtLoad === "function" &&
  fetchAtLoad.name === "fetch" &&
  Function.prototype.toString.call(fetchAtLoad).includes("require('internal/deps/undici/undici')");

/**
 * Whether a global dispatcher is undici's default: an `Agent` made with no options, as Node's
 * `fetch` (or the undici package, when imported) installs one when none is set. Anything else
 * (a `MockAgent`, a `ProxyAgent`, an `Agent` with options or interceptors) was installed
 * for a reason, and `fetch` must go through it.
 */
function isDefaultAgent(dispatcher: unknown): boolean {
  if (typeof dispatcher !== "object" || dispatcher === null) return false;
  if ((dispatcher.constructor as { name?: unknown } | undefined)?.name !== "Agent") return false;
  // A composed dispatcher (`agent.compose(interceptor)`) is a Proxy with its own `dispatch`.
  const { dispatch } = dispatcher as { dispatch?: unknown };
  if (dispatch !== (Object.getPrototypeOf(dispatcher) as { dispatch?: unknown }).dispatch) {
    return false;
  }
  const key = Object.getOwnPropertySymbols(dispatcher).find(
    (symbol) => symbol.description === "options",
  );
  const options: unknown = key && (dispatcher as Record<symbol, unknown>)[key];
  if (typeof options !== "object" || options === null) return false;
  return Object.entries(options).every(
    ([name, value]) => value === undefined || (name === "maxOrigins" && value === Infinity),
  );
}

let lastDispatcher: unknown;
let lastIsDefault = true;

/** Whether the global dispatcher is unset or undici's default (remembered per dispatcher). */
function dispatcherIsDefault(): boolean {
  const dispatcher = (globalThis as unknown as Record<symbol, unknown>)[DISPATCHER];
  if (dispatcher === undefined) return true;
  if (dispatcher !== lastDispatcher) {
    lastDispatcher = dispatcher;
    lastIsDefault = isDefaultAgent(dispatcher);
  }
  return lastIsDefault;
}

/** Node reads these at startup; so does this module. */
function toldToUseEnvProxy(): boolean {
  const { env, execArgv } = process;
  const flag = "--use-env-proxy";
  return (
    (env.NODE_USE_ENV_PROXY !== undefined && !["", "0"].includes(env.NODE_USE_ENV_PROXY)) ||
    execArgv.includes(flag) ||
    (env.NODE_OPTIONS ?? "").split(/\s+/u).includes(flag)
  );
}

const usesEnvProxy = toldToUseEnvProxy();

/** Whether this call may go through the Node transport (the `fetch` option aside). */
export function mayUseNodeTransport(): boolean {
  return (
    fetchWasNodes && globalThis.fetch === fetchAtLoad && !usesEnvProxy && dispatcherIsDefault()
  );
}
