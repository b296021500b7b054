/** Every format the validators enforce; a generated table imports those it uses. */
export { date } from "./date.js";
export { dateTime } from "./date-time.js";
export { duration } from "./duration.js";
export { time } from "./time.js";
export { email, hostname, ipv4, ipv6 } from "./internet.js";
export { double, float, int32, int64 } from "./numbers.js";
export { uri, uriReference } from "./uri.js";
export { uuid } from "./uuid.js";
