import type { Keyword } from "../types.js";
import { countRule } from "../words.js";

/** `minItems`, `maxItems`: how many items an array has. */
export const limitItems: Keyword = {
  names: ["minItems", "maxItems"],
  check({ minItems, maxItems }, value, path) {
    if (!Array.isArray(value)) return undefined;
    const rule = countRule(value.length, minItems, maxItems, "item");
    return rule === undefined ? undefined : { path, rule: `must have ${rule}`, value };
  },
};
