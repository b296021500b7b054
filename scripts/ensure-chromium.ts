/**
 * Finds a Chromium for the browser tests, or installs Debian's `chromium` package when none is
 * found and `apt-get` is usable as root. Prints the path it settled on.
 */
import { ensureProgram, type Program } from "./lib/debian-package.ts";

const CHROMIUM: Program = {
  name: "Chromium",
  envVar: "CHROMIUM_PATH",
  candidates: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"],
  debianPackage: "chromium",
  usedBy: "the browser tests",
};

/** Returns the path of a usable Chromium, installing Debian's package if needed and possible. */
export function ensureChromium(): Promise<string> {
  return ensureProgram(CHROMIUM);
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  console.log(await ensureChromium());
}
