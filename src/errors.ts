/**
 * The base class of every error this client raises.
 *
 * @example
 * try { await togai.credits.get(id) } catch (error) { if (error instanceof TogaiError) … }
 */
export class TogaiError extends Error {
  override name = "TogaiError";
  /**
   * On errors raised by `credits.create`: the idempotency key of every credit request sent,
   * in request order. Retrying later with these keys cannot grant a credit twice.
   */
  idempotencyKeys?: readonly string[];
}

/** What a non-2xx answer carried, as given to {@link TogaiApiError}. */
export interface ApiErrorDetails {
  status: number;
  body: unknown;
  headers: Headers;
  method: string;
  path: string;
  retryAfterMs?: number | undefined;
  /** Overrides the message's description (after the status). */
  description?: string;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const MAX_MESSAGE_LENGTH = 500;

function describe(details: ApiErrorDetails): string {
  if (details.description !== undefined) return details.description;
  const { body, status } = details;
  if (status >= 300 && status < 400) {
    const location = details.headers.get("location");
    return location === null ? "redirect not followed" : `redirect to ${location} not followed`;
  }
  if (typeof body === "object" && body !== null && "message" in body) {
    const { message } = body;
    if (typeof message === "string" && message !== "") return message.slice(0, MAX_MESSAGE_LENGTH);
  }
  return STATUS_TEXT[status] ?? (status >= 500 ? "Server Error" : "Unexpected Status");
}

/**
 * The API answered with a status other than 2xx. Subclasses name the well-known statuses.
 * `message` is `"<METHOD> <path> <status>: <the body's message, or a short description>"`.
 */
export class TogaiApiError extends TogaiError {
  override name = "TogaiApiError";
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The answer's body: parsed JSON (an `ErrorResponse` from the API), or the raw text. */
  readonly body: unknown;
  /** The answer's headers. */
  readonly headers: Headers;
  /** The request's method. */
  readonly method: string;
  /** The request's path, without origin or query. */
  readonly path: string;
  /** The `x-request-id` header of the answer, when present: quote it to Togai support. */
  readonly requestId: string | undefined;
  /** How long the server asked to wait before retrying (`retry-after-ms` or `Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    super(`${details.method} ${details.path} ${String(details.status)}: ${describe(details)}`);
    this.status = details.status;
    this.body = details.body;
    this.headers = details.headers;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.headers.get("x-request-id") ?? undefined;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 400: the API rejected the input. */
export class BadRequestError extends TogaiApiError {
  override name = "BadRequestError";
}

/** 401: the token is missing or invalid. */
export class AuthenticationError extends TogaiApiError {
  override name = "AuthenticationError";
}

/** 403: the token has no access to this resource. */
export class PermissionDeniedError extends TogaiApiError {
  override name = "PermissionDeniedError";
}

/** 404: no resource has this id. */
export class NotFoundError extends TogaiApiError {
  override name = "NotFoundError";
}

/** 429: the rate limit is exceeded. Retried automatically; raised when retries run out. */
export class RateLimitError extends TogaiApiError {
  override name = "RateLimitError";
}

/** 5xx: the API failed. 500, 502, 503 and 504 are retried automatically. */
export class InternalServerError extends TogaiApiError {
  override name = "InternalServerError";
}

/**
 * A 2xx answer that is not what the operation promises (an empty body, a body that is not
 * JSON, a page without `data`), or a listing that hands back a `nextToken` already followed.
 * Never retried.
 */
export class UnexpectedResponseError extends TogaiApiError {
  override name = "UnexpectedResponseError";
}

/** Builds the error class that matches an answer's status. */
export function apiErrorFor(details: ApiErrorDetails): TogaiApiError {
  const { status } = details;
  if (status === 400) return new BadRequestError(details);
  if (status === 401) return new AuthenticationError(details);
  if (status === 403) return new PermissionDeniedError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 429) return new RateLimitError(details);
  if (status >= 500) return new InternalServerError(details);
  return new TogaiApiError(details);
}

/** No answer came: the connection was refused or reset, or the host was not found. See `cause`. */
export class TogaiConnectionError extends TogaiError {
  override name = "TogaiConnectionError";
}

/** An attempt ran past `timeoutMs`, waiting for the headers or reading the body. */
export class TogaiTimeoutError extends TogaiConnectionError {
  override name = "TogaiTimeoutError";
}

/** Bad input, caught before any request was sent. `argument` names the input at fault. */
export class TogaiValidationError extends TogaiError {
  override name = "TogaiValidationError";
  /** The argument at fault, e.g. `"params.pageSize"` or `"creditId"`. */
  readonly argument: string;

  constructor(argument: string, rule: string) {
    super(`${argument}: ${rule}`);
    this.argument = argument;
  }
}

/** The client's configuration is unusable: no token, a malformed `baseUrl`, plain `http:` off loopback. */
export class TogaiConfigError extends TogaiError {
  override name = "TogaiConfigError";
}
