/**
 * The call of an operation's client method with the spec's examples as arguments, e.g.
 * `togai.credits.get("creds.1znQx9jiIXw.r44fc")`: shared by the methods' JSDoc and the docs'
 * TypeScript samples, so both show the same call.
 */
import { tsLiteral } from "../lib/ts-literal.ts";
import type { GeneratedOperation } from "./operations.ts";

/** What a call is made from: the operation's table entry and its examples. */
export type CallSource = Pick<GeneratedOperation, "entry" | "examples">;

/** The example arguments of an operation, in the method's order: path, body, query. */
export function exampleArguments({ entry, examples }: CallSource): unknown[] {
  const args: unknown[] = entry.pathParams.map(({ name }) => examples.path?.[name]);
  if (entry.body !== undefined) args.push(examples.body ?? {});
  if (entry.query !== undefined && examples.query !== undefined) args.push(examples.query);
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
