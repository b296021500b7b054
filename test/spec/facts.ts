/**
 * The wire facts of the Credits API, transcribed from ../shared/reference/credits-api-facts.md.
 * The conformance tests hold openapi/credits.yaml to exactly these facts: a fact missing from
 * the spec, or a property or limit the spec adds, fails a test that names it.
 */

/** The expected shape of a schema: a keyword absent here must be absent from the spec too. */
export interface SchemaFact {
  /** A reference to this named schema under components/schemas, instead of an inline schema. */
  ref?: string;
  type?: "string" | "number" | "integer" | "array" | "object";
  format?: "date" | "date-time";
  enum?: readonly string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: SchemaFact;
}

/** The keywords compared between a {@link SchemaFact} and the spec's schema. */
export const CONSTRAINT_KEYWORDS = [
  "format",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "default",
  "minItems",
  "maxItems",
  "uniqueItems",
  "nullable",
] as const;

/** An object model: its exact properties, its required list and the schema it builds on. */
export interface ObjectModelFact {
  kind: "object";
  properties: Record<string, SchemaFact>;
  required: readonly string[];
  /** The named schema this one extends with `allOf`, and the properties it adds to it. */
  extends?: { base: string; adds: readonly string[] };
}

/** An enum model: a named string schema with exactly these values. */
export interface EnumModelFact {
  kind: "enum";
  values: readonly string[];
}

export const CREDIT_STATUSES = ["ACTIVE", "CONSUMED", "EXPIRED", "VOIDED"] as const;
export const CREDIT_TRANSACTION_TYPES = ["CREDITED", "DEBITED", "EXPIRED", "VOIDED"] as const;

const creditRequestProperties: Record<string, SchemaFact> = {
  accountId: { type: "string" },
  purpose: { type: "string" },
  applicableEntityIds: { type: "array", uniqueItems: true, items: { type: "string" } },
  effectiveFrom: { type: "string", format: "date" },
  effectiveUntil: { type: "string", format: "date" },
  creditAmount: { type: "number" },
  priority: { type: "integer" },
  grantorId: { type: "string" },
  idempotencyKey: { type: "string" },
};
const creditRequestRequired = ["accountId", "purpose", "effectiveFrom", "priority"];

const creditOwnProperties: Record<string, SchemaFact> = {
  id: { type: "string", maxLength: 50 },
  customerId: { type: "string" },
  status: { ref: "CreditStatus" },
  creditUnit: { type: "string" },
  holdAmount: { type: "number" },
  consumedAmount: { type: "number" },
  createdAt: { type: "string", format: "date-time" },
  updatedAt: { type: "string", format: "date-time" },
};
const creditOwnRequired = ["id", "customerId", "status", "createdAt"];

/** Every model of the facts sheet, by schema name. */
export const MODELS: Record<string, ObjectModelFact | EnumModelFact> = {
  CreditStatus: { kind: "enum", values: CREDIT_STATUSES },
  CreditTransactionType: { kind: "enum", values: CREDIT_TRANSACTION_TYPES },
  CreditRequest: {
    kind: "object",
    properties: creditRequestProperties,
    required: creditRequestRequired,
  },
  CreateCreditRequest: {
    kind: "object",
    properties: { creditRequests: { type: "array", items: { ref: "CreditRequest" } } },
    required: ["creditRequests"],
  },
  CreateCreditResponse: {
    kind: "object",
    properties: { credits: { type: "array", items: { ref: "Credit" } } },
    required: ["credits"],
  },
  Credit: {
    kind: "object",
    properties: { ...creditRequestProperties, ...creditOwnProperties },
    required: [...creditRequestRequired, ...creditOwnRequired],
    extends: { base: "CreditRequest", adds: Object.keys(creditOwnProperties) },
  },
  CreditDetailsResponse: {
    kind: "object",
    properties: {
      ...creditRequestProperties,
      ...creditOwnProperties,
      transactions: { type: "array", items: { ref: "CreditTransaction" } },
    },
    required: [...creditRequestRequired, ...creditOwnRequired, "transactions"],
    extends: { base: "Credit", adds: ["transactions"] },
  },
  CreditTransaction: {
    kind: "object",
    properties: {
      id: { type: "string", maxLength: 50 },
      creditId: { type: "string" },
      transactionType: { ref: "CreditTransactionType" },
      invoiceId: { type: "string" },
      entityId: { type: "string" },
      amount: { type: "number" },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "creditId", "transactionType", "amount", "createdAt"],
  },
  CreditBalanceResponse: {
    kind: "object",
    properties: {
      activeCredits: { type: "number" },
      availableBalance: { type: "number" },
      runningBalance: { type: "number" },
      inapplicableCredits: { type: "number" },
      unit: { type: "string" },
      lastUpdatedAt: { type: "string", format: "date-time" },
    },
    required: [
      "activeCredits",
      "availableBalance",
      "runningBalance",
      "inapplicableCredits",
      "unit",
      "lastUpdatedAt",
    ],
  },
  ListCreditsResponse: {
    kind: "object",
    properties: {
      data: { type: "array", maxItems: 50, items: { ref: "Credit" } },
      nextToken: { type: "string", maxLength: 500 },
    },
    required: ["data"],
  },
  ErrorResponse: {
    kind: "object",
    properties: { message: { type: "string", maxLength: 500 } },
    required: ["message"],
  },
};

/** A parameter of an operation; its schema is compared once references are followed. */
export interface ParameterFact {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: SchemaFact;
}

/** An operation of the facts sheet. */
export interface OperationFact {
  operationId: string;
  method: "get" | "post";
  path: string;
  summary: string;
  parameters: readonly ParameterFact[];
  /** The JSON request body's schema and whether the body is required; absent: no body. */
  requestBody?: { schema: string; required: boolean };
  /** The schema of the 200 response's JSON body. */
  response: string;
}

const creditIdParameter: ParameterFact = {
  name: "credit_id",
  in: "path",
  required: true,
  schema: { type: "string" },
};

/** The five operations, all tagged `Credits`. */
export const OPERATIONS: readonly OperationFact[] = [
  {
    operationId: "createCredit",
    method: "post",
    path: "/credits",
    summary: "Grant credit",
    parameters: [],
    requestBody: { schema: "CreateCreditRequest", required: false },
    response: "CreateCreditResponse",
  },
  {
    operationId: "CreditBalanceForAccount",
    method: "get",
    path: "/accounts/{account_id}/credit_balance",
    summary: "Credit balance for Account",
    parameters: [
      { name: "account_id", in: "path", required: true, schema: { type: "string", maxLength: 50 } },
    ],
    response: "CreditBalanceResponse",
  },
  {
    operationId: "getCreditDetails",
    method: "get",
    path: "/credits/{credit_id}",
    summary: "Get credit details",
    parameters: [creditIdParameter],
    response: "CreditDetailsResponse",
  },
  {
    operationId: "listCredits",
    method: "get",
    path: "/credits",
    summary: "List credits",
    parameters: [
      { name: "nextToken", in: "query", required: false, schema: { type: "string" } },
      // Upstream types this filter as a free string; the spec resolves the inconsistency by
      // typing it with the credit statuses (see the parameter's description).
      { name: "status", in: "query", required: false, schema: { ref: "CreditStatus" } },
      { name: "account_id", in: "query", required: false, schema: { type: "string" } },
      { name: "id", in: "query", required: false, schema: { type: "string" } },
      {
        name: "pageSize",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: 50, default: 50 },
      },
    ],
    response: "ListCreditsResponse",
  },
  {
    operationId: "voidCredit",
    method: "post",
    path: "/credits/{credit_id}/void",
    summary: "Void credit",
    parameters: [creditIdParameter],
    response: "Credit",
  },
];

/** The error statuses every operation answers, each with an `ErrorResponse` body. */
export const ERROR_STATUSES = ["400", "401", "403", "404", "429", "default"] as const;

/** The servers, by the environment their description names. */
export const SERVERS = {
  production: "https://api.togai.com",
  sandbox: "https://sandbox-api.togai.com",
} as const;
