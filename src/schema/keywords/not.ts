import type { Keyword } from "../types.js";
import { evaluateStrictly, isViolation } from "../walk.js";

/** `not`: the value is not valid against the schema. */
export const not: Keyword = {
  names: ["not"],
  check: (schema, value, path) =>
    isViolation(evaluateStrictly(schema.not ?? true, value, path))
      ? undefined
      : { path, rule: "must not match the schema in not", value: undefined },
};
