/**
 * Turns one entry of the operation table into the client's methods: the arguments are checked
 * (path segments always; the spec's schemas unless `validateRequests` is off), idempotency keys
 * are filled, the request goes through openapi-fetch with the request loop's retries and
 * timeouts, and a paginated operation gets its two iterators.
 */
import { REQUEST_VALIDATORS } from "../generated/operations.js";
import { TogaiError } from "./errors.js";
import { withIdempotencyKeys } from "./idempotency.js";
import type { Idempotency, OperationEntry } from "./operation-table.js";
import type { PaginationOptions } from "./options.js";
import { checkPage, walkItems, walkPages } from "./pagination.js";
import type { Page, PageFetcher } from "./pagination.js";
import { execute } from "./request.js";
import type { Operation, RawAnswer, RequestContext } from "./request.js";
import { loadResponseSchemas, responseProblem } from "./response-validation.js";
import { serializePath } from "./transport.js";
import {
  checkArgument,
  checkPathId,
  checkRequestOptions,
  invalid,
  isObject,
  stringifyFinite,
} from "./validation.js";

/** Sends one attempt of an operation through openapi-fetch. */
export type Send = (method: string, template: string, init: object) => Promise<RawAnswer>;

/** A bound method: the operation's arguments in the generated signature's order. */
type Method = (...args: unknown[]) => unknown;

/** Runs `task`, turning an exception thrown while checking input into a rejection. */
function rejecting<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The checked arguments of one call. */
interface Call {
  path: Record<string, string>;
  query: Record<string, unknown> | undefined;
  body: unknown;
  options: PaginationOptions;
}

/** The methods of one operation, by name: the call, and a paginated operation's iterators. */
export function bindOperation(
  entry: OperationEntry,
  context: RequestContext,
  send: Send,
): Record<string, Method> {
  const { config } = context;
  const { pathParams, query: querySchema, body: bodySpec, pagination, idempotency } = entry;

  /** Splits and checks the arguments: path parameters, body, query parameters, options. */
  function parse(args: unknown[]): Call {
    const validate = config.validateRequests;
    const path: Record<string, string> = {};
    let index = 0;
    for (const { name, argument, schema } of pathParams) {
      const value = checkPathId(argument, args[index++]);
      if (validate) checkArgument(REQUEST_VALIDATORS, schema, value, argument);
      path[name] = value;
    }
    const body = bodySpec ? args[index++] : undefined;
    if (bodySpec && validate && (body !== undefined || bodySpec.required)) {
      checkArgument(REQUEST_VALIDATORS, bodySpec.schema, body, "body");
    }
    let query: Record<string, unknown> | undefined;
    if (querySchema) {
      const params = args[index++] ?? {};
      if (!isObject(params)) invalid("params", "must be an object", params);
      if (validate) checkArgument(REQUEST_VALIDATORS, querySchema, params, "params");
      query = params;
    }
    return { path, query, body, options: checkRequestOptions(args[index]) };
  }

  /** Sends the call, with retries, and resolves with its parsed body. */
  function call({ path, query, body, options }: Call, check?: Operation["check"]): Promise<Page> {
    const serialized =
      body === undefined
        ? undefined
        : config.validateRequests
          ? JSON.stringify(body)
          : stringifyFinite(body);
    const bodySerializer = serialized === undefined ? undefined : () => serialized;
    const params = { path, query };
    const op: Operation = {
      method: entry.method,
      get path() {
        return serializePath(entry.path, path);
      },
      retry: entry.retry,
      check,
      send: ({ signal, headers }) =>
        send(entry.method, entry.path, {
          params,
          parseAs: "text",
          signal,
          headers,
          body,
          bodySerializer,
        }),
    };
    if (!config.validateResponses) return execute<Page>(context, op, options);
    return loadResponseSchemas().then((schemas) => {
      op.check = (answer) =>
        check?.(answer) ?? responseProblem(schemas, entry.response, answer, op, config.logger);
      return execute<Page>(context, op, options);
    });
  }

  /** Sends a call with its idempotency keys filled; its errors carry the keys sent. */
  async function callWithKeys(parsed: Call, declared: Idempotency): Promise<Page> {
    const { body, keys } = withIdempotencyKeys(parsed.body, declared);
    try {
      return await call({ ...parsed, body });
    } catch (error) {
      if (error instanceof TogaiError) error.idempotencyKeys = keys;
      throw error;
    }
  }

  const methods: Record<string, Method> = {
    [entry.name]: (...args) =>
      rejecting(() => {
        const parsed = parse(args);
        if (pagination) return call(parsed, (page) => checkPage(page, pagination, new Set()));
        return idempotency ? callWithKeys(parsed, idempotency) : call(parsed);
      }),
  };

  if (pagination) {
    const pages = (args: unknown[]) => {
      const parsed = parse(args);
      const fetchPage: PageFetcher = (query, options, followed) =>
        call({ ...parsed, query, options }, (page) => checkPage(page, pagination, followed));
      return walkPages(fetchPage, pagination, parsed.query ?? {}, parsed.options);
    };
    methods[pagination.pages] = (...args) => pages(args);
    methods[pagination.items] = (...args) => walkItems(pages(args), pagination);
  }
  return methods;
}
