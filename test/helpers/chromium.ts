/**
 * Launches the machine's headless Chromium for the browser tests, through playwright-core (which
 * brings no browser of its own: never `npx playwright install`). `npm test` finds or installs
 * Debian's `chromium` first (scripts/ensure-chromium.ts) and passes its path as CHROMIUM_PATH.
 */
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where Chromium is when CHROMIUM_PATH does not say. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The flags every launch uses: headless, and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** The Chromium executable: CHROMIUM_PATH when set, else /usr/bin/chromium. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${path}: run \`npx tsx scripts/ensure-chromium.ts\` (installs Debian's ` +
        "`chromium`) or set CHROMIUM_PATH to a Chromium executable.",
    );
  }
  return path;
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS}, in a fresh temporary profile that
 * Playwright deletes on `close()`.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}
