import type { Keyword } from "../types.js";
import { applyInPlace, propertyInPlace } from "../walk.js";

/** `allOf`: every branch applies, as if written in place. */
export const allOf: Keyword = {
  names: ["allOf"],
  check(schema, value, path) {
    for (const branch of schema.allOf ?? []) {
      const found = applyInPlace(branch, value, path);
      if (found) return found;
    }
    return undefined;
  },
  property(schema, name, value, path) {
    let evaluated = false;
    for (const branch of schema.allOf ?? []) {
      const found = propertyInPlace(branch, name, value, path);
      if (typeof found === "object") return found;
      evaluated ||= found;
    }
    return evaluated;
  },
};
