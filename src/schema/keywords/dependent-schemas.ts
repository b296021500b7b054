import type { Keyword } from "../types.js";
import { evaluate, isViolation, merge } from "../walk.js";
import { isPlainObject, isPresent } from "../words.js";

/** `dependentSchemas`: when a property is present, its schema applies to the whole object. */
export const dependentSchemas: Keyword = {
  names: ["dependentSchemas"],
  check({ dependentSchemas: dependencies = {} }, value, path) {
    if (!isPlainObject(value)) return undefined;
    for (const [trigger, schema] of Object.entries(dependencies)) {
      if (!isPresent(value, trigger)) continue;
      const found = evaluate(schema, value, path);
      if (isViolation(found)) return found;
      merge(found);
    }
    return undefined;
  },
};
