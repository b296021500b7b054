import type { Keyword } from "../types.js";
import { checkAt, NOT_DEFINED, outside } from "../walk.js";
import { regex } from "./pattern.js";

/**
 * `additionalProperties`: each property that neither `properties` nor `patternProperties`
 * beside it takes is valid against its schema; `false` refuses them as not defined (a response
 * tolerates them).
 */
export const additionalProperties: Keyword = {
  names: ["additionalProperties"],
  property(schema, name, value, path) {
    const { properties, patternProperties } = schema;
    if (properties && Object.hasOwn(properties, name)) return false;
    if (
      patternProperties &&
      Object.keys(patternProperties).some((source) => regex(source).test(name))
    ) {
      return false;
    }
    const extra = schema.additionalProperties ?? true;
    return (
      (extra === false ? outside(path, NOT_DEFINED, value) : checkAt(extra, value, path)) ?? true
    );
  },
};
