/**
 * What the mock server answers when no fault is injected: bearer auth, routing errors, and one
 * handler per operation of the spec, each turning a request into a {@link Reply}.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { CreditStatus } from "../../generated/credits.ts";
import { errorReply, type Reply } from "./reply.ts";
import type { Routed } from "./routes.ts";
import type { CreditStore } from "./store.ts";
import { decodeNextToken, encodeNextToken } from "./tokens.ts";
import type { OperationId } from "./types.ts";
import { checkCreateCreditBody, checkParameters } from "./validate-request.ts";

/** A request as the handlers see it. */
export interface HandlerRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (
  request: HandlerRequest,
  params: Record<string, string>,
  store: CreditStore,
) => Reply;

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

const createCredit: Handler = (request, _params, store) => {
  if (request.body !== "" && !isJson(request.headers["content-type"])) {
    return errorReply(415, "Content-Type: must be application/json");
  }
  const checked = checkCreateCreditBody(request.body);
  if (!checked.ok) return errorReply(400, checked.message);
  const now = new Date();
  const credits = checked.value.creditRequests.map((credit) => store.grant(credit, now));
  return { status: 200, body: { credits } };
};

const listCredits: Handler = (request, _params, store) => {
  const checked = checkParameters("listCredits", new URLSearchParams(request.query), {});
  if (!checked.ok) return errorReply(400, checked.message);
  const { status, account_id, id, pageSize, nextToken } = checked.value as {
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

const getCreditDetails: Handler = (_request, params, store) => {
  const id = params.credit_id ?? "";
  const details = store.details(id);
  return details === undefined
    ? errorReply(404, `Credit not found: ${id}`)
    : { status: 200, body: details };
};

const voidCredit: Handler = (_request, params, store) => {
  const id = params.credit_id ?? "";
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

const creditBalanceForAccount: Handler = (_request, params, store) => {
  const checked = checkParameters("CreditBalanceForAccount", new URLSearchParams(), params);
  if (!checked.ok) return errorReply(400, checked.message);
  const accountId = params.account_id ?? "";
  const balance = store.balance(accountId);
  return balance === undefined
    ? errorReply(404, `Account not found: ${accountId}`)
    : { status: 200, body: balance };
};

const HANDLERS: Record<OperationId, Handler> = {
  createCredit,
  listCredits,
  getCreditDetails,
  voidCredit,
  CreditBalanceForAccount: creditBalanceForAccount,
};

const BEARER = /^bearer +(\S+) *$/i;

/** The 401 answer for a request without `Authorization: Bearer <token>`, or `undefined`. */
export function checkAuth(headers: IncomingHttpHeaders, token: string): Reply | undefined {
  const authorization = headers.authorization;
  if (authorization === undefined) {
    return errorReply(401, "Unauthorized: missing bearer token", { "www-authenticate": "Bearer" });
  }
  if (BEARER.exec(authorization)?.[1] !== token) {
    return errorReply(401, "Unauthorized: invalid bearer token", {
      "www-authenticate": 'Bearer error="invalid_token"',
    });
  }
  return undefined;
}

/** The normal answer to a request: auth first, then the route's handler or a routing error. */
export function handle(
  request: HandlerRequest,
  routed: Routed,
  store: CreditStore,
  token: string,
): Reply {
  const unauthorized = checkAuth(request.headers, token);
  if (unauthorized !== undefined) return unauthorized;
  switch (routed.kind) {
    case "operation":
      return HANDLERS[routed.operationId](request, routed.params, store);
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
