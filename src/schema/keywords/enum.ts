import { equal } from "../equal.js";
import type { Keyword } from "../types.js";
import { outside } from "../walk.js";
import { show } from "../words.js";

/** `enum`: the value equals one of those listed. A response tolerates a value not listed yet. */
export const enumeration: Keyword = {
  names: ["enum"],
  check({ enum: options = [] }, value, path) {
    if (options.some((option) => equal(option, value))) return undefined;
    return outside(path, `must be one of ${options.map(show).join(", ")}`, value);
  },
};
