import { equal } from "../equal.js";
import type { Keyword } from "../types.js";

/** `uniqueItems`: no two items are equal (`1` and `1.0` are, and so are objects in any key order). */
export const uniqueItems: Keyword = {
  names: ["uniqueItems"],
  check(schema, value, path) {
    if (!schema.uniqueItems || !Array.isArray(value)) return undefined;
    for (let later = 1; later < value.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        if (equal(value[earlier], value[later])) {
          const rule = `must not contain duplicate items (items ${earlier} and ${later} are equal)`;
          return { path, rule, value };
        }
      }
    }
    return undefined;
  },
};
