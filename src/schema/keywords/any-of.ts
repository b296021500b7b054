import type { Keyword, Violation } from "../types.js";
import { decides, evaluateStrictly, isViolation, merge, noBranchMatched } from "../walk.js";
import { isPlainObject } from "../words.js";

/**
 * `anyOf`: at least one branch is valid; every valid branch counts as applied. With a
 * discriminator on an object, the discriminator picks the branch instead.
 */
export const anyOf: Keyword = {
  names: ["anyOf"],
  check(schema, value, path) {
    if (schema.discriminator && isPlainObject(value)) return undefined;
    const branches = schema.anyOf ?? [];
    const failures: Violation[] = [];
    let matched = false;
    for (const branch of branches) {
      const found = evaluateStrictly(branch, value, path);
      if (isViolation(found)) {
        if (decides(found)) return found;
        failures.push(found);
      } else {
        matched = true;
        merge(found);
      }
    }
    return matched ? undefined : noBranchMatched(branches, failures, value, path);
  },
};
