/**
 * togai-credits: a typed client of the Togai Credits API.
 *
 * @packageDocumentation
 */
export { createCreditsClient } from "./client.js";
// The client's surface (one interface per group, each operation's query type) and every model
// type the spec names (`Credit`, `CreditRequest`, …), as generated from it.
export * from "../generated/resources.js";
export type {
  BackoffOptions,
  ClientOptions,
  Logger,
  PaginationOptions,
  RequestOptions,
} from "./options.js";
export { createRateLimiter } from "./rate-limit.js";
export type { RateLimiter, RateLimitOptions } from "./rate-limit.js";
export { ENVIRONMENTS } from "./environments.js";
export type { Environment } from "./environments.js";
export {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TogaiApiError,
  TogaiConfigError,
  TogaiConnectionError,
  TogaiError,
  TogaiTimeoutError,
  TogaiValidationError,
  UnexpectedResponseError,
} from "./errors.js";
export type { ApiErrorDetails } from "./errors.js";
export { VERSION } from "./version.js";
export { API_VERSION } from "../generated/spec-info.js";
export type { components, operations, paths } from "../generated/credits.js";
export type { CreditsFetchClient } from "../generated/client.js";
