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
  for (const step of steps) {
    const stepStarted = performance.now();
    const options = env ? { env } : {};
    if (step.live) console.log(`▶ ${step.name}`);
    const result = step.live
      ? { code: await runInherited(step.command, step.args, options), stdout: "", stderr: "" }
      : await run(step.command, step.args, options);
    const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
    const output = withoutNodeBanner(result.stdout + result.stderr).trimEnd();
    if (result.code !== 0) {
      console.log(`✗ ${step.name} (${seconds}s)`);
      if (output) console.log(output);
      console.error(`${job} failed at step "${step.name}" (exit code ${String(result.code)})`);
      process.exit(1);
    }
    console.log(`✓ ${step.name} (${seconds}s)`);
    if (step.showOutput && output) console.log(indent(output));
  }
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${job}: ${String(steps.length)} steps passed in ${total}s`);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
