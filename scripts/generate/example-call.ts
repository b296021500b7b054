/**
 * The call of an operation's client method with the spec's examples as arguments, e.g.
 * `togai.credits.get("creds.1znQx9jiIXw.r44fc")`: shared by the methods' JSDoc and the docs'
 * TypeScript samples, so both show the same call.
 */
import type { PathParameter } from "../../src/operation-table.ts";
import { tsLiteral } from "../lib/ts-literal.ts";
import type { GeneratedOperation, OperationExamples } from "./operations.ts";

/** What a call is made from: the operation's table entry and its examples. */
export type CallSource = Pick<GeneratedOperation, "entry" | "examples">;

/** A path parameter's value when the spec gives no example: `1`, or `"CREDIT_ID"`. */
function placeholder({ name, types = [] }: PathParameter): unknown {
  if (types.includes("string")) return name.replace(/\W+/gu, "_").toUpperCase();
  if (types.includes("integer") || types.includes("number")) return 1;
  if (types.includes("boolean")) return true;
  return name.replace(/\W+/gu, "_").toUpperCase();
}

/**
 * The examples with every path parameter given a value, from the spec or a placeholder: what
 * the JSDoc, the TypeScript sample and the curl sample all show.
 */
export function completeExamples({ entry, examples }: CallSource): OperationExamples {
  if (entry.pathParams.length === 0) return examples;
  const path = Object.fromEntries(
    entry.pathParams.map((param) => [
      param.name,
      examples.path?.[param.name] ?? placeholder(param),
    ]),
  );
  return { ...examples, path };
}

/**
 * The example arguments of an operation, in the method's order: path, body, query, and the
 * options with the header parameters' examples (`{ header: { … } }`) when it declares some.
 */
export function exampleArguments(source: CallSource): unknown[] {
  const { entry } = source;
  const examples = completeExamples(source);
  const args: unknown[] = entry.pathParams.map(({ name }) => examples.path?.[name]);
  if (entry.body !== undefined) args.push(examples.body ?? {});
  const header = entry.header === undefined ? undefined : (examples.header ?? {});
  if (entry.query !== undefined && (examples.query !== undefined || header !== undefined)) {
    args.push(examples.query ?? {});
  }
  if (header !== undefined) args.push({ header });
  return args;
}

/** `togai.<group>.<method>(<the example arguments>)`, laid out over lines from `indent`. */
export function exampleCall(
  operation: CallSource,
  method: string = operation.entry.name,
  indent = "",
): string {
  const args = exampleArguments(operation).map((arg) => tsLiteral(arg, indent));
  return `togai.${operation.entry.group}.${method}(${args.join(", ")})`;
}
