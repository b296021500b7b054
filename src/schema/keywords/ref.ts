import type { Keyword } from "../types.js";
import { applyInPlace, propertyInPlace, resolve } from "../walk.js";

/** `$ref`: the named schema of the table applies here too, as if written in place. */
export const ref: Keyword = {
  names: ["$ref"],
  check: ({ $ref = "" }, value, path) => applyInPlace(resolve($ref), value, path),
  property: ({ $ref = "" }, name, value, path) => propertyInPlace(resolve($ref), name, value, path),
};
