/**
 * Pagination: `togai.credits.listAll()` (the Node build) vs a hand-written `while (nextToken)`
 * loop with raw `fetch` + `res.json()`, against a loopback server (own process) serving
 * pre-built pages of 50 credits.
 *
 * 1. Throughput over 10,000 credits (200 pages): items/s ratio to the hand-written loop, with
 *    the same loop on bare `node:http` as the ceiling.
 * 2. Heap: peak live-heap growth while walking 2,000 and 20,000 credits, and its ratio
 *    (child process with `--expose-gc`, see lib/heap-walk.ts), with a "collect everything"
 *    control for scale.
 * 3. Prefetch: `listAll({}, { prefetch: true })` vs without, when the server takes 20 ms per
 *    page and the consumer spends 20 ms on each page: wall-time ratio prefetch ÷ sequential.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "../scripts/lib/exec.ts";
import { BENCH_TOKEN } from "./lib/fixtures.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import { type BenchClient, loadOurClient } from "./lib/our-client.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { type Spread, formatRatio, interleavedRounds, ratiosTo, spread } from "./lib/stats.ts";
import {
  endsPage,
  handWrittenLoop,
  listingHeaders,
  nodeHttpLoop,
  ourListAll,
} from "./lib/walks.ts";

const THROUGHPUT = { total: 10_000, rounds: 11, target: 1.3 };
const PREFETCH = { total: 1_000, latencyMs: 20, workMs: 20, rounds: 5, target: 0.6 };
const HAND = "hand-written loop (raw fetch)";
const CEILING = "the same loop on bare node:http (ceiling)";
const OURS = "togai-credits listAll";

interface HeapResult {
  small: number;
  large: number;
  rounds: number;
  sampleEveryPages: number;
  pageBytes: number;
  skipped?: string;
  growth: Record<string, { small: number[]; large: number[] }>;
}

function expectCount(name: string, seen: number, total: number): void {
  if (seen !== total) throw new Error(`${name} saw ${String(seen)} credits, not ${String(total)}`);
}

async function timeWalk(walk: () => Promise<number>, total: number, name: string) {
  const start = performance.now();
  expectCount(name, await walk(), total);
  return performance.now() - start;
}

/** Runs lib/heap-walk.ts in a child process with `--expose-gc`; resolves with its result. */
function runHeapChild(serverUrl: string): Promise<HeapResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "bench/lib/heap-walk.ts"],
      {
        cwd: repoRoot,
        env: { ...process.env, BENCH_SERVER_URL: serverUrl },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("HEAP_RESULT "));
      if (code !== 0 || line === undefined) {
        reject(new Error(`heap-walk.ts exited with ${String(code)}: ${output}`));
        return;
      }
      resolve(JSON.parse(line.slice("HEAP_RESULT ".length)) as HeapResult);
    });
  });
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const ours = await loadOurClient();
let skipNote = ours.ok ? undefined : ours.note;
const server = await startLoopbackServer();
try {
  const client = (headers: Record<string, string>): BenchClient | undefined =>
    ours.ok ? ours.create({ token: BENCH_TOKEN, baseUrl: server.url, headers }) : undefined;

  // 1. Throughput.
  const headers = listingHeaders(THROUGHPUT.total);
  const togai = client(headers);
  const walks: Record<string, () => Promise<number>> = {
    [HAND]: () => handWrittenLoop(server.url, headers, () => undefined),
    [CEILING]: () => nodeHttpLoop(server.url, headers, () => undefined),
  };
  expectCount(HAND, await walks[HAND]!(), THROUGHPUT.total); // warm-up, and a check
  expectCount(CEILING, await walks[CEILING]!(), THROUGHPUT.total);
  if (togai) {
    const walk = () => ourListAll(togai, () => undefined);
    try {
      expectCount(OURS, await walk(), THROUGHPUT.total);
      walks[OURS] = walk;
    } catch (error) {
      skipNote = `skipped: failed during warm-up: ${String(error)}`.slice(0, 160);
    }
  }
  const names = Object.keys(walks);
  const elapsed = await interleavedRounds(names, { rounds: THROUGHPUT.rounds }, (name) =>
    timeWalk(walks[name]!, THROUGHPUT.total, name),
  );
  const throughput = ratiosTo(elapsed, HAND, { inverse: true });
  const toCeiling = ratiosTo(elapsed, CEILING, { inverse: true });
  const itemsPerSecond = (name: string): Spread =>
    spread(elapsed[name]!.map((ms) => (THROUGHPUT.total * 1000) / ms));
  printTable(
    `Pagination throughput: ${THROUGHPUT.total.toLocaleString("en")} credits, 200 pages of 50 (items/s ratio to the hand-written loop)`,
    ["contender", "ratio (min–max)", "÷ ceiling (min–max)", "items/s (context)", "target"],
    [
      [
        HAND,
        formatRatio(throughput[HAND]!),
        formatRatio(toCeiling[HAND]!),
        itemsPerSecond(HAND).median.toFixed(0),
        "baseline",
      ],
      [
        CEILING,
        formatRatio(throughput[CEILING]!),
        "1.00×",
        itemsPerSecond(CEILING).median.toFixed(0),
        "ceiling",
      ],
      throughput[OURS]
        ? [
            OURS,
            formatRatio(throughput[OURS]),
            formatRatio(toCeiling[OURS]!),
            itemsPerSecond(OURS).median.toFixed(0),
            `${throughput[OURS].median >= THROUGHPUT.target ? "met" : "missed"} ≥ ${THROUGHPUT.target.toFixed(2)}×`,
          ]
        : [OURS, "—", "—", "—", skipNote ?? ""],
    ],
    [
      `${String(THROUGHPUT.rounds)} interleaved rounds; the hand-written loop is raw fetch + ` +
        "res.json() following nextToken; the consumer does nothing with each credit.",
    ],
  );

  // 2. Prefetch.
  let prefetch: Spread | undefined;
  let prefetchMs: Record<string, Spread> | undefined;
  const slow = client(listingHeaders(PREFETCH.total, PREFETCH.latencyMs));
  if (slow && OURS in walks) {
    const work = async (_credit: unknown, index: number): Promise<void> => {
      if (endsPage(index)) await sleep(PREFETCH.workMs);
    };
    const modes: Record<string, () => Promise<number>> = {
      sequential: () => ourListAll(slow, work, false),
      prefetch: () => ourListAll(slow, work, true),
    };
    const wall = await interleavedRounds(Object.keys(modes), { rounds: PREFETCH.rounds }, (mode) =>
      timeWalk(modes[mode]!, PREFETCH.total, mode),
    );
    prefetch = ratiosTo(wall, "sequential").prefetch;
    prefetchMs = { sequential: spread(wall.sequential!), prefetch: spread(wall.prefetch!) };
  }
  printTable(
    "Prefetch: wall time of listAll with { prefetch: true } ÷ without",
    ["scenario", "ratio (min–max)", "wall ms sequential / prefetch (context)", "target"],
    [
      prefetch && prefetchMs
        ? [
            `${String(PREFETCH.total / 50)} pages; server ${String(PREFETCH.latencyMs)} ms/page, consumer ${String(PREFETCH.workMs)} ms/page`,
            formatRatio(prefetch),
            `${prefetchMs.sequential!.median.toFixed(0)} / ${prefetchMs.prefetch!.median.toFixed(0)}`,
            `${prefetch.median <= PREFETCH.target ? "met" : "missed"} ≤ ${PREFETCH.target.toFixed(2)}×`,
          ]
        : ["prefetch", "—", "—", skipNote ?? ""],
    ],
    [`${String(PREFETCH.rounds)} interleaved rounds. Ideal: (1 + pages) ÷ (2 × pages) ≈ 0.53×.`],
  );

  // 3. Heap.
  const heap = await runHeapChild(server.url);
  const heapRows = Object.entries(heap.growth).map(([name, { small, large }]) => {
    // A walk holds at least the page in hand: growth below one page is noise, counted as one page.
    const floored = (bytes: number): number => Math.max(bytes, heap.pageBytes);
    const ratio = spread(large.map((l, round) => floored(l) / floored(small[round]!)));
    const perThousand = spread(
      large.map((l, round) => ((l - small[round]!) / (heap.large - heap.small)) * 1000),
    );
    return {
      name,
      small: spread(small),
      large: spread(large),
      ratio,
      perThousand,
    };
  });
  printTable(
    `Pagination heap: peak live-heap growth while walking ${heap.small.toLocaleString("en")} and ${heap.large.toLocaleString("en")} credits`,
    ["walk", "growth 2k", "growth 20k", "ratio 20k ÷ 2k (min–max)", "retained per 1,000 credits"],
    [
      ...heapRows.map((row) => [
        row.name,
        kb(row.small.median),
        kb(row.large.median),
        formatRatio(row.ratio, 1),
        kb(row.perThousand.median),
      ]),
      ...(heap.skipped ? [[OURS, "—", "—", "—", heap.skipped]] : []),
    ],
    [
      `${String(heap.rounds)} interleaved rounds; full GC and a heapUsed sample every ` +
        `${String(heap.sampleEveryPages)} pages with the page in hand. One parsed page weighs ` +
        `${kb(heap.pageBytes)}; the ratio counts a growth below one page as one page. Growths ` +
        "under ~200 KB are within this machine's noise (stateless loops measured 0–200 KB), so " +
        "read the ratio with the KB figures; the control shows what not flat looks like.",
    ],
  );

  const path = await writeResult("pagination", {
    throughput: {
      ...THROUGHPUT,
      handWrittenLoop: "raw fetch + res.json()",
      ratios: throughput,
      elapsedMs: elapsed,
    },
    prefetch: { ...PREFETCH, ratio: prefetch, wallMs: prefetchMs, skipped: skipNote },
    heap: { ...heap, summary: heapRows },
  });
  console.log(`\nwrote ${path}`);
} finally {
  await server.close();
}
