/**
 * Type-level tests of generated/credits.ts, run by vitest's typecheck: the generated types
 * accept the facts sheet's sample values and reject calls and values the API would refuse.
 */
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import type {
  CreateCreditRequest,
  CreateCreditResponse,
  Credit,
  CreditBalanceResponse,
  CreditDetailsResponse,
  CreditRequest,
  CreditStatus,
  CreditTransaction,
  CreditTransactionType,
  ErrorResponse,
  ListCreditsResponse,
  operations,
  paths,
} from "../../generated/credits.ts";

type ListCreditsQuery = NonNullable<operations["listCredits"]["parameters"]["query"]>;

const client = createClient<paths>({ baseUrl: "https://sandbox-api.togai.com" });

const sampleCredit: Credit = {
  id: "creds.1znQx9jiIXw.r44fc",
  customerId: "7VcRw9xZDIqsC5E",
  accountId: "ACC00001",
  status: "ACTIVE",
  purpose: "Prepaid Credit",
  applicableEntityIds: ["umg.1znQx9jiIXw.r44fc", "ALL_USAGE_METER_RATE_CARDS"],
  effectiveFrom: "2023-02-04",
  effectiveUntil: "2024-02-04",
  creditUnit: "USD",
  creditAmount: 1000,
  holdAmount: 500,
  consumedAmount: 400,
  priority: 1,
  grantorId: "addon.22IZs2ZVEnw.0zDFe",
  idempotencyKey: "5b8f0f4e-2f0a-4c57-9d9e-8c1a5f1e2b3c",
  createdAt: "2021-01-01T00:00:00Z",
  updatedAt: "2021-01-01T00:00:00Z",
};

describe("generated model types", () => {
  test("accept the facts sheet's sample credit", () => {
    expectTypeOf(sampleCredit).toExtend<Credit>();
    expectTypeOf(sampleCredit).toExtend<CreditRequest>();
  });

  test("accept the facts sheet's sample balance", () => {
    const balance: CreditBalanceResponse = {
      activeCredits: 1000,
      availableBalance: 700,
      runningBalance: 500,
      inapplicableCredits: 500,
      unit: "USD",
      lastUpdatedAt: "2021-01-01T00:00:00Z",
    };
    expectTypeOf(balance).toExtend<CreditBalanceResponse>();
  });

  test("accept the facts sheet's sample credit request batch", () => {
    const request: CreateCreditRequest = {
      creditRequests: [
        {
          accountId: "ACC001",
          purpose: "PREPAID_CREDIT",
          effectiveFrom: "2023-02-04",
          creditAmount: 1000,
          priority: 1,
          grantorId: "addon.22IZs2ZVEnw.0zDFe",
        },
      ],
    };
    expectTypeOf(request).toExtend<CreateCreditRequest>();
  });

  test("accept the facts sheet's sample transaction, details, page and error", () => {
    const transaction: CreditTransaction = {
      id: "credtxn.1znQx9jiIXw.a1b2c",
      creditId: "cred.1znqBOVcai0.0tBFz",
      transactionType: "CREDITED",
      amount: 200,
      createdAt: "2021-01-01T00:00:00Z",
    };
    const details: CreditDetailsResponse = { ...sampleCredit, transactions: [transaction] };
    const page: ListCreditsResponse = {
      data: [sampleCredit],
      nextToken:
        "eyJsYXN0SXRlbUlkIjogInN0cmluZyIsICJwYWdlU2l6ZSI6IDEyMywgInNvcnRPcmRlciI6ICJhc2MifQ==",
    };
    const lastPage: ListCreditsResponse = { data: [] };
    const error: ErrorResponse = { message: "Credit not found" };
    const created: CreateCreditResponse = { credits: [sampleCredit] };
    expectTypeOf(details).toExtend<Credit>();
    expectTypeOf([page, lastPage]).toExtend<ListCreditsResponse[]>();
    expectTypeOf(error).toExtend<ErrorResponse>();
    expectTypeOf(created).toExtend<CreateCreditResponse>();
  });

  // The exact members are a fact of the API, pinned by test/spec/models.test.ts: a type test
  // that pinned them would fail on every additive spec change.
  test("type the enums with the facts sheet's values, as named enum types", () => {
    expectTypeOf<"ACTIVE" | "CONSUMED" | "EXPIRED" | "VOIDED">().toExtend<CreditStatus>();
    expectTypeOf<"CREDITED" | "DEBITED" | "EXPIRED" | "VOIDED">().toExtend<CreditTransactionType>();
    expectTypeOf<Credit["status"]>().toEqualTypeOf<CreditStatus>();
    expectTypeOf<CreditTransaction["transactionType"]>().toEqualTypeOf<CreditTransactionType>();
  });

  test("make required what the facts sheet requires, and only that", () => {
    expectTypeOf<Credit["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Credit["priority"]>().toEqualTypeOf<number>();
    expectTypeOf<Credit>().toHaveProperty("updatedAt").toEqualTypeOf<string | undefined>();
    expectTypeOf<ListCreditsResponse>()
      .toHaveProperty("nextToken")
      .toEqualTypeOf<string | undefined>();
  });

  test("reject a credit without an id", () => {
    const withoutId: Omit<Credit, "id"> = sampleCredit;
    // @ts-expect-error id is required
    const credit: Credit = withoutId;
    expectTypeOf(credit).toExtend<Credit>();
  });

  test("reject a credit status that is not one of the four", () => {
    // @ts-expect-error PROCESSED is not a credit status
    const credit: Credit = { ...sampleCredit, status: "PROCESSED" };
    expectTypeOf(credit).toExtend<Credit>();
    expectTypeOf<"PROCESSED">().not.toExtend<CreditStatus>();
  });

  test("reject a transaction type that is not one of the four", () => {
    expectTypeOf<"REFUNDED">().not.toExtend<CreditTransactionType>();
  });

  test("reject a balance amount given as a string", () => {
    const balance: CreditBalanceResponse = {
      activeCredits: 1000,
      // @ts-expect-error availableBalance is a number
      availableBalance: "700",
      runningBalance: 500,
      inapplicableCredits: 500,
      unit: "USD",
      lastUpdatedAt: "2021-01-01T00:00:00Z",
    };
    expectTypeOf(balance).toExtend<CreditBalanceResponse>();
  });
});

describe("generated paths with openapi-fetch", () => {
  test("accept a listCredits query with every filter of the facts sheet", async () => {
    const query: ListCreditsQuery = {
      nextToken:
        "eyJsYXN0SXRlbUlkIjogInN0cmluZyIsICJwYWdlU2l6ZSI6IDEyMywgInNvcnRPcmRlciI6ICJhc2MifQ==",
      status: "ACTIVE",
      account_id: "ACC00001",
      id: "cred.1znpoFlsI3U.zmg85",
      pageSize: 50,
    };
    const { data, error } = await client.GET("/credits", { params: { query } });
    expectTypeOf(data).branded.toEqualTypeOf<ListCreditsResponse | undefined>();
    expectTypeOf(error).branded.toEqualTypeOf<ErrorResponse | undefined>();
  });

  test("type each operation's success body", async () => {
    const path = { credit_id: "creds.1znQx9jiIXw.r44fc" };
    const balance = await client.GET("/accounts/{account_id}/credit_balance", {
      params: { path: { account_id: "ACC00001" } },
    });
    const details = await client.GET("/credits/{credit_id}", { params: { path } });
    const voided = await client.POST("/credits/{credit_id}/void", { params: { path } });
    const granted = await client.POST("/credits", { body: { creditRequests: [sampleCredit] } });
    expectTypeOf(balance.data).branded.toEqualTypeOf<CreditBalanceResponse | undefined>();
    expectTypeOf(details.data).branded.toEqualTypeOf<CreditDetailsResponse | undefined>();
    expectTypeOf(voided.data).branded.toEqualTypeOf<Credit | undefined>();
    expectTypeOf(granted.data).branded.toEqualTypeOf<CreateCreditResponse | undefined>();
  });

  test("reject a listCredits call with wrongly typed query parameters", () => {
    // @ts-expect-error pageSize is an integer, not a string
    void client.GET("/credits", { params: { query: { pageSize: "ten" } } });
    // @ts-expect-error status is a credit status
    void client.GET("/credits", { params: { query: { status: "PROCESSED" } } });
    // @ts-expect-error the wire name is pageSize, not page_size
    void client.GET("/credits", { params: { query: { page_size: 10 } } });
    // @ts-expect-error the wire name is account_id, not accountId
    void client.GET("/credits", { params: { query: { accountId: "ACC00001" } } });
  });

  test("reject a call without its path parameter or to an unknown path", () => {
    // @ts-expect-error credit_id is required
    void client.GET("/credits/{credit_id}", { params: { path: {} } });
    // @ts-expect-error account_id is required
    void client.GET("/accounts/{account_id}/credit_balance");
    // @ts-expect-error the API has no /credit path
    void client.GET("/credit");
    // @ts-expect-error voidCredit is a POST
    void client.GET("/credits/{credit_id}/void", { params: { path: { credit_id: "c" } } });
  });

  test("reject a grant whose credit requests miss a required field", () => {
    void client.POST("/credits", {
      body: {
        creditRequests: [
          // @ts-expect-error priority is required
          { accountId: "ACC00001", purpose: "Prepaid Credit", effectiveFrom: "2023-02-04" },
        ],
      },
    });
  });
});
