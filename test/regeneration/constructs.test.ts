/**
 * Every OpenAPI construct of construct-edits.ts, as a regenerator writes it: on a copy of the
 * repository the spec edit is applied (with two files beside the spec), `npm run generate` and
 * `npm run build` run there, and the rebuilt client (both builds: fetch and the Node
 * transport) is driven against the copy's own testing kit and against a scripted server.
 *
 * | construct                                  | proved                                             |
 * | ------------------------------------------ | -------------------------------------------------- |
 * | array, object and nullable query params    | the query string each style writes; items checked  |
 * | header parameters (required and not)       | sent from `header` or `headers`; refused by schema |
 * | path-level and integer path parameters     | typed, validated, one segment                      |
 * | 204, 202 without content                   | resolve to undefined, `Accept: *\/*`               |
 * | text/csv, application/pdf                  | a string, a Blob; their `Accept`                   |
 * | a JSON array, a JSON string                | resolve to themselves                              |
 * | 200 and 201                                | each validated by its own status                   |
 * | inline schemas, a merge-patch+json body    | validated; sent with their `Content-Type`          |
 * | a concrete path beside a templated one     | the kit routes `/widgets/export` to `export`       |
 * | a deprecated operation                     | `@deprecated` in the surface                       |
 * | schemas in files of their own              | bundled; an edit of one makes check:generated fail |
 *
 * Every method also has its docs samples (the TypeScript ones type-check) and its API report line.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { findStaleFiles as FindStaleFiles } from "../../scripts/check-generated.ts";
import type { fileReader as FileReaderFactory } from "../../scripts/lib/file-reader.ts";
import { bin, run, terminalEnv, tsxScript, withoutNodeBanner } from "../../scripts/lib/exec.ts";
import type { ClientOptions, TogaiValidationError } from "../../src/index.ts";
import type * as MockModule from "../helpers/mock.ts";
import type { MockServer } from "../helpers/mock.ts";
import { startTestServer, type TestServer } from "../transport/server.ts";
import { copyRepository, makeScratch, removeScratch } from "../spec/repo-copy.ts";
import { applyConstructs, WIDGET, WIDGET_PDF, WIDGETS_CSV } from "./construct-edits.ts";
import { changedFiles, fingerprint, isBuildOutput } from "./scratch-files.ts";

/** Copy, generate and build on a busy 2-core machine: about half a minute, five allowed. */
const SETUP_MS = 300_000;

type Method = (...args: unknown[]) => Promise<unknown>;
type Groups = Record<string, Record<string, Method>>;

interface RebuiltPackage {
  createCreditsClient(options: ClientOptions): Groups;
  TogaiValidationError: typeof TogaiValidationError;
}

interface Rebuilt {
  scratch: string;
  edited: string[];
  regenerated: string[];
  generateOutput: string;
  builds: Record<"fetch" | "node", RebuiltPackage>;
  mock: MockServer;
  scripted: TestServer;
}

let scratchRoot: string | undefined;
let rebuilt: Rebuilt | undefined;

function given(): Rebuilt {
  if (!rebuilt) throw new Error("the scratch build did not finish: see the beforeAll error");
  return rebuilt;
}

/** What the scripted server answers next. */
let scripted: { status: number; headers: Record<string, string>; body: string } = {
  status: 200,
  headers: {},
  body: "",
};

async function mustRun(scratch: string, script: string): Promise<string> {
  const { command, args } = tsxScript(script);
  const result = await run(command, args, { cwd: scratch, env: terminalEnv() });
  const output = withoutNodeBanner(result.stdout + result.stderr);
  expect(result.code, `${script} in the copy failed:\n${output}`).toBe(0);
  return output;
}

function importFrom<T>(scratch: string, file: string): Promise<T> {
  return import(pathToFileURL(join(scratch, file)).href) as Promise<T>;
}

beforeAll(async () => {
  scratchRoot = await makeScratch();
  const scratch = await copyRepository(join(scratchRoot, "repo"));
  const copied = await fingerprint(scratch);
  await applyConstructs(scratch);
  const edited = await fingerprint(scratch);
  const generateOutput = await mustRun(scratch, "scripts/generate.ts");
  await mustRun(scratch, "scripts/build.ts");
  const regenerated = changedFiles(edited, await fingerprint(scratch));
  const kit = await importFrom<typeof MockModule>(scratch, "test/helpers/mock.ts");
  rebuilt = {
    scratch,
    edited: changedFiles(copied, edited),
    regenerated: regenerated.filter((file) => !isBuildOutput(file)),
    generateOutput,
    builds: {
      fetch: await importFrom<RebuiltPackage>(scratch, "dist/src/index.js"),
      node: await importFrom<RebuiltPackage>(scratch, "dist/src/node.js"),
    },
    mock: await kit.startMockServer(),
    scripted: await startTestServer((_request, res) => {
      res.writeHead(scripted.status, scripted.headers);
      res.end(scripted.body);
    }),
  };
}, SETUP_MS);

afterAll(async () => {
  try {
    await rebuilt?.mock.close();
    await rebuilt?.scripted.close();
  } finally {
    if (scratchRoot !== undefined) await removeScratch(scratchRoot);
  }
});

describe("the spec edit", () => {
  test("is the spec and two files beside it; generate and build change only generated files", () => {
    expect(given().edited).toEqual([
      "openapi/credits.yaml",
      "openapi/schemas/CreditRequest.yaml",
      "openapi/schemas/Widget.yaml",
    ]);
    expect(
      given().regenerated.filter(
        (file) => !file.startsWith("generated/") && !file.startsWith("etc/"),
      ),
    ).toEqual([]);
  });

  test("generate names the header parameter it ignores", () => {
    expect(given().generateOutput).toContain(
      "getWidget header parameter Accept: ignored, as OpenAPI says (the client sets Accept itself)",
    );
  });

  test("a deprecated operation's method is @deprecated, with the operation's description", async () => {
    const surface = await readFile(join(given().scratch, "generated/resources.ts"), "utf8");
    expect(surface).toContain(
      "@deprecated Deletes a widget. Retire it with widgets.update instead.",
    );
  });

  test("check:generated covers every file of the spec: an edit of a schema file alone is stale", async () => {
    const { scratch } = given();
    const { findStaleFiles } = await importFrom<{ findStaleFiles: typeof FindStaleFiles }>(
      scratch,
      "scripts/check-generated.ts",
    );
    const { fileReader } = await importFrom<{ fileReader: typeof FileReaderFactory }>(
      scratch,
      "scripts/lib/file-reader.ts",
    );
    const widget = await readFile(join(scratch, "openapi/schemas/Widget.yaml"), "utf8");
    const edited = widget.replace("minimum: 1", "minimum: 2");
    const stale = await findStaleFiles(
      fileReader(scratch, { "openapi/schemas/Widget.yaml": edited }),
    );
    expect(stale.map(({ file }) => file)).toContain("generated/operations.ts");
    expect(await findStaleFiles(fileReader(scratch))).toEqual([]);
  });
});

describe("the docs and the API report", () => {
  test("carry a TypeScript and a curl sample of every new method, with its shapes", async () => {
    const site = JSON.parse(await readFile(join(given().scratch, "site/openapi.json"), "utf8")) as {
      paths: Record<
        string,
        Record<string, { "x-codeSamples"?: { lang: string; source: string }[] }>
      >;
    };
    const samples = (path: string, method: string) =>
      Object.fromEntries(
        (site.paths[path]?.[method]?.["x-codeSamples"] ?? []).map((s) => [s.lang, s.source]),
      );
    expect(samples("/widgets", "get").curl).toContain(
      "/widgets?statuses=ACTIVE&statuses=RETIRED&tags=promo,q1&sizes=1%202&colors=red|blue" +
        "&filter%5Bstatus%5D=ACTIVE&filter%5BminSize%5D=2&owner=ann",
    );
    expect(samples("/widgets", "post").curl).toContain('-H "X-Request-Source: billing"');
    expect(samples("/widgets", "post").TypeScript).toContain(
      'header: {\n    "X-Request-Source": "billing",',
    );
    expect(samples("/widgets/export", "get").curl).toContain('-H "Accept: text/csv"');
    expect(samples("/widgets/{widget_id}", "delete").TypeScript).toContain(
      'await togai.widgets.delete("wid_1");',
    );
    expect(samples("/widgets/{widget_id}", "patch").curl).toContain(
      '-H "Content-Type: application/merge-patch+json"',
    );
    expect(samples("/ingest", "post").curl).toContain('-H "Accept: */*"');
  });

  test("the TypeScript samples type-check against the rebuilt client", async () => {
    const { scratch } = given();
    const { SAMPLES } = await importFrom<{ SAMPLES: Record<string, { typescript: string }> }>(
      scratch,
      "scripts/docs/samples.ts",
    );
    const folder = join(scratch, ".tmp", "samples");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(
      join(folder, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
          paths: { "togai-credits": [join(scratch, "dist", "src", "index.d.ts")] },
        },
        include: ["*.ts"],
      }),
    );
    for (const [name, { typescript }] of Object.entries(SAMPLES)) {
      await writeFile(join(folder, `${name}.ts`), typescript);
    }
    const tsc = await run(bin("tsc", scratch), ["-p", folder, "--pretty", "false"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
  });

  test("the API report has every new method", async () => {
    const report = await readFile(join(given().scratch, "etc/togai-credits.api.md"), "utf8");
    for (const method of [
      "list(",
      "create(",
      "export(",
      "get(",
      "delete(",
      "update(",
      "label(",
      "version(",
      "ingest(",
    ]) {
      expect(report, method).toContain(method);
    }
  });

  test("the package exports the new group's interface and the new schema by name, none forgotten", async () => {
    const report = await readFile(join(given().scratch, "etc/togai-credits.api.md"), "utf8");
    expect(report).toContain("export interface WidgetsResource {");
    expect(report).toContain(`export type Widget = components["schemas"]["Widget"];`);
    expect(report).not.toMatch(/ae-forgotten-export\) The symbol "(?:WidgetsResource|Widget)"/u);
  });
});

for (const build of ["fetch", "node"] as const) {
  describe(`the rebuilt client (${build} build) against the testing kit`, () => {
    const client = () => {
      const { mock, builds } = given();
      return builds[build].createCreditsClient({
        token: mock.token,
        baseUrl: mock.url,
        backoff: { initialDelayMs: 1, maxDelayMs: 2 },
      });
    };
    const last = () => given().mock.requests.at(-1);
    const refused = async (call: Promise<unknown>, argument: string) => {
      const error = await call.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(given().builds[build].TogaiValidationError);
      expect((error as TogaiValidationError).argument).toBe(argument);
    };

    test("widgets.list writes each query parameter by its style, leaves null out, answers an array", async () => {
      given().mock.reset();
      const answer = await client().widgets!.list!({
        statuses: ["ACTIVE", "RETIRED"],
        tags: ["promo", "q1"],
        sizes: [1, 2],
        colors: ["red", "blue"],
        filter: { status: "ACTIVE", minSize: 2 },
        owner: null,
      });
      expect(answer).toEqual([WIDGET]);
      expect(last()?.url).toBe(
        "/widgets?statuses=ACTIVE&statuses=RETIRED&tags=promo,q1&sizes=1%202&colors=red|blue" +
          "&filter%5Bstatus%5D=ACTIVE&filter%5BminSize%5D=2",
      );
      await refused(client().widgets!.list!({ sizes: [0] }), "params.sizes[0]");
      await refused(
        client().widgets!.list!({ filter: { status: "LOST" } }),
        "params.filter.status",
      );
    });

    test("widgets.create sends its required header, and refuses a call without it", async () => {
      given().mock.reset();
      const body = { id: "w2", name: "Nut", status: "ACTIVE" };
      expect(
        await client().widgets!.create!(body, { header: { "X-Request-Source": "billing" } }),
      ).toEqual(WIDGET);
      expect(last()?.headers["x-request-source"]).toBe("billing");
      await refused(client().widgets!.create!(body, {}), "header.X-Request-Source");
      await refused(
        client().widgets!.create!(body, { header: { "X-Request-Source": "Billing!" } }),
        "header.X-Request-Source",
      );
    });

    test("widgets.export asks for text/csv and resolves to the text; the kit routes it before {widget_id}", async () => {
      given().mock.reset();
      expect(await client().widgets!.export!()).toBe(WIDGETS_CSV);
      expect(last()?.headers.accept).toBe("text/csv");
      expect(last()?.path).toBe("/widgets/export");
    });

    test("widgets.get takes its path-level parameter and an optional header", async () => {
      given().mock.reset();
      expect(
        await client().widgets!.get!("wid_1", { header: { "X-Account-Scope": "eu" } }),
      ).toEqual(WIDGET);
      expect(last()?.headers["x-account-scope"]).toBe("eu");
      await refused(
        client().widgets!.get!("wid_1", { header: { "X-Account-Scope": "mars" } }),
        "header.X-Account-Scope",
      );
      await refused(client().widgets!.get!("x".repeat(21)), "widgetId");
    });

    test("widgets.delete (204) and events.ingest (202) resolve to undefined, asking for */*", async () => {
      given().mock.reset();
      expect(await client().widgets!.delete!("wid_1")).toBeUndefined();
      expect(last()?.headers.accept).toBe("*/*");
      expect(await client().events!.ingest!({ events: [{ name: "signup" }] })).toBeUndefined();
      expect(given().mock.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        "DELETE /widgets/wid_1",
        "POST /ingest",
      ]);
    });

    test("widgets.update sends a merge patch with its media type, checked by the inline schema", async () => {
      given().mock.reset();
      expect(await client().widgets!.update!("wid_1", { name: "Nut" })).toEqual({
        id: "wid_1",
        name: "Nut",
      });
      expect(last()?.headers["content-type"]).toBe("application/merge-patch+json");
      await refused(client().widgets!.update!("wid_1", { name: "" }), "body.name");
      await refused(client().widgets!.update!("wid_1", { size: 2 }), "body.size");
    });

    test("widgets.label resolves to a JSON string; widgets.version to a Blob, its version an integer", async () => {
      given().mock.reset();
      expect(await client().widgets!.label!("wid_1")).toBe("Bolt (3)");
      const pdf = (await client().widgets!.version!("wid_1", 2)) as Blob;
      expect([pdf.type, await pdf.text()]).toEqual(["application/pdf", WIDGET_PDF]);
      expect(last()?.path).toBe("/widgets/wid_1/versions/2");
      expect(last()?.headers.accept).toBe("application/pdf");
      await refused(client().widgets!.version!("wid_1", 1.5), "version");
      await refused(client().widgets!.version!("wid_1", 0), "version");
    });
  });

  describe(`the rebuilt client (${build} build) against a scripted server`, () => {
    const client = (options: Partial<ClientOptions> = {}) =>
      given().builds[build].createCreditsClient({
        token: "t",
        baseUrl: given().scripted.url,
        backoff: { initialDelayMs: 1, maxDelayMs: 2 },
        ...options,
      });
    const answer = (status: number, contentType: string | undefined, body: string) => {
      scripted = { status, headers: contentType ? { "content-type": contentType } : {}, body };
    };

    test("widgets.create validates a 200 and a 201 each by its own status", async () => {
      const checked = client({ validateResponses: true });
      const body = { id: "w2", name: "Nut", status: "ACTIVE" };
      const header = { "X-Request-Source": "billing" };
      answer(201, "application/json", JSON.stringify(WIDGET));
      expect(await checked.widgets!.create!(body, { header })).toEqual(WIDGET);
      answer(200, "application/json", JSON.stringify({ ...WIDGET, size: 0 }));
      await expect(checked.widgets!.create!(body, { header })).rejects.toThrow(
        "size: must be at least 1",
      );
    });

    test("widgets.delete drops a body sent with its 204's sibling, a 200 the spec does not declare", async () => {
      answer(200, "text/plain", "deleted");
      expect(await client().widgets!.delete!("wid_1")).toBe("deleted");
      answer(204, undefined, "");
      expect(await client().widgets!.delete!("wid_1")).toBeUndefined();
    });

    test("widgets.export reads a JSON answer as text", async () => {
      answer(200, "application/json", '{"a":1}');
      expect(await client().widgets!.export!()).toBe('{"a":1}');
    });

    test("widgets.list refuses a page that is not an array, as the schema says", async () => {
      answer(200, "application/json", "{}");
      await expect(client().widgets!.list!()).rejects.toThrow("the body is not a JSON array");
    });
  });
}
