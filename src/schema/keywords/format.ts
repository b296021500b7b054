import type { Keyword } from "../types.js";
import { formatNamed } from "../walk.js";

/** `format`: the value passes the format's test (each format judges only its own kind of value). */
export const format: Keyword = {
  names: ["format"],
  check(schema, value, path) {
    const { test, rule } = formatNamed(schema.format ?? "");
    return test(value) ? undefined : { path, rule: `must be ${rule}`, value };
  },
};
