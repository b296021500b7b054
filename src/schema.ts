/**
 * The JSON Schema subset the generated validators are written in: the spec's schemas with their
 * documentation stripped and every `$ref` turned into the name of another entry of the same
 * table. `npm run generate` refuses a spec that uses any other keyword, or a format not in
 * {@link FORMATS}, so nothing the spec states is silently left unchecked.
 */
export interface Schema {
  /** The name of another schema of the same table. */
  $ref?: string;
  type?: SchemaType | readonly SchemaType[];
  enum?: readonly unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  /** Counted in code points, as JSON Schema does. */
  minLength?: number;
  maxLength?: number;
  /** A regular expression, compiled with the `u` flag. */
  pattern?: string;
  format?: string;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Readonly<Record<string, Schema>>;
  required?: readonly string[];
  additionalProperties?: boolean | Schema;
  unevaluatedProperties?: boolean;
  allOf?: readonly Schema[];
  /** An annotation, never checked: the value the server assumes when this one is absent. */
  default?: unknown;
}

/** A JSON Schema type name. */
export type SchemaType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "null";

/** Named schemas, as generated. */
export type SchemaTable = Readonly<Record<string, Schema>>;

/** The keywords a {@link Schema} may use. */
export const SCHEMA_KEYWORDS = [
  "$ref",
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "properties",
  "required",
  "additionalProperties",
  "unevaluatedProperties",
  "allOf",
] as const;

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
// ajv-formats splits a date-time at `t` or white space, and accepts two parts: only one place can split.
const DATE_TIME =
  /^(\d\d\d\d)-(\d\d)-(\d\d)[t\s](\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `match` (of DATE or DATE_TIME) was found, and its year, month and day exist. */
function dayExists(match: RegExpExecArray | null): match is RegExpExecArray {
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0));
}

function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!dayExists(match)) return false;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const sign = match[7] === "-" ? -1 : 1;
  const offsetHour = Number(match[8] ?? 0);
  const offsetMinute = Number(match[9] ?? 0);
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second: 23:59:60 in UTC, by ajv-formats' arithmetic.
  const utcMinute = minute - sign * offsetMinute;
  const utcHour = hour - sign * offsetHour - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
  );
}

/**
 * The formats the validators enforce, with the semantics of ajv-formats 3 in `full` mode:
 * `date` is an RFC 3339 full-date that exists in the calendar (`2023-02-29` does not);
 * `date-time` is such a date, one separator (`T`, `t` or a single white-space character), and a
 * time with a mandatory offset (`Z`, `z`, `+05:30`, `+0530` or `+05`), where second 60 is
 * accepted only when the time is 23:59 in UTC.
 */
export const FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  date: (text) => dayExists(DATE.exec(text)),
  "date-time": isDateTime,
};
