/**
 * The query written by each parameter's OpenAPI `style` and `explode`: arrays and objects as
 * `form` (exploded or not), `spaceDelimited`, `pipeDelimited` or `deepObject`, every name, key
 * and value percent-encoded. The generated table imports it only when its spec has a query
 * parameter that is an array or an object; otherwise the plain query of transport.ts serves.
 */
import { TogaiValidationError } from "./errors.js";
import type { QueryParameter } from "./operation-table.js";
import { encodePrimitive as encode } from "./primitive-text.js";

const DELIMITERS = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" } as const;

/** The members of an object value, those set to `undefined` left out. */
function members(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, member]) => member !== undefined);
}

const DEFAULT_STYLE: QueryParameter = { name: "", style: "form", explode: true };

/** The `name=value` pairs of one query parameter, by its style and explode. */
function queryPairs(name: string, value: unknown, rule: QueryParameter): string[] {
  const where = `query parameter ${name}`;
  const key = encode(name, where);
  const { style, explode } = rule;
  if (Array.isArray(value)) {
    const items = value.map((item, index) => encode(item, `${where}[${String(index)}]`));
    if (style === "deepObject") throw new TogaiValidationError(where, "must be an object");
    if (explode) return items.map((item) => `${key}=${item}`);
    return items.length === 0 ? [] : [`${key}=${items.join(DELIMITERS[style])}`];
  }
  if (typeof value === "object" && value !== null) {
    const entries = members(value).map(
      ([member, item]) => [encode(member, where), encode(item, `${where}.${member}`)] as const,
    );
    if (style === "deepObject") return entries.map(([k, v]) => `${key}%5B${k}%5D=${v}`);
    if (explode) return entries.map(([k, v]) => `${k}=${v}`);
    const flat = entries.flatMap(([k, v]) => [k, v]);
    return flat.length === 0 ? [] : [`${key}=${flat.join(DELIMITERS[style])}`];
  }
  return [`${key}=${encode(value, where)}`];
}

/**
 * Writes a query: each parameter by its own rule of `rules` (a parameter without one, as from
 * `togai.raw`, is written as `form` with `explode`), `undefined` and `null` left out, every
 * name, key and value percent-encoded. Throws a {@link TogaiValidationError} naming the
 * parameter for a value it cannot write.
 */
export function styledQuery(
  query: Record<string, unknown>,
  rules: readonly QueryParameter[] = [],
): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const rule = rules.find((candidate) => candidate.name === name) ?? DEFAULT_STYLE;
    pairs.push(...queryPairs(name, value, rule));
  }
  return pairs.join("&");
}
