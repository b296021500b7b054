/**
 * The interpreter: walks a value over a schema of a {@link Validators} table, running the
 * keywords the table brings, and gives the first violation. The semantics are JSON Schema
 * 2020-12's, plus the client's own rules: `NaN` and `±Infinity` are refused, a property whose
 * value is `undefined` is absent, and objects are closed (closedness.ts): a property no schema
 * defines is a violation in a request, and collected as unknown in a response.
 *
 * At one instance location, the schemas applied unconditionally (`$ref`, `allOf`) are checked as
 * one: their value keywords depth-first, then the object's properties one by one, in the
 * object's order. A schema applied under a condition (a branch of `anyOf`, `oneOf`, `not`, `if`,
 * `then`, `else`, `dependentSchemas`, a discriminator's target) or carrying `unevaluated*` is
 * evaluated whole, as a unit, and reports what it evaluated to the unit around it, as
 * `unevaluatedProperties` and `unevaluatedItems` need.
 *
 * A walk runs to its end synchronously: there is never more than one at a time.
 */
import { closes } from "./closedness.js";
import type { Format, Keyword, Result, Schema, SubSchema, Validators, Violation } from "./types.js";
import { isPlainObject, join } from "./words.js";

/** The rule of a property no schema of a closed object defines. */
export const NOT_DEFINED = "is not defined in the spec";

/** What one unit's schemas have evaluated so far at its location. */
export interface Evaluated {
  /** Properties evaluated by the in-place branches and units (`true`: all). */
  props: Set<string> | true | undefined;
  /** How many leading items are evaluated (`Infinity`: all). */
  items: number;
  /** Items evaluated one by one (by `contains`). */
  matched: Set<number> | undefined;
}

type Check = NonNullable<Keyword["check"]>;
type PropertyCheck = NonNullable<Keyword["property"]>;

interface Plan {
  /** The value checks, in the table's order. */
  checks: readonly Check[];
  /** The property checks: the schema's own first, then those of the schemas applied in place. */
  properties: readonly PropertyCheck[];
  rest: Keyword["rest"];
  unit: boolean;
  closes: boolean | undefined;
}

let validators: Validators;
/** Each schema's keywords, found once (a schema node uses the same keywords in every table). */
const plans = new WeakMap<Schema, Plan>();
/** Response mode: where what the spec does not define is collected; undefined when strict. */
let unknown: string[] | undefined;
let unit: Evaluated = fresh();
/** The discriminators dispatching at this location, and their targets. */
let dispatching: SubSchema[] = [];
/** Whether objects are closed (requests, responses), or open as JSON Schema has them. */
let closing = true;
/** Violations a response tolerates: what the spec does not define (yet). */
const tolerable = new WeakSet<Violation>();

function fresh(): Evaluated {
  return { props: undefined, items: 0, matched: undefined };
}

/** The schema a `$ref` names. */
export function resolve(key: string): SubSchema {
  const { schemas } = validators;
  const found = Object.hasOwn(schemas, key) ? schemas[key] : undefined;
  if (found === undefined) throw new Error(`unknown schema ${key}`);
  return found;
}

/** The format the table knows by that name. */
export function formatNamed(name: string): Format {
  const { formats } = validators;
  const found = Object.hasOwn(formats, name) ? formats[name] : undefined;
  if (found === undefined) throw new Error(`unknown format ${name}`);
  return found;
}

function planOf(schema: Schema): Plan {
  let plan = plans.get(schema);
  if (plan) return plan;
  const { keywords } = validators;
  const used = keywords.filter(
    ({ names }) => names.length === 0 || names.some((name) => Object.hasOwn(schema, name)),
  );
  const own = used.filter((keyword) => !keyword.check);
  const applied = used.filter((keyword) => keyword.check);
  plan = {
    checks: used.flatMap(({ check }) => (check ? [check] : [])),
    properties: [...own, ...applied].flatMap(({ property }) => (property ? [property] : [])),
    rest: used.find((keyword) => keyword.rest)?.rest,
    unit: used.some((keyword) => keyword.unit),
    closes: undefined,
  };
  plans.set(schema, plan);
  return plan;
}

/** What the spec does not define: a violation in a request, collected in a response. */
export function outside(path: string, rule: string, value: unknown): Result {
  if (unknown) {
    if (!unknown.includes(path)) unknown.push(path);
    return undefined;
  }
  const violation = { path, rule, value };
  tolerable.add(violation);
  return violation;
}

/** Violations of the client's own finite rule: they decide, whatever branch they are found in. */
const hard = new WeakSet<Violation>();

/**
 * A number that JSON cannot carry (`NaN`, `±Infinity`): refused wherever it is, and never a mere
 * verdict of a branch (it does not make an `anyOf` branch fail over to another, flip a `not` or
 * choose an `else`).
 */
export function notFinite(path: string, value: unknown): Violation {
  const violation = { path, rule: "must be a finite number", value };
  hard.add(violation);
  return violation;
}

/** Whether a branch's violation decides, whatever the branches around it say. */
export function decides(violation: Violation): boolean {
  return hard.has(violation);
}

/** The client's own rule: no `NaN` or `±Infinity` anywhere in what a schema does not look into. */
export function finiteDeep(value: unknown, path: string): Result {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : notFinite(path, value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = finiteDeep(value[index], `${path}[${index}]`);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const name of Object.keys(value)) {
      const found = finiteDeep(value[name], join(path, name));
      if (found) return found;
    }
  }
  return undefined;
}

function checkValue(schema: SubSchema, value: unknown, path: string): Result {
  if (schema === false) return { path, rule: "must not be present", value };
  if (schema === true) return finiteDeep(value, path);
  for (const check of planOf(schema).checks) {
    const found = check(schema, value, path);
    if (found) return found;
  }
  return undefined;
}

/** One property against the schemas applied in place: whether one evaluated it, or a violation. */
function checkProperty(
  schema: SubSchema,
  name: string,
  value: unknown,
  path: string,
): boolean | Violation {
  if (typeof schema === "boolean") return false;
  let evaluated = false;
  for (const property of planOf(schema).properties) {
    const found = property(schema, name, value, path);
    if (found === true) evaluated = true;
    else if (found !== false) return found;
  }
  return evaluated;
}

/**
 * Evaluates a schema as a unit at one location: its value keywords, then each present property,
 * then what nothing evaluated (`unevaluatedProperties`, closedness, the finite rule). A
 * violation, or what the unit evaluated.
 */
function runUnit(
  schema: SubSchema,
  value: unknown,
  path: string,
  closed: boolean,
): Violation | Evaluated {
  const outer = unit;
  const mine = fresh();
  unit = mine;
  const found = checkValue(schema, value, path) ?? checkRest(schema, value, path, closed, mine);
  unit = outer;
  return found ?? mine;
}

function checkRest(
  schema: SubSchema,
  value: unknown,
  path: string,
  closed: boolean,
  mine: Evaluated,
): Result {
  if (typeof schema === "boolean") return undefined;
  if (Array.isArray(value)) {
    for (let index = mine.items; index < value.length; index++) {
      if (mine.matched?.has(index)) continue;
      const found = finiteDeep(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const { rest } = planOf(schema);
  for (const name of Object.keys(value)) {
    const item = value[name];
    if (item === undefined) continue;
    const at = join(path, name);
    const found = checkProperty(schema, name, item, at);
    if (typeof found === "object") return found;
    const { props } = mine;
    if (found || props === true || props?.has(name)) {
      if (props !== true) (mine.props = props ?? new Set()).add(name);
      continue;
    }
    const problem = rest
      ? rest(schema, name, item, at)
      : closed
        ? outside(at, NOT_DEFINED, item)
        : finiteDeep(item, at);
    if (problem) return problem;
  }
  if (rest) mine.props = true;
  return undefined;
}

/** Checks a value as the outermost schema at its location: an item, a property, the root. */
export function checkAt(schema: SubSchema, value: unknown, path: string): Result {
  const outerDispatching = dispatching;
  dispatching = [];
  let closed = false;
  if (closing && typeof schema === "object" && isPlainObject(value)) {
    const plan = planOf(schema);
    closed = plan.closes ??= closes(schema, resolve);
  }
  const found = runUnit(schema, value, path, closed);
  dispatching = outerDispatching;
  return "rule" in found ? found : undefined;
}

/** Adds what a unit evaluated to the unit around it. */
export function merge(evaluated: Evaluated): void {
  const { props, items, matched } = evaluated;
  if (props === true) unit.props = true;
  else if (props && unit.props !== true) {
    const into = (unit.props = unit.props ?? new Set());
    for (const name of props) into.add(name);
  }
  markItems(items);
  for (const index of matched ?? []) markItem(index);
}

/** Records that the first `count` items are evaluated at this location. */
export function markItems(count: number): void {
  if (count > unit.items) unit.items = count;
}

/** Records that one item is evaluated at this location. */
export function markItem(index: number): void {
  (unit.matched ??= new Set()).add(index);
}

/** Whether an item is evaluated at this location, so far. */
export function isItemEvaluated(index: number): boolean {
  return index < unit.items || !!unit.matched?.has(index);
}

/** Applies a schema in place, unconditionally (`$ref`, `allOf`): its value keywords. */
export function applyInPlace(schema: SubSchema, value: unknown, path: string): Result {
  if (typeof schema === "object" && planOf(schema).unit) {
    const found = runUnit(schema, value, path, false);
    if ("rule" in found) return found;
    merge(found);
    return undefined;
  }
  return checkValue(schema, value, path);
}

/** Checks one property against a schema applied in place, unconditionally. */
export function propertyInPlace(
  schema: SubSchema,
  name: string,
  value: unknown,
  path: string,
): boolean | Violation {
  if (typeof schema === "object" && planOf(schema).unit) return false;
  return checkProperty(schema, name, value, path);
}

/** Evaluates a schema applied under a condition: a violation, or what it evaluated. */
export function evaluate(schema: SubSchema, value: unknown, path: string): Violation | Evaluated {
  return runUnit(schema, value, path, false);
}

/** The same, judged strictly: in a response too, nothing is tolerated inside. */
export function evaluateStrictly(
  schema: SubSchema,
  value: unknown,
  path: string,
): Violation | Evaluated {
  const outer = unknown;
  unknown = undefined;
  const found = runUnit(schema, value, path, false);
  unknown = outer;
  return found;
}

/** Whether what `evaluate` gave is a violation. */
export function isViolation(found: Violation | Evaluated): found is Violation {
  return "rule" in found;
}

function depth(path: string): number {
  let count = 0;
  for (const char of path) if (char === "." || char === "[") count++;
  return count;
}

/**
 * The verdict of branches that all failed, judged strictly: the branch whose violation lies
 * deepest speaks (the first on a tie). In a response, when what it found is only what the spec
 * does not define, the branch is evaluated again with the response's tolerance.
 */
export function noBranchMatched(
  branches: readonly SubSchema[],
  failures: readonly Violation[],
  value: unknown,
  path: string,
): Result {
  let speaker = 0;
  failures.forEach((failure, index) => {
    if (depth(failure.path) > depth(failures[speaker]?.path ?? "")) speaker = index;
  });
  const violation = failures[speaker];
  const branch = branches[speaker];
  if (!violation || branch === undefined || !unknown || !tolerable.has(violation)) return violation;
  const again = evaluate(branch, value, path);
  if (isViolation(again)) return again;
  merge(again);
  return undefined;
}

/**
 * Applies a discriminator's target in place. A discriminator already dispatching at this
 * location, or a target already applied by one, is not dispatched again.
 */
export function dispatch(schema: Schema, target: SubSchema, value: unknown, path: string): Result {
  if (dispatching.includes(schema) || dispatching.includes(target)) return undefined;
  dispatching.push(schema, target);
  const found = evaluate(target, value, path);
  dispatching.length -= 2;
  if (isViolation(found)) return found;
  merge(found);
  return undefined;
}

function start(table: Validators, collected: string[] | undefined, close = true): void {
  validators = table;
  unknown = collected;
  closing = close;
  unit = fresh();
  dispatching = [];
}

/** Requests: objects are closed, every rule applies. The first violation, or undefined. */
export function findViolation(
  table: Validators,
  schema: SubSchema,
  value: unknown,
  path: string,
): Violation | undefined {
  start(table, undefined);
  return checkAt(schema, value, path);
}

/**
 * Responses: every rule applies, but properties the spec does not define, values
 * of an `enum` it does not list and discriminator values it does not map are collected (as
 * paths like "data[3].status") in `unknown` instead of being violations. Inside the branches of
 * `anyOf`, `oneOf`, `not` and `if`, nothing is tolerated: only the verdict that comes out of them.
 */
export function inspectResponse(
  table: Validators,
  schema: SubSchema,
  value: unknown,
  path: string,
): { violation?: Violation; unknown: string[] } {
  const collected: string[] = [];
  start(table, collected);
  const violation = checkAt(schema, value, path);
  return violation ? { violation, unknown: collected } : { unknown: collected };
}

/**
 * JSON Schema as written: objects open, nothing tolerated. The first violation, or undefined.
 * For measuring the interpreter against JSON Schema itself (the official test suite, ajv).
 */
export function findSchemaViolation(
  table: Validators,
  schema: SubSchema,
  value: unknown,
  path: string,
): Violation | undefined {
  start(table, undefined, false);
  return checkAt(schema, value, path);
}
