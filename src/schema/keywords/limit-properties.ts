import type { Keyword } from "../types.js";
import { countRule, isPlainObject, presentNames } from "../words.js";

/** `minProperties`, `maxProperties`: how many properties an object has (present ones). */
export const limitProperties: Keyword = {
  names: ["minProperties", "maxProperties"],
  check({ minProperties, maxProperties }, value, path) {
    if (!isPlainObject(value)) return undefined;
    const count = presentNames(value).length;
    const rule = countRule(count, minProperties, maxProperties, "property");
    return rule === undefined
      ? undefined
      : { path, rule: `must have ${rule.replace(/propertys$/, "properties")}`, value };
  },
};
