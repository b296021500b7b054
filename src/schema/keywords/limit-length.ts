import type { Keyword } from "../types.js";
import { countRule } from "../words.js";

/** `minLength`, `maxLength`: a string's length in code points, as JSON Schema counts it. */
export const limitLength: Keyword = {
  names: ["minLength", "maxLength"],
  check({ minLength, maxLength }, value, path) {
    if (typeof value !== "string") return undefined;
    const rule = countRule(Array.from(value).length, minLength, maxLength, "character");
    return rule === undefined ? undefined : { path, rule: `must be ${rule} long`, value };
  },
};
