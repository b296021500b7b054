/** How the validators put paths, values and counts into words. */

/** A value as a rule names it: a string as it is, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The path of a property: "body.name", or "name" below the root "". */
export function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/**
 * How a count breaks an inclusive minimum or maximum, in words ("at least 2 items", "at most 1
 * character"), or undefined.
 */
export function countRule(
  count: number,
  minimum = 0,
  maximum = Infinity,
  unit: string,
): string | undefined {
  const counted = (limit: number) => `${limit} ${unit}${limit === 1 ? "" : "s"}`;
  if (count < minimum) return `at least ${counted(minimum)}`;
  return count > maximum ? `at most ${counted(maximum)}` : undefined;
}

/** Whether a value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether an object has the property: its own, with a value that is not `undefined`. */
export function isPresent(object: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(object, name) && object[name] !== undefined;
}

/** The names of an object's present properties, in its order. */
export function presentNames(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((name) => object[name] !== undefined);
}
