import type { Keyword } from "../types.js";

/** The client's own rule, in every schema: a number is finite (`JSON.stringify` sends `NaN` as `null`). */
export const finite: Keyword = {
  names: [],
  check: (_schema, value, path) =>
    typeof value === "number" && !Number.isFinite(value)
      ? { path, rule: "must be a finite number", value }
      : undefined,
};
