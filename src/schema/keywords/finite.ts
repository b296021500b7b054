import type { Keyword } from "../types.js";
import { notFinite } from "../walk.js";

/** The client's own rule, in every schema: a number is finite (`JSON.stringify` sends `NaN` as `null`). */
export const finite: Keyword = {
  names: [],
  check: (_schema, value, path) =>
    typeof value === "number" && !Number.isFinite(value) ? notFinite(path, value) : undefined,
};
