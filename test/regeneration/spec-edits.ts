/**
 * The additive changes a regenerator makes to openapi/credits.yaml, as edits of the YAML
 * document: each is what an engineer would write by hand in the spec, lint-clean (descriptions
 * and examples everywhere redocly.yaml asks for them), and nothing else.
 */
import {
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type ToStringOptions,
} from "yaml";

/** The spec, relative to the repository root: the only file the suite edits. */
export const SPEC = "openapi/credits.yaml";

/** How the edited spec is written: long lines left unfolded, `[a, b]` flow lists. */
export const SPEC_FORMAT: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

/**
 * `value` as a YAML node written in the spec's style: dates and date-times quoted (as the
 * spec quotes them, so that no YAML 1.1 reader takes them for timestamps) and lists of
 * scalars in flow style (`[Credits]`).
 */
function specNode(document: Document, value: unknown): Node {
  const node = document.createNode(value, { aliasDuplicateObjects: false });
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === "string" && /^\d{4}-\d{2}-\d{2}/u.test(scalar.value)) {
        scalar.type = "QUOTE_DOUBLE";
      }
    },
    Seq(_key, seq) {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
  });
  return node;
}

/** One additive change: what it is, and how it is written into the spec. */
export interface SpecEdit {
  change: string;
  edit: (document: Document) => void;
}

/** The answer the spec gives as the example of the new operation, `listCreditTransactions`. */
export const TRANSACTIONS_EXAMPLE = {
  data: [
    {
      id: "credtxn.1znQx9jiIXw.a1b2c",
      creditId: "creds.1znQx9jiIXw.r44fc",
      transactionType: "CREDITED",
      amount: 1000,
      createdAt: "2023-02-04T10:15:30Z",
    },
    {
      id: "credtxn.1znQx9jiIXw.d3e4f",
      creditId: "creds.1znQx9jiIXw.r44fc",
      transactionType: "DEBITED",
      invoiceId: "inv.1znQx9jiIXw.0aB1c",
      entityId: "umg.1znQx9jiIXw.r44fc",
      amount: 200,
      createdAt: "2023-03-01T08:00:00Z",
    },
  ],
};

/** The new page size limit of `listCredits` (it was 50). */
export const PAGE_SIZE_MAXIMUM = 100;

/** The pattern of the new `CreditRequest.reference` field. */
export const REFERENCE_PATTERN = "^REF-[0-9]+$";

/** The path of the new operation. */
export const TRANSACTIONS_PATH = "/credits/{credit_id}/transactions";

const LIST_PARAMETERS = ["paths", "/credits", "get", "parameters"];

/** The index of `listCredits`' query parameter `name` in its `parameters` list. */
function listParameterIndex(document: Document, name: string): number {
  const parameters = document.getIn(LIST_PARAMETERS);
  if (!isSeq(parameters)) throw new Error("listCredits has no parameters list");
  const index = parameters.items.findIndex((item) => isMap(item) && item.get("name") === name);
  if (index === -1) throw new Error(`listCredits has no parameter ${name}`);
  return index;
}

/** The errors every operation of the spec answers, by status. */
const ERROR_RESPONSES = {
  "400": { $ref: "#/components/responses/BadRequest" },
  "401": { $ref: "#/components/responses/Unauthorized" },
  "403": { $ref: "#/components/responses/Forbidden" },
  "404": { $ref: "#/components/responses/NotFound" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
  default: { $ref: "#/components/responses/Error" },
};

/** The spec edits, all applied at once to one copy of the repository. */
export const SPEC_EDITS: readonly SpecEdit[] = [
  {
    change: "a new query filter",
    edit(document) {
      document.addIn(
        LIST_PARAMETERS,
        specNode(document, {
          name: "grantorId",
          in: "query",
          required: false,
          description: "Filter option to filter based on the entity that granted the credit.",
          schema: { type: "string" },
          example: "addon.22IZs2ZVEnw.0zDFe",
        }),
      );
    },
  },
  {
    change: "a raised limit",
    edit(document) {
      const pageSize = [...LIST_PARAMETERS, listParameterIndex(document, "pageSize")];
      document.setIn([...pageSize, "schema", "maximum"], PAGE_SIZE_MAXIMUM);
      document.setIn(
        [...pageSize, "description"],
        "Maximum number of credits the client expects on one page. At most\n100; 50 when absent.\n",
      );
      // A page holds at most `pageSize` credits: the page's own bound follows.
      const data = ["components", "schemas", "ListCreditsResponse", "properties", "data"];
      document.setIn([...data, "maxItems"], PAGE_SIZE_MAXIMUM);
    },
  },
  {
    change: "a new enum value",
    edit(document) {
      document.addIn(["components", "schemas", "CreditStatus", "enum"], "FROZEN");
    },
  },
  {
    change: "a new field with a pattern",
    edit(document) {
      const properties = ["components", "schemas", "CreditRequest", "properties"];
      document.setIn(
        [...properties, "reference"],
        specNode(document, {
          type: "string",
          pattern: REFERENCE_PATTERN,
          description: "The caller's own reference for the credit: `REF-` and digits.",
          examples: ["REF-1042"],
        }),
      );
    },
  },
  {
    change: "a new GET operation",
    edit(document) {
      document.setIn(
        ["paths", TRANSACTIONS_PATH],
        specNode(document, {
          get: {
            operationId: "listCreditTransactions",
            "x-speakeasy-group": "credits",
            "x-speakeasy-name-override": "transactions",
            tags: ["Credits"],
            summary: "List credit transactions",
            description: "Gets every transaction recorded against one credit, oldest first.",
            parameters: [{ $ref: "#/components/parameters/CreditId" }],
            responses: {
              "200": {
                description: "The transactions of the credit, oldest first.",
                content: {
                  "application/json": {
                    schema: { $ref: "#/components/schemas/CreditTransactionsResponse" },
                    example: TRANSACTIONS_EXAMPLE,
                  },
                },
              },
              ...ERROR_RESPONSES,
            },
          },
        }),
      );
      document.setIn(
        ["components", "schemas", "CreditTransactionsResponse"],
        specNode(document, {
          type: "object",
          description: "The transactions recorded against one credit.",
          additionalProperties: false,
          required: ["data"],
          properties: {
            data: {
              type: "array",
              description: "The transactions of the credit, oldest first.",
              items: { $ref: "#/components/schemas/CreditTransaction" },
            },
          },
          examples: [{ data: TRANSACTIONS_EXAMPLE.data.slice(0, 1) }],
        }),
      );
    },
  },
];
