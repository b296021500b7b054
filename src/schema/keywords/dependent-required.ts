import type { Keyword } from "../types.js";
import { isPlainObject, isPresent, join } from "../words.js";

/** `dependentRequired`: when a property is present, the ones it names are too. */
export const dependentRequired: Keyword = {
  names: ["dependentRequired"],
  check({ dependentRequired: dependencies = {} }, value, path) {
    if (!isPlainObject(value)) return undefined;
    for (const [trigger, names] of Object.entries(dependencies)) {
      if (!isPresent(value, trigger)) continue;
      const missing = names.find((name) => !isPresent(value, name));
      if (missing !== undefined) {
        const rule = `is required when ${trigger} is present`;
        return { path: join(path, missing), rule, value: undefined };
      }
    }
    return undefined;
  },
};
