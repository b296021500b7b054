import type { Keyword } from "../types.js";
import { checkAt, isItemEvaluated, markItems, NOT_DEFINED } from "../walk.js";

/** `unevaluatedItems`: the items no keyword beside it evaluated are valid against its schema. */
export const unevaluatedItems: Keyword = {
  names: ["unevaluatedItems"],
  unit: true,
  check({ unevaluatedItems: schema = true }, value, path) {
    if (!Array.isArray(value)) return undefined;
    for (let index = 0; index < value.length; index++) {
      if (isItemEvaluated(index)) continue;
      const at = `${path}[${index}]`;
      const item: unknown = value[index];
      const found =
        schema === false ? { path: at, rule: NOT_DEFINED, value: item } : checkAt(schema, item, at);
      if (found) return found;
    }
    markItems(Infinity);
    return undefined;
  },
};
