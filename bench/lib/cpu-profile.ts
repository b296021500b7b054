/** Records a V8 CPU profile of a piece of work in this process and summarises where time went. */
import { Session } from "node:inspector/promises";
import type { Profiler } from "node:inspector";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../../scripts/lib/exec.ts";
import { CLIENT_DIST } from "./compile-client.ts";

/** Where a sampled function lives: name, script URL, line. */
type CallFrame = Profiler.ProfileNode["callFrame"];

/** Records a CPU profile while `work` runs, sampling every `intervalUs` microseconds. */
export async function profile(
  work: () => Promise<void>,
  intervalUs = 100,
): Promise<Profiler.Profile> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    await session.post("Profiler.start");
    await work();
    const { profile: recorded } = await session.post("Profiler.stop");
    return recorded;
  } finally {
    session.disconnect();
  }
}

/** One function's share of a profile. */
export interface FunctionTime {
  /** `name (file:line)`, the file relative to the repository or as V8 names it. */
  function: string;
  category: string;
  selfMs: number;
  /** Self time as a share of all sampled time except idle. */
  selfShare: number;
}

/** Where a contender's time went, per call. */
export interface ProfileSummary {
  calls: number;
  busyMs: number;
  categories: { category: string; usPerCall: number; share: number }[];
  topSelf: FunctionTime[];
  /** The top functions by self time among the client layers only (src/, openapi-fetch). */
  topLayerSelf: FunctionTime[];
  /** Inclusive time (self + callees, synchronous stacks only) of well-known hot spots. */
  watched: { what: string; usPerCall: number; share: number }[];
}

/** The URL prefix of the compiled client (see compile-client.ts): its files count as src/. */
const COMPILED = pathToFileURL(`${CLIENT_DIST}/`).href;

/** Native functions that write to a socket (the `write` system call is charged to them). */
const SOCKET_WRITES = new Set(["writeLatin1String", "writeUtf8String", "writeBuffer", "writev"]);

/** Names a code location by the part of the stack it belongs to. */
export function categoryOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (SOCKET_WRITES.has(functionName) && url === "") return "sockets/streams";
  if (url.startsWith("wasm://")) return "HTTP parser (llhttp wasm)";
  if (functionName === "(program)" || functionName === "(idle)" || functionName === "(root)") {
    return functionName;
  }
  if (url.includes("/node_modules/openapi-fetch/")) return "openapi-fetch";
  if (url.includes("/node_modules/undici/")) return "undici (package)";
  if (url.includes("/node_modules/")) return "other packages";
  const own = url.replace(COMPILED, `file://${repoRoot}`);
  if (own.includes(`${repoRoot}src/`)) return "togai-credits src/";
  if (own.includes(`${repoRoot}generated/`)) return "generated/";
  if (url.includes(`${repoRoot}bench/`)) return "bench harness";
  if (url.startsWith("node:internal/deps/undici")) return "Node fetch (undici)";
  if (url.startsWith("node:internal/webstreams") || functionName === "makeTransferable") {
    return "web streams (body)";
  }
  if (/^node:internal\/(abort_controller|event_target)/u.test(url)) return "AbortController/events";
  if (/^node:(internal\/)?timers/u.test(url)) return "timers";
  if (/^node:(internal\/)?(net|stream|streams|http|_http|tls|dns)/u.test(url)) {
    return "sockets/streams";
  }
  if (url.startsWith("node:")) return "other Node internals";
  return "V8 builtins / native";
}

function label(frame: CallFrame): string {
  const file = frame.url
    .replace(COMPILED, "")
    .replace(`file://${repoRoot}`, "")
    .replace(/^.*\/node_modules\//u, "");
  const name = frame.functionName === "" ? "(anonymous)" : frame.functionName;
  return file === "" ? name : `${name} (${file}:${String(frame.lineNumber + 1)})`;
}

/** The categories that are the client's own layers, above `fetch`. */
const LAYERS = new Set(["togai-credits src/", "generated/", "openapi-fetch"]);

/** Hot spots whose inclusive time the summary reports, matched on function name and file. */
const WATCHED: { what: string; name: RegExp; url: RegExp }[] = [
  { what: "openapi-fetch coreFetch", name: /^coreFetch$/u, url: /openapi-fetch/u },
  { what: "openapi-fetch mergeHeaders", name: /^mergeHeaders$/u, url: /openapi-fetch/u },
  { what: "openapi-fetch createFinalURL", name: /^createFinalURL$/u, url: /openapi-fetch/u },
  { what: "new Request()", name: /^Request$/u, url: /undici/u },
  { what: "new Headers() / header copies", name: /^(Headers|fill|appendHeader)$/u, url: /undici/u },
  { what: "fetch() (Node, synchronous part)", name: /^fetch$/u, url: /deps\/undici/u },
  { what: "AbortController / AbortSignal", name: /./u, url: /abort_controller/u },
  { what: "setTimeout / clearTimeout", name: /^(setTimeout|clearTimeout)$/u, url: /timers/u },
  { what: "body text()/json() (consume)", name: /^(text|json|consumeBody)$/u, url: /undici/u },
  { what: "JSON.parse", name: /^parse$/u, url: /^$/u },
  { what: "togai-credits src/ (all)", name: /./u, url: /\/src\//u },
];

type PerFunction = Map<string, { frame: CallFrame; us: number }>;

/** Adds one profile's samples to the running sums; returns its busy (non-idle) time in µs. */
function accumulate(
  recorded: Profiler.Profile,
  perFunction: PerFunction,
  perCategory: Map<string, number>,
  watchedUs: Map<string, number>,
): number {
  const byId = new Map(recorded.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of recorded.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const selfUs = new Map<number, number>();
  const samples = recorded.samples ?? [];
  const deltas = recorded.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0));
  }

  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    const category = categoryOf(callFrame);
    if (category === "(idle)") continue;
    busyUs += us;
    perCategory.set(category, (perCategory.get(category) ?? 0) + us);
    const key = label(callFrame);
    const entry = perFunction.get(key) ?? { frame: callFrame, us: 0 };
    entry.us += us;
    perFunction.set(key, entry);
    // Inclusive: charge this sample once to every watched hot spot on its stack.
    const charged = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      for (const watch of WATCHED) {
        if (charged.has(watch.what)) continue;
        if (watch.name.test(frame.functionName) && watch.url.test(frame.url)) {
          charged.add(watch.what);
          watchedUs.set(watch.what, (watchedUs.get(watch.what) ?? 0) + us);
        }
      }
    }
  }
  return busyUs;
}

/**
 * Sums profiles (e.g. one per interleaved round) per function (self time), per category and
 * for the watched hot spots; `calls` is the number of calls all of them made together.
 */
export function summarise(
  recorded: readonly Profiler.Profile[],
  calls: number,
  top = 15,
): ProfileSummary {
  let busyUs = 0;
  const perFunction: PerFunction = new Map();
  const perCategory = new Map<string, number>();
  const watchedUs = new Map<string, number>();
  for (const one of recorded) busyUs += accumulate(one, perFunction, perCategory, watchedUs);

  const share = (us: number): number => (busyUs === 0 ? 0 : us / busyUs);
  const rows = (entries: [string, { frame: CallFrame; us: number }][]): FunctionTime[] =>
    entries
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, { frame, us }]) => ({
        function: fn,
        category: categoryOf(frame),
        selfMs: us / 1000,
        selfShare: share(us),
      }));
  return {
    calls,
    busyMs: busyUs / 1000,
    categories: [...perCategory]
      .sort((a, b) => b[1] - a[1])
      .map(([category, us]) => ({ category, usPerCall: us / calls, share: share(us) })),
    topSelf: rows([...perFunction]),
    topLayerSelf: rows([...perFunction].filter(([, { frame }]) => LAYERS.has(categoryOf(frame)))),
    watched: WATCHED.map(({ what }) => {
      const us = watchedUs.get(what) ?? 0;
      return { what, usPerCall: us / calls, share: share(us) };
    }),
  };
}
