/**
 * Writes a JSON-compatible value as a TypeScript literal a person would type: unquoted keys
 * where they are identifiers, two-space indentation, trailing commas.
 *
 * @example
 * tsLiteral({ status: "ACTIVE", pageSize: 10 }) // "{\n  status: \"ACTIVE\",\n  pageSize: 10,\n}"
 */
export function tsLiteral(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => `${inner}${tsLiteral(item, inner)},`);
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, item]) => {
      const name = /^[A-Za-z_$][\w$]*$/u.test(key) ? key : JSON.stringify(key);
      return `${inner}${name}: ${tsLiteral(item, inner)},`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}
