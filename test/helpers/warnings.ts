/** The warnings a test's process emits (`process.on("warning")`), collected for each test of a file. */
import { afterEach, beforeEach } from "vitest";

/** Collects the warnings of each test; the getter gives the `MaxListenersExceededWarning` ones. */
export function useWarnings(): { maxListeners: () => Promise<string[]> } {
  let warnings: Error[] = [];
  const collect = (warning: Error): void => {
    warnings.push(warning);
  };
  beforeEach(() => {
    warnings = [];
    process.on("warning", collect);
  });
  afterEach(() => {
    process.off("warning", collect);
  });
  return {
    /** The `MaxListenersExceededWarning` messages so far (Node emits them on a later tick). */
    async maxListeners() {
      await new Promise((resolve) => setImmediate(resolve));
      return warnings
        .filter((warning) => warning.name === "MaxListenersExceededWarning")
        .map((warning) => warning.message);
    },
  };
}
