/**
 * Turns one entry of the operation table into the client's methods: the arguments are checked
 * (path segments and header values always; the spec's schemas unless `validateRequests` is
 * off), idempotency keys are filled, the request goes through openapi-fetch with the request
 * loop's retries and timeouts (the query written by each parameter's style, the `Accept` and
 * `Content-Type` the operation declares), and a paginated operation gets its two iterators.
 */
import { REQUEST_VALIDATORS } from "../generated/operations.js";
import { TogaiError } from "./errors.js";
import { withIdempotencyKeys } from "./idempotency.js";
import type { Idempotency, OperationEntry, PathParameter, Serializers } from "./operation-table.js";
import type { PaginationOptions } from "./options.js";
import { checkPage, walkItems, walkPages } from "./pagination.js";
import type { Page, PageFetcher } from "./pagination.js";
import { execute } from "./request.js";
import type { Operation, RawAnswer, RequestContext } from "./request.js";
import { loadResponseSchemas, reportUndeclared, responseProblem } from "./response-validation.js";
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

/** The checked arguments of one call. */
interface Call {
  path: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  body: unknown;
  options: PaginationOptions;
}

/** The methods of one operation, by name: the call, and a paginated operation's iterators. */
export function bindOperation(
  entry: OperationEntry,
  context: RequestContext,
  send: Send,
  serializers: Serializers,
): Record<string, Method> {
  const { config } = context;
  const { pathParams, query: querySchema, body: bodySpec, pagination, idempotency } = entry;
  const { queryParams, header: headerSchema } = entry;
  const styled = serializers.query;
  const checkPath =
    serializers.path ??
    ((parameter: PathParameter, value: unknown) => checkPathId(parameter.argument, value));
  const querySerializer =
    queryParams && styled && ((query: Record<string, unknown>) => styled(query, queryParams));
  const callHeaders: Record<string, string> = {};
  if (entry.accept !== undefined) callHeaders.Accept = entry.accept;
  if (bodySpec?.contentType !== undefined) callHeaders["Content-Type"] = bodySpec.contentType;
  const fixedHeaders = Object.keys(callHeaders).length > 0;
  const checkHeader = (values: Record<string, unknown>) => {
    if (headerSchema) checkArgument(REQUEST_VALIDATORS, headerSchema, values, "header");
  };

  /**
   * The call's headers: the options' own, the operation's `Accept` and `Content-Type`, and its
   * header parameters (header-parameters.ts), checked unless validation is off.
   */
  function headersOf(
    options: PaginationOptions,
    validate: boolean,
  ): Readonly<Record<string, string>> | undefined {
    const { headers } = options;
    const header = (options as { header?: unknown }).header ?? {};
    const written =
      headerSchema && serializers.header
        ? serializers.header(entry, headers ?? {}, header, validate ? checkHeader : undefined)
        : headers;
    return fixedHeaders ? { ...callHeaders, ...written } : written;
  }

  /** Splits and checks the arguments: path parameters, body, query parameters, options. */
  function parse(args: unknown[]): Call {
    const validate = config.validateRequests;
    const path: Record<string, unknown> = {};
    let index = 0;
    for (const parameter of pathParams) {
      const value = checkPath(parameter, args[index++]);
      if (validate) checkArgument(REQUEST_VALIDATORS, parameter.schema, value, parameter.argument);
      path[parameter.name] = value;
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
    const options = checkRequestOptions(args[index]);
    const headers = headersOf(options, validate);
    return {
      path,
      query,
      body,
      options:
        headers === undefined || headers === options.headers ? options : { ...options, headers },
    };
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
      answers: entry.answers,
      check,
      send: ({ signal, headers }) =>
        send(entry.method, entry.path, {
          params,
          parseAs: "stream",
          signal,
          headers,
          body,
          bodySerializer,
          querySerializer,
        }),
    };
    if (!config.validateResponses) return execute<Page>(context, op, options);
    op.undeclared = (status) => {
      reportUndeclared(status, op, config.logger);
    };
    return loadResponseSchemas().then((schemas) => {
      op.check = (parsed, answer) =>
        check?.(parsed, answer) ??
        (answer?.schema === undefined
          ? undefined
          : responseProblem(schemas, answer.schema, parsed, op, config.logger));
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
    [entry.name]: async (...args) => {
      const parsed = parse(args);
      if (pagination) return call(parsed, (page) => checkPage(page, pagination, new Set()));
      return idempotency ? callWithKeys(parsed, idempotency) : call(parsed);
    },
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
