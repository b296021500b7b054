/**
 * The heap part of the pagination benchmark, run in a child process started with `--expose-gc`
 * (see pagination.ts): for each contender, the peak growth of the live heap while walking
 * 2,000 and then 20,000 credits. At the end of every 20th page (and of the last one), with that
 * page still in hand, the consumer lets pending finalizers run, forces a full GC and samples
 * `process.memoryUsage().heapUsed`: a sample is what the walk still holds, not garbage waiting
 * to be collected. A walk that holds one page stays flat; one that keeps what it saw grows with
 * the total. Also measures what one parsed page weighs, for scale. Prints one
 * `HEAP_RESULT <json>` line.
 */
import type { Credit } from "../../generated/credits.ts";
import { BENCH_TOKEN, PAGE_SIZE } from "./fixtures.ts";
import { loadOurClient } from "./our-client.ts";
import { interleavedRounds } from "./stats.ts";
import { endsPage, handWrittenLoop, listingHeaders, ourListAll, type OnCredit } from "./walks.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("heap-walk.ts needs node --expose-gc");
const baseUrl = process.env.BENCH_SERVER_URL;
if (baseUrl === undefined) throw new Error("heap-walk.ts needs BENCH_SERVER_URL");

const ROUNDS = Number(process.env.BENCH_HEAP_ROUNDS ?? 5);
const SMALL = 2_000;
const LARGE = 20_000;

const SAMPLE_EVERY_PAGES = 20;

async function liveHeap(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  gc!();
  return process.memoryUsage().heapUsed;
}

/** The live heap one parsed page of credits takes, in bytes. */
async function pageWeight(): Promise<number> {
  const res = await fetch(`${baseUrl!}/credits`, {
    headers: { ...listingHeaders(PAGE_SIZE), authorization: `Bearer ${BENCH_TOKEN}` },
  });
  const text = await res.text();
  const before = await liveHeap();
  const pages = Array.from({ length: 20 }, () => JSON.parse(text) as unknown);
  const after = await liveHeap();
  return (after - before) / pages.length;
}

/** Walks `total` credits with `walk`, returning the peak live-heap growth in bytes. */
async function peakGrowth(
  total: number,
  walk: (onCredit: OnCredit) => Promise<number>,
): Promise<number> {
  const base = await liveHeap();
  let peak = base;
  await walk(async (_credit, index) => {
    const page = Math.floor(index / PAGE_SIZE);
    const lastPage = index === total - 1;
    if (!endsPage(index) || (page % SAMPLE_EVERY_PAGES !== SAMPLE_EVERY_PAGES - 1 && !lastPage)) {
      return;
    }
    peak = Math.max(peak, await liveHeap());
  });
  return peak - base;
}

const ours = await loadOurClient();
const walks: Record<string, (total: number) => (onCredit: OnCredit) => Promise<number>> = {
  "hand-written loop (raw fetch)": (total) => (onCredit) =>
    handWrittenLoop(baseUrl, listingHeaders(total), onCredit),
  "control: collect into an array": (total) => (onCredit) => {
    const kept: Credit[] = [];
    return handWrittenLoop(baseUrl, listingHeaders(total), (credit, index) => {
      kept.push(credit);
      return onCredit(credit, index);
    });
  },
};
for (const name of Object.keys(walks)) await walks[name]!(LARGE)(() => undefined); // warm-up
let skipped = ours.ok ? undefined : ours.note;
if (ours.ok) {
  const clients = new Map(
    [SMALL, LARGE].map((total) => [
      total,
      ours.create({ token: BENCH_TOKEN, baseUrl, headers: listingHeaders(total) }),
    ]),
  );
  const walk = (total: number) => (onCredit: OnCredit) => ourListAll(clients.get(total)!, onCredit);
  try {
    await walk(LARGE)(() => undefined);
    walks["togai-credits listAll"] = walk;
  } catch (error) {
    skipped = `skipped: failed during warm-up: ${String(error)}`.slice(0, 160);
  }
}

const names = Object.keys(walks);
const growth: Record<string, { small: number[]; large: number[] }> = Object.fromEntries(
  names.map((n) => [n, { small: [], large: [] }]),
);
await interleavedRounds(names, { rounds: ROUNDS }, async (name) => {
  growth[name]!.small.push(await peakGrowth(SMALL, walks[name]!(SMALL)));
  growth[name]!.large.push(await peakGrowth(LARGE, walks[name]!(LARGE)));
  return 0;
});
const result = {
  small: SMALL,
  large: LARGE,
  rounds: ROUNDS,
  sampleEveryPages: SAMPLE_EVERY_PAGES,
  pageBytes: await pageWeight(),
  skipped,
  growth,
};
console.log(`HEAP_RESULT ${JSON.stringify(result)}`);
