import type { Keyword } from "../types.js";
import { checkAt, markItems } from "../walk.js";

/** `prefixItems`: the first items, one schema each; `items`: every item after them. */
export const items: Keyword = {
  names: ["prefixItems", "items"],
  check({ prefixItems = [], items: rest }, value, path) {
    if (!Array.isArray(value)) return undefined;
    for (let index = 0; index < value.length; index++) {
      const schema = index < prefixItems.length ? prefixItems[index] : rest;
      if (schema === undefined) break;
      const found = checkAt(schema, value[index], `${path}[${index}]`);
      if (found) return found;
    }
    markItems(rest === undefined ? prefixItems.length : Infinity);
    return undefined;
  },
};
