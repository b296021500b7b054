import type { Keyword } from "../types.js";
import { dispatch, outside, resolve } from "../walk.js";
import { isPlainObject, join } from "../words.js";

/**
 * OpenAPI's `discriminator`: the value of one property picks the schema that applies, among
 * the `oneOf`/`anyOf` branches beside it, or among the schemas that extend this one with
 * `allOf`. A missing value is a violation; a value not mapped too, except in a response, which
 * tolerates it as a variant the spec does not know yet.
 */
export const discriminator: Keyword = {
  names: ["discriminator"],
  check(schema, value, path) {
    if (!isPlainObject(value)) return undefined;
    const { propertyName, mapping } = schema.discriminator ?? { propertyName: "", mapping: {} };
    const at = join(path, propertyName);
    const tag = Object.hasOwn(value, propertyName) ? value[propertyName] : undefined;
    const target =
      typeof tag === "string" && Object.hasOwn(mapping, tag) ? mapping[tag] : undefined;
    if (target !== undefined) return dispatch(schema, resolve(target), value, path);
    const allowed = `must be one of ${Object.keys(mapping)
      .map((name) => JSON.stringify(name))
      .join(", ")}`;
    return tag === undefined
      ? { path: at, rule: allowed, value: undefined }
      : outside(at, allowed, tag);
  },
};
