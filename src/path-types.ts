/**
 * Path parameters whose schema allows more than a string: a number, an integer or a boolean,
 * which the path carries as its text. The generated table imports this only when its spec
 * declares such a parameter; every other path parameter is a string, checked by `checkPathId`.
 */
import type { PathParameter } from "./operation-table.js";
import { checkPathId, invalid } from "./validation.js";

/**
 * Checks a path parameter's value: one well-formed segment for a string, a finite number (a
 * whole one for an integer) or a boolean as its schema's types allow.
 */
export function typedPathValue({ argument, types }: PathParameter, value: unknown): unknown {
  if (types === undefined || (typeof value === "string" && types.includes("string"))) {
    return checkPathId(argument, value);
  }
  const fits =
    (typeof value === "boolean" && types.includes("boolean")) ||
    (typeof value === "number" &&
      Number.isFinite(value) &&
      (types.includes("number") || (types.includes("integer") && Number.isInteger(value))));
  const names = types.map((type) => `${/^[aeiou]/u.test(type) ? "an" : "a"} ${type}`);
  if (!fits) invalid(argument, `must be ${names.join(" or ")}`, value);
  return value;
}
