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
import type { ResolvedConfig } from "./config.js";
import { TogaiError } from "./errors.js";
import { withIdempotencyKeys } from "./idempotency.js";
import type { ClientOptions, PaginationOptions, RequestOptions } from "./options.js";
import { walkItems, walkPages } from "./pagination.js";
import { execute } from "./request.js";
import { AttemptTimeouts } from "./timeout.js";
import type { Operation } from "./request.js";
import {
  PlainRequestClass,
  fetchFor,
  sendPlainRequest,
  serializePath,
  serializeQuery,
} from "./transport.js";
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

function defaultHeaders(config: ResolvedConfig, token: string): Record<string, string> {
  return {
    ...config.headers,
    Accept: "application/json",
    "x-togai-client": CLIENT_ID,
    ...(!isBrowser && { "User-Agent": CLIENT_ID }),
    Authorization: `Bearer ${token}`,
  };
}

function checkList(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.data)) return "the page has no `data` array";
  if (body.nextToken !== undefined && typeof body.nextToken !== "string") {
    return "the page's nextToken is not a string";
  }
  return undefined;
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
  const shared = {
    baseUrl: config.baseUrl,
    headers: defaultHeaders(config, token),
    redirect: "manual" as const,
    querySerializer: serializeQuery,
    pathSerializer: serializePath,
  };
  const api = createCreditsFetchClient({
    ...shared,
    fetch: sendPlainRequest(config.fetch),
    Request: PlainRequestClass,
  });
  const raw = createCreditsFetchClient({ ...shared, fetch: fetchFor(config.fetch) });

  const timeouts = new AttemptTimeouts();
  const run = <T>(op: Operation, options: RequestOptions) =>
    execute<T>(config, timeouts, op, options);

  const listPage = (params: ListCreditsParams, options: RequestOptions) =>
    run<ListCreditsResponse>(
      {
        method: "GET",
        path: "/credits",
        retry: "idempotent",
        check: checkList,
        send: (init) =>
          api.GET("/credits", { params: { query: params }, parseAs: "text", ...init }),
      },
      options,
    );

  const credits: CreditsResource = {
    async create(body, options) {
      const requestOptions = checkRequestOptions(options);
      const { body: sent, keys } = withIdempotencyKeys(checkCreateRequest(body));
      const serialized = JSON.stringify(sent);
      try {
        const answer = await run<CreateCreditResponse>(
          {
            method: "POST",
            path: "/credits",
            retry: "idempotent",
            send: (init) =>
              api.POST("/credits", {
                body: sent,
                bodySerializer: () => serialized,
                parseAs: "text",
                ...init,
              }),
          },
          requestOptions,
        );
        return answer.body;
      } catch (error) {
        if (error instanceof TogaiError) error.idempotencyKeys = keys;
        throw error;
      }
    },

    async get(creditId, options) {
      const id = checkPathId("creditId", creditId);
      const answer = await run<CreditDetailsResponse>(
        {
          method: "GET",
          path: `/credits/${encodeURIComponent(id)}`,
          retry: "idempotent",
          send: (init) =>
            api.GET("/credits/{credit_id}", {
              params: { path: { credit_id: id } },
              parseAs: "text",
              ...init,
            }),
        },
        checkRequestOptions(options),
      );
      return answer.body;
    },

    async void(creditId, options) {
      const id = checkPathId("creditId", creditId);
      const answer = await run<Credit>(
        {
          method: "POST",
          path: `/credits/${encodeURIComponent(id)}/void`,
          retry: "unsafe",
          send: (init) =>
            api.POST("/credits/{credit_id}/void", {
              params: { path: { credit_id: id } },
              parseAs: "text",
              ...init,
            }),
        },
        checkRequestOptions(options),
      );
      return answer.body;
    },

    async list(params, options) {
      const answer = await listPage(checkListParams(params), checkRequestOptions(options));
      return answer.body;
    },

    pages(params, options) {
      return walkPages(listPage, checkListParams(params), checkRequestOptions(options));
    },

    listAll(params, options) {
      return walkItems(walkPages(listPage, checkListParams(params), checkRequestOptions(options)));
    },
  };

  const accounts: AccountsResource = {
    async creditBalance(accountId, options) {
      const id = checkPathId("accountId", accountId);
      const answer = await run<CreditBalanceResponse>(
        {
          method: "GET",
          path: `/accounts/${encodeURIComponent(id)}/credit_balance`,
          retry: "idempotent",
          send: (init) =>
            api.GET("/accounts/{account_id}/credit_balance", {
              params: { path: { account_id: id } },
              parseAs: "text",
              ...init,
            }),
        },
        checkRequestOptions(options),
      );
      return answer.body;
    },
  };

  return Object.freeze({
    credits: Object.freeze(credits),
    accounts: Object.freeze(accounts),
    raw,
    [Symbol.for("nodejs.util.inspect.custom")]: () =>
      `CreditsClient { baseUrl: '${config.baseUrl}' }`,
  });
}
