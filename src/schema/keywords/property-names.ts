import type { Keyword } from "../types.js";
import { checkAt } from "../walk.js";
import { isPlainObject, join, presentNames } from "../words.js";

/** `propertyNames`: the name of each present property is valid against the schema. */
export const propertyNames: Keyword = {
  names: ["propertyNames"],
  check(schema, value, path) {
    if (!isPlainObject(value)) return undefined;
    for (const name of presentNames(value)) {
      const at = join(path, name);
      const found = checkAt(schema.propertyNames ?? true, name, at);
      if (found) return { path: at, rule: `its name ${found.rule}`, value: name };
    }
    return undefined;
  },
};
