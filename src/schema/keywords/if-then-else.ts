import type { Keyword } from "../types.js";
import { decides, evaluate, evaluateStrictly, isViolation, merge } from "../walk.js";

/** `if`, `then`, `else`: `then` applies where `if` is valid, `else` where it is not. */
export const ifThenElse: Keyword = {
  names: ["if", "then", "else"],
  check(schema, value, path) {
    if (schema.if === undefined) return undefined;
    const condition = evaluateStrictly(schema.if, value, path);
    if (isViolation(condition) && decides(condition)) return condition;
    const passed = !isViolation(condition);
    if (passed) merge(condition);
    const branch = passed ? schema.then : schema.else;
    if (branch === undefined) return undefined;
    const found = evaluate(branch, value, path);
    if (isViolation(found)) return found;
    merge(found);
    return undefined;
  },
};
