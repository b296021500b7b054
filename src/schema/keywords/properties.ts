import type { Keyword } from "../types.js";
import { checkAt } from "../walk.js";

/** `properties`: each property declared is valid against its schema. */
export const properties: Keyword = {
  names: ["properties"],
  property(schema, name, value, path) {
    const declared = schema.properties?.[name];
    if (declared === undefined || !Object.hasOwn(schema.properties ?? {}, name)) return false;
    return checkAt(declared, value, path) ?? true;
  },
};
