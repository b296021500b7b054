/** Statistics and the interleaved-rounds runner every benchmark shares. */

/** The median of a round's figures, with the spread across rounds. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

/** Median, minimum and maximum of a non-empty list of numbers. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("spread() needs at least one value");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, rounds: sorted.length };
}

/** How a benchmark interleaves its contenders. */
export interface Interleaving {
  /** Rounds; each yields one figure per contender (their median and spread are reported). */
  rounds: number;
  /**
   * Slices per round: within a round every contender runs one slice after another, in
   * rotating order, `slices` times over, and its slice figures are summed. Short slices make
   * the contenders of one round share the same background noise. Default 1.
   */
  slices?: number;
}

/**
 * Runs `measure` (one slice of work, returning its figure, e.g. elapsed ms) for every
 * contender, interleaved: the order rotates at every slice so that no contender always runs
 * first (warm caches) or last (a noisy neighbour waking up). Returns each contender's figure
 * per round (the sum of its slices), in round order.
 */
export async function interleavedRounds<Name extends string>(
  names: readonly Name[],
  { rounds, slices = 1 }: Interleaving,
  measure: (name: Name, round: number) => Promise<number>,
): Promise<Record<Name, number[]>> {
  const figures = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    Name,
    number[]
  >;
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    const sums = new Map<Name, number>(names.map((name) => [name, 0]));
    for (let slice = 0; slice < slices; slice++, turn++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(turn + i) % names.length]!;
        sums.set(name, sums.get(name)! + (await measure(name, round)));
      }
    }
    for (const name of names) figures[name].push(sums.get(name)!);
  }
  return figures;
}

/**
 * Per-round ratios of each contender's figure to the baseline's figure of the same round.
 * With `inverse`, baseline ÷ contender: turns elapsed times into speed ratios.
 */
export function ratiosTo<Name extends string>(
  figures: Record<Name, number[]>,
  baseline: NoInfer<Name>,
  { inverse = false }: { inverse?: boolean } = {},
): Record<Name, Spread> {
  const base = figures[baseline];
  const entries = (Object.keys(figures) as Name[]).map((name) => {
    const ratios = figures[name].map((value, round) =>
      inverse ? base[round]! / value : value / base[round]!,
    );
    return [name, spread(ratios)] as const;
  });
  return Object.fromEntries(entries) as Record<Name, Spread>;
}

/** `1.23× (1.10–1.31)`: a ratio's median and its spread across rounds. */
export function formatRatio(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)}× (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
export function now(): number {
  return performance.now();
}
