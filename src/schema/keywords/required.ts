import type { Keyword } from "../types.js";
import { isPlainObject, isPresent, join } from "../words.js";

/** `required`: each property named is present (own, and not `undefined`). */
export const required: Keyword = {
  names: ["required"],
  check({ required: names = [] }, value, path) {
    if (!isPlainObject(value)) return undefined;
    const missing = names.find((name) => !isPresent(value, name));
    return missing === undefined
      ? undefined
      : { path: join(path, missing), rule: "is required", value: undefined };
  },
};
