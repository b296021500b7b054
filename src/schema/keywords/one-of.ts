import type { Evaluated } from "../walk.js";
import type { Keyword, Violation } from "../types.js";
import { decides, evaluateStrictly, isViolation, merge, noBranchMatched } from "../walk.js";
import { isPlainObject } from "../words.js";

/** "1 and 2", "1, 2 and 3". */
function listed(numbers: readonly number[]): string {
  const last = numbers.at(-1);
  return numbers.length === 1 ? String(last) : `${numbers.slice(0, -1).join(", ")} and ${last}`;
}

/**
 * `oneOf`: exactly one branch is valid. With a discriminator on an object, the discriminator
 * picks the branch instead.
 */
export const oneOf: Keyword = {
  names: ["oneOf"],
  check(schema, value, path) {
    if (schema.discriminator && isPlainObject(value)) return undefined;
    const branches = schema.oneOf ?? [];
    const failures: Violation[] = [];
    const matches: number[] = [];
    let applied: Evaluated | undefined;
    for (const [index, branch] of branches.entries()) {
      const found = evaluateStrictly(branch, value, path);
      if (isViolation(found)) {
        if (decides(found)) return found;
        failures.push(found);
      } else {
        matches.push(index + 1);
        applied = found;
      }
    }
    if (matches.length > 1) {
      const rule = `must match exactly one of its ${branches.length} schemas; matches ${listed(matches)}`;
      return { path, rule, value: undefined };
    }
    if (applied) {
      merge(applied);
      return undefined;
    }
    return noBranchMatched(branches, failures, value, path);
  },
};
