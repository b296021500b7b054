export type * from "../generated/credits.js";
export { API_VERSION } from "../generated/spec-info.js";
