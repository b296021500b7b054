import type { Keyword } from "../types.js";
import { decides, evaluateStrictly, isViolation } from "../walk.js";

/** `not`: the value is not valid against the schema. */
export const not: Keyword = {
  names: ["not"],
  check(schema, value, path) {
    const found = evaluateStrictly(schema.not ?? true, value, path);
    if (!isViolation(found))
      return { path, rule: "must not match the schema in not", value: undefined };
    return decides(found) ? found : undefined;
  },
};
