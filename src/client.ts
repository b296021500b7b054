import type {
  CreateCreditRequest,
  CreateCreditResponse,
  Credit,
  CreditBalanceResponse,
  CreditDetailsResponse,
  ListCreditsResponse,
} from "../generated/credits.js";
import { createCreditsFetchClient } from "../generated/client.js";
import type { CreditsFetchClient } from "../generated/client.js";
import { resolveConfig } from "./config.js";
import { TogaiError } from "./errors.js";
import { withIdempotencyKeys } from "./idempotency.js";
import type { ClientOptions, PaginationOptions, RequestOptions } from "./options.js";
import { walkItems, walkPages } from "./pagination.js";
import type { PageFetcher } from "./pagination.js";
import { execute } from "./request.js";
import type { Operation, RawAnswer } from "./request.js";
import type { RetryPolicy } from "./retry.js";
import { AttemptTimeouts } from "./timeout.js";
import { PlainRequestClass, sendPlainRequest, serializePath, serializeQuery } from "./transport.js";
import { CLIENT_ID } from "./version.js";
import {
  checkCreateRequest,
  checkListParams,
  checkPathId,
  checkRequestOptions,
} from "./validation.js";
import type { ListCreditsParams } from "./validation.js";

/** The credit operations of {@link CreditsClient}. */
export interface CreditsResource {
  /**
   * Grants credits (`POST /credits`). Every credit request without an `idempotencyKey` gets a
   * fresh one, so retries never grant twice; errors carry the keys as `idempotencyKeys`.
   * @example await togai.credits.create({ creditRequests: [{ accountId: "ACC00001", purpose: "Prepaid Credit", effectiveFrom: "2023-02-04", priority: 1, creditAmount: 1000 }] })
   */
  create(body: CreateCreditRequest, options?: RequestOptions): Promise<CreateCreditResponse>;
  /**
   * Gets a credit with its transactions (`GET /credits/{credit_id}`).
   * @example const credit = await togai.credits.get("creds.1znQx9jiIXw.r44fc")
   */
  get(creditId: string, options?: RequestOptions): Promise<CreditDetailsResponse>;
  /**
   * Voids a credit (`POST /credits/{credit_id}/void`). Retried only where the server cannot
   * have acted: a 429, or a connection refused before the request was sent.
   */
  void(creditId: string, options?: RequestOptions): Promise<Credit>;
  /**
   * Lists one page of credits (`GET /credits`), filtered by `status`, `account_id` or `id`.
   * @example const page = await togai.credits.list({ status: "ACTIVE", pageSize: 50 })
   */
  list(params?: ListCreditsParams, options?: RequestOptions): Promise<ListCreditsResponse>;
  /**
   * Every credit that matches, across pages: follows `nextToken` lazily, one page in memory.
   * @example for await (const credit of togai.credits.listAll({ status: "ACTIVE" })) console.log(credit.id)
   */
  listAll(params?: ListCreditsParams, options?: PaginationOptions): AsyncIterable<Credit>;
  /**
   * Every page that matches, following `nextToken` lazily.
   * @example for await (const page of togai.credits.pages({ pageSize: 50 })) console.log(page.data.length)
   */
  pages(
    params?: ListCreditsParams,
    options?: PaginationOptions,
  ): AsyncIterable<ListCreditsResponse>;
}

/** The account operations of {@link CreditsClient}. */
export interface AccountsResource {
  /**
   * Gets an account's credit balance (`GET /accounts/{account_id}/credit_balance`).
   * @example const balance = await togai.accounts.creditBalance("ACC00001")
   */
  creditBalance(accountId: string, options?: RequestOptions): Promise<CreditBalanceResponse>;
}

/** A Togai Credits API client, made by {@link createCreditsClient}. */
export interface CreditsClient {
  readonly credits: CreditsResource;
  readonly accounts: AccountsResource;
  /**
   * The typed openapi-fetch client, with the same base URL, auth and headers but no retries,
   * timeouts or thrown errors: calls answer `{ data, error, response }`.
   */
  readonly raw: CreditsFetchClient;
}

const isBrowser = typeof (globalThis as { document?: unknown }).document !== "undefined";

function checkPage(
  body: Record<string, unknown>,
  followed: ReadonlySet<string>,
): string | undefined {
  const { data, nextToken } = body;
  if (!Array.isArray(data)) return "the page has no `data` array";
  if (nextToken === undefined) return undefined;
  if (typeof nextToken !== "string") return "the page's nextToken is not a string";
  return followed.has(nextToken)
    ? `the page's nextToken ${JSON.stringify(nextToken.slice(0, 40))} was already followed`
    : undefined;
}

/** openapi-fetch's `GET` and `POST`, typed loosely: each method below is typed at the public surface. */
type SendAny = (path: string, init: object) => Promise<RawAnswer>;

/** Runs `task`, turning an exception thrown while checking input into a rejection. */
function rejecting<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * Creates a client of the Togai Credits API.
 *
 * @throws {TogaiConfigError} when no token is given nor in `TOGAI_API_TOKEN`, or `baseUrl` is unusable.
 * @example
 * const togai = createCreditsClient({ token: process.env.TOGAI_API_TOKEN, environment: "sandbox" });
 * const credit = await togai.credits.get("creds.1znQx9jiIXw.r44fc");
 */
export function createCreditsClient(options: ClientOptions = {}): CreditsClient {
  const { config, token } = resolveConfig(options);
  const headers = {
    ...config.headers,
    Accept: "application/json",
    "x-togai-client": CLIENT_ID,
    ...(!isBrowser && { "User-Agent": CLIENT_ID }),
    Authorization: `Bearer ${token}`,
  };
  const shared = {
    baseUrl: config.baseUrl,
    redirect: "manual" as const,
    querySerializer: serializeQuery,
    pathSerializer: serializePath,
  };
  const api = createCreditsFetchClient({
    ...shared,
    fetch: sendPlainRequest(config.fetch, headers),
    Request: PlainRequestClass,
  });
  const sendGet = api.GET as unknown as SendAny;
  const sendPost = api.POST as unknown as SendAny;
  const context = { config, timeouts: new AttemptTimeouts() };

  /** Sends one operation, with retries, and resolves with its parsed body. */
  function call<T>(
    method: Operation["method"],
    template: string,
    retry: RetryPolicy,
    params: { path?: Record<string, string>; query?: object },
    options: RequestOptions,
    extra: Partial<Operation> & { body?: unknown; bodySerializer?: () => string } = {},
  ): Promise<T> {
    const { check, body, bodySerializer } = extra;
    const send = method === "GET" ? sendGet : sendPost;
    const op: Operation = {
      method,
      get path() {
        return serializePath(template, params.path ?? {});
      },
      retry,
      ...(check && { check }),
      send: ({ signal, headers }) =>
        send(template, { params, parseAs: "text", signal, headers, body, bodySerializer }),
    };
    return execute<T>(context, op, options);
  }

  const byId =
    <T>(
      method: Operation["method"],
      template: string,
      name: string,
      argument: string,
      retry: RetryPolicy,
    ) =>
    (id: string, options?: RequestOptions) =>
      rejecting(() =>
        call<T>(
          method,
          template,
          retry,
          { path: { [name]: checkPathId(argument, id) } },
          checkRequestOptions(options),
        ),
      );

  const listPage: PageFetcher = (params, options, followed) =>
    call("GET", "/credits", "idempotent", { query: params }, options, {
      check: (page) => checkPage(page, followed),
    });

  const credits: CreditsResource = {
    create: (body, options) =>
      rejecting(async () => {
        const requestOptions = checkRequestOptions(options);
        const { body: sent, keys } = withIdempotencyKeys(checkCreateRequest(body));
        const serialized = JSON.stringify(sent);
        try {
          return await call<CreateCreditResponse>(
            "POST",
            "/credits",
            "idempotent",
            {},
            requestOptions,
            {
              body: sent,
              bodySerializer: () => serialized,
            },
          );
        } catch (error) {
          if (error instanceof TogaiError) error.idempotencyKeys = keys;
          throw error;
        }
      }),
    get: byId<CreditDetailsResponse>(
      "GET",
      "/credits/{credit_id}",
      "credit_id",
      "creditId",
      "idempotent",
    ),
    void: byId<Credit>("POST", "/credits/{credit_id}/void", "credit_id", "creditId", "unsafe"),
    list: (params, options) =>
      rejecting(() => listPage(checkListParams(params), checkRequestOptions(options), new Set())),
    pages: (params, options) =>
      walkPages(listPage, checkListParams(params), checkRequestOptions(options)),
    listAll: (params, options) =>
      walkItems(walkPages(listPage, checkListParams(params), checkRequestOptions(options))),
  };

  const accounts: AccountsResource = {
    creditBalance: byId<CreditBalanceResponse>(
      "GET",
      "/accounts/{account_id}/credit_balance",
      "account_id",
      "accountId",
      "idempotent",
    ),
  };

  return Object.freeze({
    credits: Object.freeze(credits),
    accounts: Object.freeze(accounts),
    raw: createCreditsFetchClient({
      ...shared,
      headers,
      ...(config.fetch && { fetch: config.fetch }),
    }),
    [Symbol.for("nodejs.util.inspect.custom")]: () =>
      `CreditsClient { baseUrl: '${config.baseUrl}' }`,
  });
}
