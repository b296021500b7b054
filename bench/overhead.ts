/**
 * Per-call overhead: `togai.credits.get(id)` (its Node build, on `node:http`, and its fetch
 * build) vs raw fetch + `res.json()` with the same headers, vs bare openapi-fetch `GET`, vs
 * undici's own `request()`, vs bare `node:http` with a keep-alive agent and `JSON.parse` (the
 * ceiling of a `node:http` client), with 1 and 32 calls in flight, against a loopback server
 * (own process) answering a fixed ~2 KB body. Request validation is on (the default).
 *
 * Each round runs every contender for a fixed number of calls, in short slices taken in rotating
 * order (so the contenders of a round share the same background noise); each figure is a
 * contender's calls/s divided by raw fetch's (and by the ceiling's) calls/s in the same round
 * (median of the rounds, with min–max).
 */
import {
  NODE_HTTP,
  OPENAPI_FETCH,
  OURS,
  OURS_FETCH,
  RAW_FETCH,
  contenders,
  timeCalls,
  warmUpAll,
} from "./lib/contenders.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { type Spread, formatRatio, interleavedRounds, ratiosTo, spread } from "./lib/stats.ts";

const ROUNDS = 11;
/**
 * Targets: the Node build against the `node:http` ceiling (issue 13), the fetch build against
 * raw fetch (issue 5).
 */
const MODES = [
  { inFlight: 1, callsPerSlice: 50, slices: 8, target: 0.9, ceilingTarget: 0.75 },
  { inFlight: 32, callsPerSlice: 256, slices: 5, target: 0.85, ceilingTarget: 0.55 },
] as const;

interface ModeResult {
  inFlight: number;
  callsPerRound: number;
  ratios: Record<string, Spread>;
  ratiosToCeiling: Record<string, Spread>;
  oursToOpenapiFetch?: Spread;
  callsPerSecond: Record<string, Spread>;
}

/** Ours ÷ openapi-fetch within ±3% is reported as a tie: the rounds' spread is wider than that. */
const TIE = 0.03;

function ceilingVerdict(ratio: Spread | undefined, target: number): string {
  if (ratio === undefined) return "";
  return `${ratio.median >= target ? "met" : "missed"} ≥ ${target.toFixed(2)}× the ceiling`;
}

function verdict(ratio: Spread, target: number, toBare: Spread | undefined): string {
  const meetsTarget = `${ratio.median >= target ? "met" : "missed"} ≥ ${target.toFixed(2)}×`;
  if (toBare === undefined) return meetsTarget;
  const versusBare =
    toBare.median >= 1 + TIE
      ? "faster than openapi-fetch"
      : toBare.median >= 1 - TIE
        ? "as fast as openapi-fetch (±3%)"
        : "SLOWER than openapi-fetch";
  return `${meetsTarget}; ${versusBare}`;
}

const server = await startLoopbackServer();
try {
  const all = await contenders(server.url);
  const running = await warmUpAll(all, 200);

  const results: ModeResult[] = [];
  for (const mode of MODES) {
    const names = running.map((c) => c.name);
    const callsPerRound = mode.callsPerSlice * mode.slices;
    const elapsedMs = await interleavedRounds(
      names,
      { rounds: ROUNDS, slices: mode.slices },
      (name) =>
        timeCalls(running.find((c) => c.name === name)!.call, mode.callsPerSlice, mode.inFlight),
    );
    const ratios = ratiosTo(elapsedMs, RAW_FETCH, { inverse: true });
    const ratiosToCeiling = names.includes(NODE_HTTP)
      ? ratiosTo(elapsedMs, NODE_HTTP, { inverse: true })
      : {};
    const perSecond = Object.fromEntries(
      names.map((n) => [n, spread(elapsedMs[n]!.map((ms) => (callsPerRound * 1000) / ms))]),
    );
    const result: ModeResult = {
      inFlight: mode.inFlight,
      callsPerRound,
      ratios,
      ratiosToCeiling,
      callsPerSecond: perSecond,
    };
    if (names.includes(OURS_FETCH)) {
      result.oursToOpenapiFetch = ratiosTo(elapsedMs, OPENAPI_FETCH, { inverse: true })[
        OURS_FETCH
      ]!;
    }
    results.push(result);

    const rows = all.map((c) => {
      const ratio = ratios[c.name];
      if (ratio === undefined) return [c.name, "—", "—", "—", c.note ?? "skipped"];
      const toCeiling = ratiosToCeiling[c.name];
      const target =
        c.name === OURS
          ? ceilingVerdict(toCeiling, mode.ceilingTarget)
          : c.name === OURS_FETCH
            ? verdict(ratio, mode.target, result.oursToOpenapiFetch)
            : c.name === NODE_HTTP
              ? "ceiling"
              : c.name === RAW_FETCH
                ? "baseline"
                : "";
      return [
        c.name,
        formatRatio(ratio),
        toCeiling === undefined ? "—" : formatRatio(toCeiling),
        perSecond[c.name]!.median.toFixed(0),
        target,
      ];
    });
    if (result.oursToOpenapiFetch !== undefined) {
      rows.push([
        `${OURS_FETCH} ÷ ${OPENAPI_FETCH}`,
        formatRatio(result.oursToOpenapiFetch),
        "",
        "",
        "≥ 1.00× wanted",
      ]);
    }
    printTable(
      `Per-call overhead, ${String(mode.inFlight)} in flight (calls/s ratios)`,
      ["contender", "÷ raw fetch (min–max)", "÷ ceiling (min–max)", "calls/s (context)", "target"],
      rows,
      [
        `${String(ROUNDS)} rounds × ${String(mode.slices)} interleaved slices of ` +
          `${String(mode.callsPerSlice)} calls per contender; ` +
          "GET /credits/{credit_id}, ~2 KB JSON, keep-alive, server in its own process.",
      ],
    );
  }
  const path = await writeResult("overhead", {
    rounds: ROUNDS,
    contenders: all.map((c) => ({ name: c.name, skipped: c.call === undefined, note: c.note })),
    modes: results,
  });
  console.log(`\nwrote ${path}`);
} finally {
  await server.close();
}
