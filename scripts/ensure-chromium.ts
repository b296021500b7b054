/**
 * Finds a Chromium for the browser tests, or installs Debian's `chromium` package when none is
 * found and `apt-get` is usable as root. Prints the path it settled on.
 */
import { accessSync, constants } from "node:fs";
import { run } from "./lib/exec.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  return CANDIDATES.find(isExecutable);
}

/** Returns the path of a usable Chromium, installing Debian's package if needed and possible. */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  const canApt = process.getuid?.() === 0 && isExecutable("/usr/bin/apt-get");
  if (!canApt) {
    throw new Error(
      "No Chromium found for the browser tests: install Debian's `chromium` package (or set CHROMIUM_PATH).",
    );
  }
  console.log("No Chromium found: installing Debian's `chromium` package with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", "chromium"],
  ]) {
    const result = await run("apt-get", args, { env });
    if (result.code !== 0) {
      throw new Error(`apt-get ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
    }
  }
  const installed = findChromium();
  if (!installed) throw new Error("apt-get installed `chromium` but no executable was found.");
  return installed;
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  console.log(await ensureChromium());
}
