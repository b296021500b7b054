/**
 * An operation's header parameters, merged into a call's headers: each one from the call's
 * `header` option (which wins) or a `headers` entry of the same name (names compare
 * case-insensitively), checked with its schema, written with `style: simple` (an array's items,
 * or an object's members, joined with commas; a number or boolean as its text). The generated
 * table imports this only when its spec declares a header parameter.
 */
import type { HeaderParameter, OperationEntry } from "./operation-table.js";
import { headerValue, trimHeader } from "./header-values.js";
import { primitiveText as text } from "./primitive-text.js";
import { invalid, isObject } from "./validation.js";

/** The members of an object value, those set to `undefined` left out. */
function members(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, member]) => member !== undefined);
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

/** A header's text read as its parameter's schema may mean it: a number or a boolean. */
function headerText(text: string): unknown {
  if (text === "true" || text === "false") return text === "true";
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/u.test(text) ? Number(text) : text;
}

/**
 * The headers of a call to `entry`: `headers` (already checked and trimmed) with the
 * operation's header parameters laid over them, from `header` or from `headers`, handed to
 * `check` (their schema's, unless validation is off) before they are written.
 */
export function headerParameters(
  { headerParams = [] }: OperationEntry,
  headers: Readonly<Record<string, string>>,
  header: unknown,
  check: ((values: Record<string, unknown>) => void) | undefined,
): Record<string, string> {
  if (!isObject(header)) invalid("options.header", "must be an object", header);
  const declared = new Map(
    headerParams.map((parameter) => [parameter.name.toLowerCase(), parameter]),
  );
  const sent: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    const parameter = declared.get(name.toLowerCase());
    if (parameter === undefined) sent[name] = value;
    else values[parameter.name] = headerText(value);
  }
  for (const [name, value] of Object.entries(header)) {
    const key = declared.get(name.toLowerCase())?.name ?? name;
    if (value !== undefined) values[key] = typeof value === "string" ? trimHeader(value) : value;
  }
  check?.(values);
  for (const parameter of headerParams) {
    const value = values[parameter.name];
    if (value !== undefined) sent[parameter.name] = headerParameter(value, parameter);
  }
  return sent;
}
