/**
 * Finds a program the tests need (Chromium, redis-server), or installs its Debian package when
 * none is found and `apt-get` is usable as root, saying so. Anywhere else it stops with one
 * line naming what to install.
 */
import { accessSync, constants } from "node:fs";
import { run } from "./exec.ts";

/** A program, where to look for it, and the Debian package that brings it. */
export interface Program {
  /** How messages name it, e.g. "Chromium". */
  name: string;
  /** The environment variable that may name its path, e.g. CHROMIUM_PATH. */
  envVar: string;
  /** Where it usually is. */
  candidates: readonly string[];
  /** The Debian package to install. */
  debianPackage: string;
  /** What it is for, for the messages: "the browser tests". */
  usedBy: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's path: its environment variable when that is executable, else a candidate. */
export function findProgram(program: Program): string | undefined {
  const fromEnv = process.env[program.envVar];
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  return program.candidates.find(isExecutable);
}

/** Returns the path of the program, installing its Debian package if needed and possible. */
export async function ensureProgram(program: Program): Promise<string> {
  const found = findProgram(program);
  if (found) return found;
  const { name, envVar, debianPackage, usedBy } = program;
  const canApt = process.getuid?.() === 0 && isExecutable("/usr/bin/apt-get");
  if (!canApt) {
    throw new Error(
      `No ${name} found for ${usedBy}: install Debian's \`${debianPackage}\` package (or set ${envVar}).`,
    );
  }
  console.log(`No ${name} found: installing Debian's \`${debianPackage}\` package with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", debianPackage],
  ]) {
    const result = await run("apt-get", args, { env });
    if (result.code !== 0) {
      throw new Error(`apt-get ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
    }
  }
  const installed = findProgram(program);
  if (!installed) {
    throw new Error(`apt-get installed \`${debianPackage}\` but no ${name} executable was found.`);
  }
  return installed;
}
