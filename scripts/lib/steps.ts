import type { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { run, runInherited, withoutNodeBanner } from "./exec.ts";

/** One step of a multi-step command: a name for the log and the command it runs. */
export interface Step {
  name: string;
  command: string;
  args: string[];
  /** Print the step's output even when it passes. */
  showOutput?: boolean;
  /** Stream the step's output as it runs (long steps such as the test suite). */
  live?: boolean;
  /**
   * The steps (by name) this one waits for, with {@link runStepGraph}; a step without `after`
   * starts at once, beside the others.
   */
  after?: readonly string[];
}

interface Outcome {
  code: number;
  output: string;
  seconds: string;
}

/** The children still running, to stop when a step fails. */
const running = new Set<ChildProcess>();

async function runStep(step: Step, env: NodeJS.ProcessEnv | undefined): Promise<Outcome> {
  const started = performance.now();
  const onSpawn = (child: ChildProcess): void => {
    running.add(child);
    child.on("close", () => running.delete(child));
  };
  const options = { ...(env && { env }), onSpawn };
  if (step.live) console.log(`▶ ${step.name}`);
  const result = step.live
    ? { code: await runInherited(step.command, step.args, options), stdout: "", stderr: "" }
    : await run(step.command, step.args, options);
  return {
    code: result.code,
    output: withoutNodeBanner(result.stdout + result.stderr).trimEnd(),
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  };
}

/** Prints a step's one line; on failure also its output, names it and exits non-zero. */
function report(job: string, step: Step, { code, output, seconds }: Outcome): void {
  if (code !== 0) {
    console.log(`✗ ${step.name} (${seconds}s)`);
    if (output) console.log(output);
    console.error(`${job} failed at step "${step.name}" (exit code ${String(code)})`);
    for (const child of running) child.kill();
    process.exit(1);
  }
  console.log(`✓ ${step.name} (${seconds}s)`);
  if (step.showOutput && output) console.log(indent(output));
}

function summary(job: string, count: number, started: number): void {
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${job}: ${String(count)} steps passed in ${total}s`);
}

/**
 * Runs steps in order, printing one line per step. On the first failure it prints that step's
 * output and exits non-zero, naming the failed step.
 */
export async function runSteps(
  job: string,
  steps: readonly Step[],
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const started = performance.now();
  for (const step of steps) report(job, step, await runStep(step, env));
  summary(job, steps.length, started);
}

/**
 * Runs steps side by side: each starts as soon as the steps it comes `after` have passed.
 * One line per step as it ends; the first failure prints that step's output, stops the steps
 * still running and exits non-zero, naming the failed step.
 */
export async function runStepGraph(
  job: string,
  steps: readonly Step[],
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const started = performance.now();
  const done = new Map<string, Promise<void>>();
  const start = (step: Step): Promise<void> => {
    let promise = done.get(step.name);
    if (!promise) {
      const before = (step.after ?? []).map((name) => {
        const dependency = steps.find((other) => other.name === name);
        if (!dependency)
          throw new Error(`step "${step.name}" comes after an unknown step "${name}"`);
        return start(dependency);
      });
      promise = Promise.all(before).then(async () => {
        report(job, step, await runStep(step, env));
      });
      done.set(step.name, promise);
    }
    return promise;
  };
  await Promise.all(steps.map(start));
  summary(job, steps.length, started);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
