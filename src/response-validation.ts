import type { Logger } from "./options.js";
import { inspectResponse } from "./schema/walk.js";
import type { Validators } from "./schema/types.js";

let loading: Promise<Validators> | undefined;

/** The response schemas, loaded on first use: clients that do not validate answers never load them. */
export function loadResponseSchemas(): Promise<Validators> {
  loading ??= import("../generated/response-schemas.js").then(
    (module) => module.RESPONSE_VALIDATORS,
  );
  return loading;
}

/**
 * What is wrong with a 2xx body by the spec (`data[3].createdAt: is required`), or undefined.
 * What the spec does not define yet (a property, an enum value) is not wrong: it is reported to
 * the logger as one line.
 */
export function responseProblem(
  table: Validators,
  schemaName: string,
  body: unknown,
  request: { method: string; path: string },
  logger: Logger | undefined,
): string | undefined {
  const { violation, unknown } = inspectResponse(table, { $ref: schemaName }, body, "");
  if (unknown.length > 0) {
    const { method, path } = request;
    logger?.debug(`${method} ${path}: the answer holds what the spec does not define`, {
      method,
      path,
      unknownProperties: unknown,
    });
  }
  return violation && `${violation.path || "the body"}: ${violation.rule}`;
}

/** Reports a 2xx status the spec does not declare (read by its `Content-Type`, not validated). */
export function reportUndeclared(
  status: number,
  { method, path }: { method: string; path: string },
  logger: Logger | undefined,
): void {
  logger?.debug(`${method} ${path}: the answer's status ${String(status)} is not in the spec`, {
    method,
    path,
    status,
  });
}
