import type { CreateCreditRequest } from "../generated/credits.js";

/**
 * Copies a grant request and gives every credit request without an `idempotencyKey` a fresh
 * `crypto.randomUUID()`, keeping the caller's own keys. The caller's object is not changed.
 * Sent unchanged on every attempt, the keys make `createCredit` safe to retry.
 */
export function withIdempotencyKeys(body: CreateCreditRequest): {
  body: CreateCreditRequest;
  keys: string[];
} {
  const creditRequests = body.creditRequests.map((request) => ({
    ...request,
    idempotencyKey: request.idempotencyKey ?? crypto.randomUUID(),
  }));
  return {
    body: { ...body, creditRequests },
    keys: creditRequests.map((request) => request.idempotencyKey),
  };
}
