import type { Keyword } from "../types.js";
import { checkAt } from "../walk.js";
import { regex } from "./pattern.js";

/** `patternProperties`: each property whose name matches a pattern is valid against its schema. */
export const patternProperties: Keyword = {
  names: ["patternProperties"],
  property(schema, name, value, path) {
    let evaluated = false;
    for (const [source, subschema] of Object.entries(schema.patternProperties ?? {})) {
      if (!regex(source).test(name)) continue;
      const found = checkAt(subschema, value, path);
      if (found) return found;
      evaluated = true;
    }
    return evaluated;
  },
};
