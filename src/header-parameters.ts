/**
 * An operation's header parameters, merged into a call's headers: each one from the call's
 * `header` option (which wins) or a `headers` entry of the same name (names compare
 * case-insensitively), checked with its schema. A `header` value is written with `style: simple`
 * (an array's items, or an object's members, joined with commas; a number or boolean as its
 * text); a `headers` entry is already text, read by the schema only to be checked, and sent as
 * it is. The generated table imports this only when its spec declares a header parameter.
 */
import type { HeaderParameter, OperationEntry } from "./operation-table.js";
import { headerValue, trimHeader } from "./header-values.js";
import { primitiveText as text } from "./primitive-text.js";
import { propertySchema, readSimpleHeader } from "./schema-reading.js";
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

/**
 * The headers of a call to `entry`: `headers` (already checked and trimmed) with the
 * operation's header parameters laid over them, from `header` or from `headers`, handed to
 * `check` (their schema's, unless validation is off) before they are written.
 */
export function headerParameters(
  { headerParams = [], header: schema }: OperationEntry,
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
  /** The `headers` entries of declared parameters, sent as they are unless `header` sets them. */
  const asText = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const parameter = declared.get(name.toLowerCase());
    if (parameter === undefined) {
      sent[name] = value;
      continue;
    }
    const own = schema && propertySchema(schema, parameter.name);
    values[parameter.name] = readSimpleHeader(own, parameter.explode, value);
    asText.set(parameter.name, value);
  }
  for (const [name, value] of Object.entries(header)) {
    const key = declared.get(name.toLowerCase())?.name ?? name;
    if (value === undefined) continue;
    values[key] = typeof value === "string" ? trimHeader(value) : value;
    asText.delete(key);
  }
  check?.(values);
  for (const parameter of headerParams) {
    const value = values[parameter.name];
    if (value === undefined) continue;
    sent[parameter.name] = asText.get(parameter.name) ?? headerParameter(value, parameter);
  }
  return sent;
}
