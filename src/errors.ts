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
  statusText?: string;
  body: unknown;
  headers: Headers;
  method: string;
  path: string;
  retryAfterMs?: number | undefined;
  /** Overrides the message's description (after the status). */
  description?: string;
}

function describe({ status, body, headers, statusText, description }: ApiErrorDetails): string {
  if (description) return description;
  if (status >= 300 && status < 400) {
    return `redirect to ${headers.get("location") ?? "(no Location)"} not followed`;
  }
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === "string" && message) return message.slice(0, 500);
  // An empty statusText (HTTP/2 has none) must fall back too, so `||`, not `??`.
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
  return statusText || "HTTP error";
}

/**
 * The API answered with a status other than 2xx. Subclasses name the well-known statuses.
 * `message` is `"<METHOD> <path> <status>: <the body's message, or a short description>"`.
 */
export class TogaiApiError extends TogaiError {
  override name = "TogaiApiError";
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The answer's body: parsed JSON (an `ErrorResponse` from the API), or the raw text. */
  declare readonly body: unknown;
  /** The answer's headers. */
  declare readonly headers: Headers;
  /** The request's method. */
  declare readonly method: string;
  /** The request's path, without origin or query. */
  declare readonly path: string;
  /** The `x-request-id` header of the answer, when present: quote it to Togai support. */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait before retrying (`retry-after-ms` or `Retry-After`), in ms. */
  declare readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    super(`${details.method} ${details.path} ${details.status}: ${describe(details)}`);
    const { status, body, headers, method, path, retryAfterMs } = details;
    const requestId = headers.get("x-request-id") ?? undefined;
    Object.assign(this, { status, body, headers, method, path, requestId, retryAfterMs });
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
 * a JSON object, a page without `data`), or a listing that hands back a `nextToken` already
 * followed. Never retried.
 */
export class UnexpectedResponseError extends TogaiApiError {
  override name = "UnexpectedResponseError";
}

const ERROR_BY_STATUS: Readonly<Record<number, typeof TogaiApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

/** Builds the error class that matches an answer's status. */
export function apiErrorFor(details: ApiErrorDetails): TogaiApiError {
  const ErrorClass =
    ERROR_BY_STATUS[details.status] ??
    (details.status >= 500 ? InternalServerError : TogaiApiError);
  return new ErrorClass(details);
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

  /**
   * @param argument - The argument at fault, e.g. `"params.pageSize"` or `"creditId"`.
   * @param rule - The rule it breaks, e.g. `"must be an integer from 1 to 50"`.
   */
  constructor(
    readonly argument: string,
    rule: string,
  ) {
    super(`${argument}: ${rule}`);
  }
}

/** The client's configuration is unusable: no token, a malformed `baseUrl`, plain `http:` off loopback. */
export class TogaiConfigError extends TogaiError {
  override name = "TogaiConfigError";
}
