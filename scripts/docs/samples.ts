/**
 * The code samples of the API reference: for every operation, the call with this package's
 * client (TypeScript) and the same request with curl. The docs build writes them into the
 * bundled spec as `x-codeSamples`; test/docs/samples.test.ts type-checks every TypeScript sample
 * against the client, so a sample cannot drift from the API it shows.
 */
import { SERVERS } from "../../generated/spec-info.ts";

/** One entry of an operation's `x-codeSamples`, as Redoc reads it. */
export interface CodeSample {
  lang: "TypeScript" | "curl";
  label: string;
  source: string;
}

/** The two samples of one operation. */
export interface OperationSamples {
  /** A complete module: the import, the client's creation and the call. */
  typescript: string;
  /** The same request with curl, against the production server. */
  curl: string;
}

const CREDIT_ID = "creds.1znQx9jiIXw.r44fc";
const ACCOUNT_ID = "ACC00001";
const BASE_URL = SERVERS.production;

/** The credit request granted by the `createCredit` samples, in both languages. */
const CREDIT_REQUEST = {
  accountId: ACCOUNT_ID,
  purpose: "Prepaid Credit",
  effectiveFrom: "2023-02-04",
  creditAmount: 1000,
  priority: 1,
};

/** The lines every TypeScript sample starts with: the import and the client's creation. */
function preamble(extraImports: readonly string[] = []): string {
  const names = ["createCreditsClient", ...extraImports].join(", ");
  return [
    `import { ${names} } from "togai-credits";`,
    "",
    "// The token comes from TOGAI_API_TOKEN.",
    "const togai = createCreditsClient();",
    "",
  ].join("\n");
}

/** A curl command, one option a line, with the bearer token from the environment. */
function curl(method: "GET" | "POST", url: string, body?: unknown): string {
  const lines = [
    `curl -X ${method} "${url}"`,
    `  -H "Authorization: Bearer $TOGAI_API_TOKEN"`,
    `  -H "Accept: application/json"`,
  ];
  if (body !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    const json = JSON.stringify(body, null, 2).replaceAll("\n", "\n  ");
    lines.push(`  -d '${json}'`);
  }
  return lines.join(" \\\n");
}

/** Formats a JSON-compatible value as a TypeScript literal (unquoted keys, trailing commas). */
function tsLiteral(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item) => `${inner}${tsLiteral(item, inner)},`);
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([key, item]) => `${inner}${key}: ${tsLiteral(item, inner)},`,
    );
    return `{\n${entries.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The samples of every operation of the spec, by operationId. */
export const SAMPLES: Readonly<Record<string, OperationSamples>> = {
  createCredit: {
    typescript: `${preamble()}
// Requests without an idempotencyKey get a fresh one,
// so a retried call never grants twice.
const { credits } = await togai.credits.create({
  creditRequests: [
    ${tsLiteral(CREDIT_REQUEST, "    ")},
  ],
});
for (const credit of credits) {
  console.log(credit.id, credit.status);
}
`,
    curl: curl("POST", `${BASE_URL}/credits`, { creditRequests: [CREDIT_REQUEST] }),
  },

  listCredits: {
    typescript: `${preamble()}
// One page, and the token of the next one:
const page = await togai.credits.list({
  account_id: "${ACCOUNT_ID}",
  status: "ACTIVE",
  pageSize: 50,
});
console.log(page.data.length, page.nextToken);

// Every credit, across pages (nextToken followed for you):
for await (const credit of togai.credits.listAll({ status: "ACTIVE" })) {
  console.log(credit.id, credit.creditAmount);
}
`,
    curl: curl("GET", `${BASE_URL}/credits?account_id=${ACCOUNT_ID}&status=ACTIVE&pageSize=50`),
  },

  getCreditDetails: {
    typescript: `${preamble()}
const credit = await togai.credits.get("${CREDIT_ID}");
console.log(credit.status, credit.transactions.length);
`,
    curl: curl("GET", `${BASE_URL}/credits/${CREDIT_ID}`),
  },

  voidCredit: {
    typescript: `${preamble(["BadRequestError"])}
try {
  const credit = await togai.credits.void("${CREDIT_ID}");
  console.log(credit.status); // "VOIDED"
} catch (error) {
  // 400: the credit was already void.
  if (error instanceof BadRequestError) console.error(error.message);
  else throw error;
}
`,
    curl: curl("POST", `${BASE_URL}/credits/${CREDIT_ID}/void`),
  },

  CreditBalanceForAccount: {
    typescript: `${preamble()}
const balance = await togai.accounts.creditBalance("${ACCOUNT_ID}");
console.log(balance.availableBalance, balance.unit);
`,
    curl: curl("GET", `${BASE_URL}/accounts/${ACCOUNT_ID}/credit_balance`),
  },
};

/**
 * The `x-codeSamples` of one operation: TypeScript first, then curl.
 * Throws when the operation has no samples, so a new operation cannot ship without them.
 */
export function codeSamplesFor(operationId: string): CodeSample[] {
  const samples = SAMPLES[operationId];
  if (!samples) {
    throw new Error(`No code samples for operation "${operationId}" in scripts/docs/samples.ts`);
  }
  return [
    { lang: "TypeScript", label: "TypeScript", source: samples.typescript },
    { lang: "curl", label: "curl", source: samples.curl },
  ];
}
