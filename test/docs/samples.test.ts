/**
 * The code samples of the API reference, written from the operation table and the spec's
 * examples (scripts/docs/samples.ts): every operation of OPERATIONS has them, and every
 * TypeScript sample type-checks against the client, as a user's module importing
 * "togai-credits", under strict settings. One `tsc` run checks them all.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.ts";
import { SERVERS } from "../../generated/spec-info.ts";
import {
  SAMPLES,
  codeSamplesFor,
  curlSample,
  samplesOf,
  typescriptSample,
  type SampleSource,
} from "../../scripts/docs/samples.ts";
import { bin, repoRoot, run } from "../../scripts/lib/exec.ts";
import type { OperationEntry } from "../../src/operation-table.ts";

/** A sample that must fail, proving that a wrong sample is caught and named. */
const BROKEN_SAMPLE = {
  name: "brokenOnPurpose",
  source: `import { createCreditsClient } from "togai-credits";\nconst togai = createCreditsClient();\nawait togai.credits.get(42);\n`,
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    paths: { "togai-credits": [join(repoRoot, "src", "index.ts")] },
  },
  include: ["*.ts"],
};

const OPERATION_IDS = OPERATIONS.map(({ operationId }) => operationId);

let folder: string;
/** The compiler's diagnostics, by sample name; `(client)` for those outside the samples. */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "togai-samples-"));
  await writeFile(join(folder, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(join(folder, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const sources = [
    ...OPERATION_IDS.map((name) => ({ name, source: SAMPLES[name]?.typescript ?? "" })),
    BROKEN_SAMPLE,
  ];
  for (const { name, source } of sources) await writeFile(join(folder, `${name}.ts`), source);

  const result = await run(bin("tsc"), ["-p", folder, "--pretty", "false"]);
  for (const line of (result.stdout + result.stderr).split("\n")) {
    if (!line.includes("error TS")) continue;
    const sample = /^(?:.*\/)?([\w-]+)\.ts\(/u.exec(line)?.[1];
    const key = sample && sources.some(({ name }) => name === sample) ? sample : "(client)";
    diagnostics.set(key, [...(diagnostics.get(key) ?? []), line]);
  }
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("the TypeScript samples of the API reference", () => {
  test("exist for every operation of OPERATIONS, and for no other", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...OPERATION_IDS].sort());
  });

  test.each(OPERATION_IDS)("the %s sample type-checks against the client", (name) => {
    expect(diagnostics.get(name) ?? [], `the ${name} sample does not type-check`).toEqual([]);
  });

  test.each(OPERATIONS.map((entry) => [entry.operationId, entry] as const))(
    "the %s sample is a complete module that calls the operation's method",
    (operationId, entry) => {
      const source = SAMPLES[operationId]?.typescript ?? "";
      expect(source).toMatch(/^import \{ createCreditsClient \} from "togai-credits";\n/u);
      expect(source).toContain("// The token comes from TOGAI_API_TOKEN.");
      expect(source).toContain("const togai = createCreditsClient();");
      expect(source).toContain(`const answer = await togai.${entry.group}.${entry.name}(`);
      expect(source).toMatch(/^console\.log\(answer/mu);
      if (entry.pagination) {
        expect(source).toContain(
          `for await (const item of togai.${entry.group}.${entry.pagination.items}(`,
        );
      }
      if (entry.idempotency) expect(source).toContain("a retried call never acts twice");
    },
  );

  test("a sample that calls the client wrongly is reported by name", () => {
    expect(diagnostics.get(BROKEN_SAMPLE.name)?.join("\n")).toMatch(/error TS2345/u);
  });

  test("the client itself compiles under the samples' settings", () => {
    expect(diagnostics.get("(client)") ?? []).toEqual([]);
  });
});

describe("the curl samples of the API reference", () => {
  test.each(OPERATIONS.map((entry) => [entry.operationId, entry] as const))(
    "the %s sample sends the operation's request to the production server",
    (operationId, entry) => {
      const source = SAMPLES[operationId]?.curl ?? "";
      const prefix = entry.path.replace(/\{.*$/u, "");
      expect(source.startsWith(`curl -X ${entry.method} "${SERVERS.production}${prefix}`)).toBe(
        true,
      );
      expect(source).toContain('-H "Authorization: Bearer $TOGAI_API_TOKEN"');
      expect(source).toContain('-H "Accept: application/json"');
      expect(source.includes('-H "Content-Type: application/json"')).toBe(entry.body !== undefined);
      expect(source.includes(" -d '")).toBe(entry.body !== undefined);
    },
  );
});

/** An operation the spec does not have, as `npm run generate` would write it. */
const NEW_OPERATION: OperationEntry = {
  operationId: "archiveWidget",
  group: "widgets",
  name: "archive",
  method: "POST",
  path: "/widgets/{widget_id}/versions/{version}/archive",
  pathParams: [
    { name: "widget_id", argument: "widgetId", schema: { type: "string" } },
    { name: "version", argument: "version", schema: { type: "integer" }, types: ["integer"] },
  ],
  query: { type: "object", properties: { tag: { type: "string" } } },
  body: { schema: { $ref: "ArchiveRequest" }, required: true, contentType: "application/json" },
  answers: [{ status: "200", kind: "json", schema: "Widget" }],
  accept: "application/json",
  retry: { class: "safe-only", statusCodes: [429], connectionErrors: false },
};

const NEW_EXAMPLES: SampleSource["examples"] = {
  path: { widget_id: "wid 1/a(b)!", version: 3 },
  query: { tag: ["red", "blue"], dry_run: true },
  body: { reason: "it's old" },
};

describe("samples written from the operation table", () => {
  test("a new operation gets both samples from its entry and examples alone", () => {
    const { typescript, curl } = samplesOf({ entry: NEW_OPERATION, examples: NEW_EXAMPLES });
    expect(typescript).toContain(
      'const answer = await togai.widgets.archive("wid 1/a(b)!", 3, {\n  reason: "it\'s old",\n}, {',
    );
    expect(curl).toContain(
      `curl -X POST "${SERVERS.production}/widgets/wid%201%2Fa%28b%29%21/versions/3/archive` +
        `?tag=red&tag=blue&dry_run=true"`,
    );
  });

  test("escapes single quotes of the JSON body for the shell", () => {
    const curl = curlSample({ entry: NEW_OPERATION, examples: NEW_EXAMPLES });
    expect(curl).toContain(
      `-H "Content-Type: application/json" \\\n  -d '{\n    "reason": "it'\\''s old"\n  }'`,
    );
  });

  test("shows the items iterator of a paginated operation with the same arguments", () => {
    const entry: OperationEntry = {
      operationId: "listWidgets",
      group: "widgets",
      name: "list",
      method: "GET",
      path: "/widgets",
      pathParams: [],
      query: NEW_OPERATION.query ?? {},
      answers: [{ status: "200", kind: "json", schema: "WidgetPage" }],
      accept: "application/json",
      retry: NEW_OPERATION.retry,
      pagination: {
        cursorParam: "cursor",
        nextCursor: "next",
        results: "items",
        items: "all",
        pages: "pages",
      },
    };
    const source = typescriptSample({ entry, examples: { query: { tag: "red" } } });
    expect(source).toContain(
      'const answer = await togai.widgets.list({\n  tag: "red",\n});\n' +
        "console.log(answer.items.length, answer.next);",
    );
    expect(source).toContain(
      'for await (const item of togai.widgets.all({\n  tag: "red",\n})) {\n  console.log(item);\n}',
    );
  });

  test("says that items without a key get one when the operation declares idempotency", () => {
    const entry = { ...NEW_OPERATION, idempotency: { array: "requests", key: "requestKey" } };
    const source = typescriptSample({ entry, examples: NEW_EXAMPLES });
    expect(source).toContain(
      "// Each item of requests that has no requestKey gets a fresh one,\n" +
        "// so a retried call never acts twice.\nconst answer",
    );
    expect(typescriptSample({ entry: NEW_OPERATION, examples: NEW_EXAMPLES })).not.toContain(
      "retried",
    );
  });

  test("fills a path parameter the spec gives no example for", () => {
    const examples = { body: {} };
    expect(typescriptSample({ entry: NEW_OPERATION, examples })).toContain(
      'togai.widgets.archive("WIDGET_ID", 1, {})',
    );
    expect(curlSample({ entry: NEW_OPERATION, examples })).toContain(
      `"${SERVERS.production}/widgets/WIDGET_ID/versions/1/archive"`,
    );
  });

  test("codeSamplesFor gives TypeScript, then curl, and refuses an operation not in OPERATIONS", () => {
    for (const operationId of OPERATION_IDS) {
      expect(codeSamplesFor(operationId).map(({ lang, label }) => `${lang}/${label}`)).toEqual([
        "TypeScript/TypeScript",
        "curl/curl",
      ]);
    }
    expect(() => codeSamplesFor("noSuchOperation")).toThrow(
      /No code samples for operation "noSuchOperation": it is not in generated\/operations\.ts/u,
    );
    expect(() => codeSamplesFor("toString")).toThrow(/toString/u);
  });
});
