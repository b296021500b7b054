/**
 * The fault table (rows.ts) through the real client, on both front doors of the mock: over
 * HTTP (with the client transport of this vitest project, test/helpers/transport.ts), and in
 * process with the mock's own `fetch`. The client's retry classes must not care which: every
 * row ends the same way, after the same number of attempts, on both.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMockServer, type MockServer } from "../helpers/mock.ts";
import { TRANSPORT } from "../helpers/transport.ts";
import { DRIVERS, forEachDriver, HTTP } from "../mock-server/harness.ts";
import { FAULT_ROWS } from "./rows.ts";
import { runRow, type RowContext, type RowResult } from "./runner.ts";

interface RowRecord {
  driver: string;
  operation: string;
  name: string;
  result: RowResult;
}

const results: RowRecord[] = [];

/** The Markdown summary of one front door's rows, and its totals. */
function summary(driver: string): string {
  const rows = results.filter((record) => record.driver === driver);
  const survived = rows.filter(({ result }) => result.survived).length;
  const raised = rows.length - survived;
  const lost = rows.reduce((sum, { result }) => sum + result.lost, 0);
  const duplicated = rows.reduce((sum, { result }) => sum + result.duplicated, 0);
  return [
    `Front door: ${driver}${driver === HTTP.name ? `, client transport: ${TRANSPORT}` : ""}`,
    "",
    "| Fault | Call | Outcome | Attempts |",
    "|---|---|---|---|",
    ...rows.map(
      ({ operation, name, result }) =>
        `| ${name} | ${operation} | ${result.outcome} | ${result.attempts} |`,
    ),
    "",
    `faults: ${survived} survived, ${raised} raised the documented error, ${lost} lost, ${duplicated} duplicated`,
  ].join("\n");
}

/**
 * A redirect's target on another origin: a second server, for both front doors (in process,
 * the mock's `fetch` refuses its origin, so a client that followed the redirect would fail).
 */
let otherOrigin: MockServer | undefined;

beforeAll(async () => {
  otherOrigin = await startMockServer();
});

afterAll(async () => {
  console.log(DRIVERS.map((driver) => summary(driver.name)).join("\n\n"));
  await otherOrigin?.close();
});

forEachDriver((driver) => {
  let context: RowContext | undefined;

  beforeAll(async () => {
    context = { driver, server: await driver.start(), otherOrigin: otherOrigin! };
  });

  afterAll(async () => {
    await context?.server.close();
  });

  describe("fault injection: nothing lost, nothing granted twice", () => {
    test.each(FAULT_ROWS.map((row) => [`${row.operation}: ${row.name}`, row] as const))(
      "%s",
      async (_title, row) => {
        const result = await runRow(row, context!);
        results.push({ driver: driver.name, operation: row.operation, name: row.name, result });
        expect(result).toMatchObject({ lost: 0, duplicated: 0 });
        expect(context!.server.specViolations).toEqual([]);
      },
    );
  });
});

describe("both front doors", () => {
  test("give every row the same outcome after the same number of attempts", () => {
    const outcomes = (driver: string) =>
      results
        .filter((record) => record.driver === driver)
        .map(({ operation, name, result }) => ({
          row: `${operation}: ${name}`,
          outcome: result.outcome,
          attempts: result.attempts,
        }));
    const [http, inProcess] = DRIVERS.map((driver) => outcomes(driver.name));
    expect(http).toHaveLength(FAULT_ROWS.length);
    expect(inProcess).toEqual(http);
  });
});
