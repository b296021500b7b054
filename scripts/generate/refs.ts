/**
 * Local `$ref`s of the bundled document, resolved by their whole JSON pointer
 * (`#/components/parameters/CreditId`, `#/paths/~1credits/get/responses/200`), chains followed:
 * how the generator reads parameters, request bodies, responses and headers by reference, and
 * how the schema reader finds the schema a `$ref` names (it keeps their names).
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The segments of a local `$ref`'s JSON pointer (`#/a/b~1c` → a, b/c), or undefined. */
export function pointerSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  return fragment
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value a local JSON pointer (`#/a/b~1c`) names in `document`, or undefined. */
export function atPointer(document: unknown, ref: string): unknown {
  const segments = pointerSegments(ref);
  if (segments === undefined) return undefined;
  let target: unknown = document;
  for (const segment of segments) {
    target = Array.isArray(target)
      ? /^(0|[1-9]\d*)$/u.test(segment)
        ? target[Number(segment)]
        : undefined
      : isRecord(target) && Object.hasOwn(target, segment)
        ? target[segment]
        : undefined;
  }
  return target;
}

/**
 * `value` with its `$ref` followed, and the `$ref` of what that names, until an object without
 * one: fails naming `where` when a pointer does not resolve or the chain loops.
 */
export function resolved<T extends object>(
  document: unknown,
  value: T | { $ref: string },
  where: string,
): T {
  const seen = new Set<string>();
  let current: unknown = value;
  while (isRecord(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref))
      throw new Error(
        `${where}: the $ref ${ref} refers to itself, through ${[...seen].join(" → ")}`,
      );
    seen.add(ref);
    current = atPointer(document, ref);
    if (current === undefined)
      throw new Error(`${where}: $ref ${ref} does not resolve in the spec`);
  }
  if (!isRecord(current)) throw new Error(`${where}: must be an object`);
  return current as T;
}
