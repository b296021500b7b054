import { equal } from "../equal.js";
import type { Keyword } from "../types.js";
import { show } from "../words.js";

/** `const`: the value equals the one given. */
export const constant: Keyword = {
  names: ["const"],
  check: (schema, value, path) =>
    equal(schema.const, value) ? undefined : { path, rule: `must be ${show(schema.const)}`, value },
};
