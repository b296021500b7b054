/**
 * Equality of JSON values, as JSON Schema defines it for `enum`, `const` and `uniqueItems`: one
 * number type (`1` and `1.0` are equal), objects equal whatever their key order, own properties
 * only.
 */
export function equal(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
