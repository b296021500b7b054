import type { Keyword } from "../types.js";

/** `multipleOf`: a number divided by it is whole (ajv's test, where parseInt reads 1e21 as 1). */
export const multipleOf: Keyword = {
  names: ["multipleOf"],
  check({ multipleOf: divisor = 1 }, value, path) {
    if (typeof value !== "number") return undefined;
    const quotient = value / divisor;
    return quotient === parseInt(String(quotient))
      ? undefined
      : { path, rule: `must be a multiple of ${divisor}`, value };
  },
};
