import type { Keyword } from "../types.js";
import { checkAt, decides, markItem } from "../walk.js";

/**
 * `contains` with `minContains` (1 unless given) and `maxContains`: how many items match the
 * schema. The items that match count as evaluated.
 */
export const contains: Keyword = {
  names: ["contains", "minContains", "maxContains"],
  check({ contains: schema, minContains = 1, maxContains = Infinity }, value, path) {
    if (!Array.isArray(value) || schema === undefined) return undefined;
    let count = 0;
    for (let index = 0; index < value.length; index++) {
      const found = checkAt(schema, value[index], `${path}[${index}]`);
      if (found && decides(found)) return found;
      if (!found) {
        count++;
        markItem(index);
      }
    }
    const limit =
      count < minContains
        ? `at least ${minContains}`
        : count > maxContains
          ? `at most ${maxContains}`
          : undefined;
    if (limit === undefined) return undefined;
    const unit = limit.endsWith(" 1") ? "item" : "items";
    return { path, rule: `must contain ${limit} ${unit} matching the schema in contains`, value };
  },
};
