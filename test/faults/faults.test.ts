import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMockServer, type MockServer } from "../helpers/mock.ts";
import { FAULT_ROWS } from "./rows.ts";
import { runRow, type RowContext, type RowResult } from "./runner.ts";

let context: RowContext | undefined;
const results: { operation: string; name: string; result: RowResult }[] = [];

beforeAll(async () => {
  const [server, otherOrigin] = await Promise.all([
    startMockServer(),
    startMockServer(),
  ]);
  context = { server, otherOrigin };
});

afterAll(async () => {
  const survived = results.filter(({ result }) => result.survived).length;
  const raised = results.length - survived;
  const lost = results.reduce((sum, { result }) => sum + result.lost, 0);
  const duplicated = results.reduce((sum, { result }) => sum + result.duplicated, 0);
  const table = results.map(
    ({ operation, name, result }) =>
      `| ${name} | ${operation} | ${result.outcome} | ${result.attempts} |`,
  );
  console.log(
    [
      "| Fault | Call | Outcome | Attempts |",
      "|---|---|---|---|",
      ...table,
      "",
      `faults: ${survived} survived, ${raised} raised the documented error, ${lost} lost, ${duplicated} duplicated`,
    ].join("\n"),
  );
  const servers = [context?.server, context?.otherOrigin].filter(
    (server): server is MockServer => server !== undefined,
  );
  await Promise.all(servers.map((server) => server.close()));
});

describe("fault injection: nothing lost, nothing granted twice", () => {
  test.each(FAULT_ROWS.map((row) => [`${row.operation}: ${row.name}`, row] as const))(
    "%s",
    async (_title, row) => {
      const result = await runRow(row, context!);
      results.push({ operation: row.operation, name: row.name, result });
      expect(result).toMatchObject({ lost: 0, duplicated: 0 });
      expect(context!.server.specViolations).toEqual([]);
    },
  );
});
