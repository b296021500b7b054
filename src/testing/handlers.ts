/**
 * What the mock answers when no fault is injected: bearer auth, routing errors, request
 * validation against the operation table, then the operation's stateful handler, or, for an
 * operation that has none, the spec's example answer.
 */
import { EXAMPLES } from "../../generated/examples.js";
import { mediaKind } from "../answers.js";
import type { CreateCreditRequest, CreditStatus } from "../../generated/credits.js";
import { errorReply, type Reply } from "./reply.js";
import type { Routed } from "./routes.js";
import type { CreditStore } from "./store.js";
import { decodeNextToken, encodeNextToken } from "./tokens.js";
import type { OperationId, RecordedRequest } from "./types.js";
import { checkRequest, missingBodyMessage, type ValidRequest } from "./validate-request.js";

/** A request as the handlers see it. */
export interface HandlerRequest {
  method: string;
  path: string;
  query: string;
  headers: RecordedRequest["headers"];
  body: string;
}

/** A stateful handler: turns a validated request into a reply, reading and changing the store. */
type Handler = (request: ValidRequest, store: CreditStore) => Reply;

const createCredit: Handler = (request, store) => {
  // The spec leaves the body optional, but there is nothing to grant without one.
  if (request.body === undefined) return errorReply(400, missingBodyMessage("createCredit"));
  const now = store.now();
  const { creditRequests } = request.body as CreateCreditRequest;
  const credits = creditRequests.map((credit) => store.grant(credit, now));
  return { status: 200, body: { credits } };
};

const listCredits: Handler = (request, store) => {
  const { status, account_id, id, pageSize, nextToken } = request.query as {
    status?: CreditStatus;
    account_id?: string;
    id?: string;
    pageSize: number;
    nextToken?: string;
  };
  let before: number | undefined;
  if (nextToken !== undefined) {
    const lastItemId = decodeNextToken(nextToken);
    before = lastItemId === undefined ? undefined : store.seqOf(lastItemId);
    if (before === undefined) return errorReply(400, "nextToken: is not a valid token");
  }
  const page = store.page({ status, accountId: account_id, id }, pageSize, before);
  const body =
    page.lastIdWhenMore === undefined
      ? { data: page.data }
      : { data: page.data, nextToken: encodeNextToken(page.lastIdWhenMore) };
  return { status: 200, body };
};

const getCreditDetails: Handler = (request, store) => {
  const id = String(request.params.credit_id);
  const details = store.details(id);
  return details === undefined
    ? errorReply(404, `Credit not found: ${id}`)
    : { status: 200, body: details };
};

const voidCredit: Handler = (request, store) => {
  const id = String(request.params.credit_id);
  const outcome = store.void(id);
  switch (outcome.kind) {
    case "voided":
      return { status: 200, body: outcome.credit };
    case "notFound":
      return errorReply(404, `Credit not found: ${id}`);
    case "alreadyVoided":
      return errorReply(400, `Credit already voided: ${id}`);
  }
};

const creditBalanceForAccount: Handler = (request, store) => {
  const accountId = String(request.params.account_id);
  const balance = store.balance(accountId);
  return balance === undefined
    ? errorReply(404, `Account not found: ${accountId}`)
    : { status: 200, body: balance };
};

/** The operations the mock keeps state for; any other operation answers its example. */
const HANDLERS: Partial<Record<OperationId, Handler>> = {
  createCredit,
  listCredits,
  getCreditDetails,
  voidCredit,
  CreditBalanceForAccount: creditBalanceForAccount,
};

/**
 * Test hook: takes the stateful handler of `operationId` away, so the operation is answered as
 * one without a handler (its example). Returns the function that puts the handler back.
 */
export function withoutHandler(operationId: OperationId): () => void {
  const handler = HANDLERS[operationId];
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a test hook, undone below
  delete HANDLERS[operationId];
  return () => {
    if (handler !== undefined) HANDLERS[operationId] = handler;
  };
}

/**
 * The answer of an operation without a stateful handler: its first declared 2xx, with the
 * spec's example in its media type (`201` and its JSON example, `204` with no body, `text/csv`
 * with its example text), or a 500 that says the spec has no example of a body it declares.
 */
export function exampleReply(operationId: string): Reply {
  const { response, responseStatus, responseType } = EXAMPLES[operationId] ?? {};
  if (responseStatus !== undefined && responseType === undefined) {
    return { status: responseStatus, body: undefined, contentType: null };
  }
  if (response === undefined || responseStatus === undefined || responseType === undefined) {
    return errorReply(
      500,
      `Mock: ${operationId} has no handler and the spec has no example of its answer`,
    );
  }
  if (mediaKind(responseType) === "json") {
    return { status: responseStatus, body: structuredClone(response) };
  }
  const text = typeof response === "string" ? response : JSON.stringify(response);
  return { status: responseStatus, body: text, contentType: responseType };
}

const BEARER = /^bearer +(\S+) *$/i;

/** The 401 answer for a request without `Authorization: Bearer <token>`, or `undefined`. */
export function checkAuth(headers: RecordedRequest["headers"], token: string): Reply | undefined {
  const authorization = headers.authorization;
  if (authorization === undefined) {
    return errorReply(401, "Unauthorized: missing bearer token", { "www-authenticate": "Bearer" });
  }
  if (typeof authorization !== "string" || BEARER.exec(authorization)?.[1] !== token) {
    return errorReply(401, "Unauthorized: invalid bearer token", {
      "www-authenticate": 'Bearer error="invalid_token"',
    });
  }
  return undefined;
}

/**
 * The normal answer to a request: auth first, then a routing error, or the request validated and
 * answered by its operation's handler (its example when it has none).
 */
export function handle(
  request: HandlerRequest,
  routed: Routed,
  store: CreditStore,
  token: string,
): Reply {
  const unauthorized = checkAuth(request.headers, token);
  if (unauthorized !== undefined) return unauthorized;
  switch (routed.kind) {
    case "operation": {
      const checked = checkRequest(routed.operationId, {
        query: request.query,
        params: routed.params,
        headers: request.headers,
        contentType: [request.headers["content-type"] ?? []].flat().join(", ") || undefined,
        body: request.body,
      });
      if (!checked.ok) return errorReply(checked.status, checked.message);
      const handler = HANDLERS[routed.operationId];
      return handler === undefined
        ? exampleReply(routed.operationId)
        : handler(checked.value, store);
    }
    case "notFound":
      return errorReply(404, `No such route: ${request.method} ${request.path}`);
    case "methodNotAllowed":
      return errorReply(405, `Method not allowed: ${request.method} ${request.path}`, {
        allow: routed.allow.join(", "),
      });
    case "badPath":
      return errorReply(400, routed.message);
  }
}
