/**
 * When the Node build sends with `node:http` and when it leaves the call to `fetch`. The Node
 * transport is used only when nothing says the caller wants `fetch` itself:
 *
 * - no `fetch` option was given (the client checks that);
 * - `globalThis.fetch` is still the function it was when this module loaded (no test stub, no
 *   framework's patched `fetch`);
 * - no global undici dispatcher was installed (`setGlobalDispatcher`, as `MockAgent` and
 *   `ProxyAgent` users do): the dispatcher is still Node's own default;
 * - Node was not told to use the proxy environment variables (`NODE_USE_ENV_PROXY`,
 *   `--use-env-proxy`).
 *
 * The rules are checked on every call, so a stub or an agent installed after the client was
 * made is honoured. A user's stub, mock agent or proxy is never silently bypassed.
 */

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");
/** Where the process keeps Node's default dispatcher, once this module has seen it. */
const NODE_DEFAULT = Symbol.for("togai-credits.nodeDefaultDispatcher");

type Globals = Record<symbol, unknown>;

const fetchAtLoad = globalThis.fetch;

/**
 * Node's own default dispatcher. Node installs it when its `fetch` implementation first loads,
 * which reading `Headers` causes; when something installed a dispatcher before that (this
 * module cannot tell whose), there is no known default, and `fetch` is used.
 */
function nodeDefaultDispatcher(): unknown {
  const globals = globalThis as unknown as Globals;
  if (NODE_DEFAULT in globals) return globals[NODE_DEFAULT];
  const before = globals[DISPATCHER];
  Reflect.get(globalThis, "Headers");
  const installed = globals[DISPATCHER];
  const known = before === undefined && installed !== undefined ? installed : null;
  Object.defineProperty(globals, NODE_DEFAULT, { value: known });
  return known;
}

const defaultDispatcher = nodeDefaultDispatcher();

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
    defaultDispatcher !== null &&
    globalThis.fetch === fetchAtLoad &&
    (globalThis as unknown as Globals)[DISPATCHER] === defaultDispatcher &&
    !usesEnvProxy
  );
}
