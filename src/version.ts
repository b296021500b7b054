/** This package's version (package.json `version`), sent in `User-Agent` and `x-togai-client`. */
export const VERSION = "0.1.0";

/** How the client identifies itself to the API. */
export const CLIENT_ID = `togai-credits/${VERSION}`;
