/**
 * How parameters travel: the query written by each parameter's OpenAPI `style` and `explode`,
 * header parameters written with `style: simple`, and every header value checked for what
 * would split or corrupt a header (CR, LF, NUL) before anything is sent.
 */
import { TogaiValidationError } from "./errors.js";
import type { HeaderParameter, QueryParameter } from "./operation-table.js";

const DELIMITERS = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" } as const;

/** A primitive as it is written in a URL or a header: a string, a finite number, a boolean. */
function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    return String(value);
  }
  throw new TogaiValidationError(
    where,
    typeof value === "number"
      ? "must be a finite number"
      : "must be a string, a finite number or a boolean",
  );
}

/** `encodeURIComponent` of a primitive's text, naming `where` when it cannot be encoded. */
function encode(value: unknown, where: string): string {
  try {
    return encodeURIComponent(text(value, where));
  } catch (error) {
    if (error instanceof TogaiValidationError) throw error;
    throw new TogaiValidationError(where, "must be a well-formed string (no lone surrogate)");
  }
}

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
export function serializeQuery(
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

/** A header value without its leading and trailing white space (CR and LF included). */
export function trimHeader(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/gu, "");
}

/**
 * A header value as sent: leading and trailing white space trimmed, as `Headers` does; an
 * interior CR, LF or NUL (which would split the header or end it early), another control
 * character, or a character beyond Latin-1 (which HTTP cannot carry) refused, naming `where`.
 */
export function headerValue(value: unknown, where: string): string {
  if (typeof value !== "string") throw new TogaiValidationError(where, "must be a string");
  const trimmed = trimHeader(value);
  if (trimmed.includes("\r") || trimmed.includes("\n") || trimmed.includes("\0")) {
    throw new TogaiValidationError(where, "must not contain CR, LF or NUL");
  }
  if (/[^\t\x20-\x7e\x80-\xff]/u.test(trimmed)) {
    throw new TogaiValidationError(where, "must hold only printable Latin-1 characters");
  }
  return trimmed;
}

/** Checks every value of a headers record with {@link headerValue}; returns the trimmed copy. */
export function checkHeaders(
  headers: Readonly<Record<string, unknown>>,
  where: string,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    checked[name] = headerValue(value, `${where}.${name}`);
  }
  return checked;
}

/** A header parameter's value written with `style: simple`, then checked. */
export function headerParameter(value: unknown, { name, explode }: HeaderParameter): string {
  const where = `header.${name}`;
  let written: string;
  if (Array.isArray(value)) {
    written = value.map((item, index) => text(item, `${where}[${String(index)}]`)).join(",");
  } else if (typeof value === "object" && value !== null) {
    const entries = members(value).map(([k, v]) => [k, text(v, `${where}.${k}`)] as const);
    written = entries.map(([k, v]) => (explode ? `${k}=${v}` : `${k},${v}`)).join(",");
  } else {
    written = text(value, where);
  }
  return headerValue(written, where);
}
