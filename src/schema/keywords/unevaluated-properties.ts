import type { Keyword } from "../types.js";
import { checkAt, NOT_DEFINED, outside } from "../walk.js";

/**
 * `unevaluatedProperties`: each property no keyword beside it evaluated (through `$ref`,
 * `allOf`, the valid branches of `anyOf`/`oneOf`, `if`/`then`/`else`, `dependentSchemas`, a
 * discriminator's target) is valid against its schema; `false` refuses them as not defined (a
 * response tolerates them).
 */
export const unevaluatedProperties: Keyword = {
  names: ["unevaluatedProperties"],
  unit: true,
  rest({ unevaluatedProperties: schema = true }, _name, value, path) {
    return schema === false ? outside(path, NOT_DEFINED, value) : checkAt(schema, value, path);
  },
};
