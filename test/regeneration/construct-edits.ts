/**
 * The OpenAPI constructs a regenerator may write, as one spec edit (what test/regeneration/
 * constructs.test.ts builds): a `widgets` group and an `events` group whose operations use
 * path-level and header parameters, array, object and nullable query parameters, typed path
 * parameters, answers without content, text, bytes, JSON arrays and strings, several 2xx, inline
 * schemas, a `+json` request body, a deprecated operation, and `CreditRequest` moved into a file
 * of its own. Lint-clean: a summary, a description, tags, the shared 4xx answers and an example
 * wherever redocly.yaml asks for them.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Document, parse, parseDocument } from "yaml";
import { SPEC } from "../../scripts/generate/bundle.ts";

/** The errors every new operation declares, as the spec's own operations do. */
const ERRORS = `
      "400": { $ref: "#/components/responses/BadRequest" }
      "401": { $ref: "#/components/responses/Unauthorized" }
      "403": { $ref: "#/components/responses/Forbidden" }
      "404": { $ref: "#/components/responses/NotFound" }
      "429": { $ref: "#/components/responses/TooManyRequests" }
      default: { $ref: "#/components/responses/Error" }`;

/** The example `Widget`. */
export const WIDGET = { id: "wid_1", name: "Bolt", status: "ACTIVE", size: 3 };

/** The example text of `widgets.export`. */
export const WIDGETS_CSV = "id,name\nwid_1,Bolt\n";

/** The example bytes of `widgets.version` (a PDF), as text. */
export const WIDGET_PDF = "%PDF-1.4 widget";

/** The new paths, in YAML as a regenerator writes them. */
export const CONSTRUCT_PATHS = parse(`
/widgets:
  get:
    operationId: listWidgets
    x-speakeasy-group: widgets
    x-speakeasy-name-override: list
    tags: [Credits]
    summary: List widgets
    description: Lists widgets, filtered by every kind of query parameter.
    parameters:
      - name: statuses
        in: query
        description: Widgets in any of these statuses (form, exploded).
        schema: { type: array, items: { type: string, enum: [ACTIVE, RETIRED] } }
        example: [ACTIVE, RETIRED]
      - name: tags
        in: query
        description: Widgets with all of these tags (form, not exploded).
        explode: false
        schema: { type: array, items: { type: string } }
        example: [promo, q1]
      - name: sizes
        in: query
        description: Widgets of these sizes (space-delimited).
        style: spaceDelimited
        explode: false
        schema: { type: array, items: { type: integer, minimum: 1 } }
        example: [1, 2]
      - name: colors
        in: query
        description: Widgets of these colours (pipe-delimited).
        style: pipeDelimited
        explode: false
        schema: { type: array, items: { type: string } }
        example: [red, blue]
      - name: filter
        in: query
        description: Widgets matching this filter (deepObject).
        style: deepObject
        schema:
          type: object
          additionalProperties: false
          properties:
            status: { type: string, enum: [ACTIVE, RETIRED] }
            minSize: { type: integer, minimum: 1 }
        example: { status: ACTIVE, minSize: 2 }
      - name: owner
        in: query
        description: The owner of the widgets, or null for any.
        schema: { type: [string, "null"], maxLength: 20 }
        example: ann
    responses:
      "200":
        description: The widgets, as a JSON array.
        content:
          application/json:
            schema: { type: array, items: { $ref: "./schemas/Widget.yaml" } }
            example: [${JSON.stringify(WIDGET)}]${ERRORS}
  post:
    operationId: createWidget
    x-speakeasy-group: widgets
    x-speakeasy-name-override: create
    tags: [Credits]
    summary: Create a widget
    description: Creates a widget; answers 201 when it is new and 200 when it existed.
    parameters:
      - name: X-Request-Source
        in: header
        required: true
        description: The system that sends the request.
        schema: { type: string, pattern: "^[a-z]+$" }
        example: billing
    requestBody:
      description: The widget to create.
      required: true
      content:
        application/json:
          schema: { $ref: "./schemas/Widget.yaml" }
          example: ${JSON.stringify(WIDGET)}
    responses:
      "200":
        description: The widget existed.
        content:
          application/json:
            schema: { $ref: "./schemas/Widget.yaml" }
            example: ${JSON.stringify(WIDGET)}
      "201":
        description: The widget was created.
        content:
          application/json:
            schema: { $ref: "./schemas/Widget.yaml" }
            example: ${JSON.stringify(WIDGET)}${ERRORS}
/widgets/export:
  get:
    operationId: exportWidgets
    x-speakeasy-group: widgets
    x-speakeasy-name-override: export
    tags: [Credits]
    summary: Export widgets
    description: Every widget as CSV.
    responses:
      "200":
        description: The widgets as CSV.
        content:
          text/csv:
            schema: { type: string }
            example: ${JSON.stringify(WIDGETS_CSV)}${ERRORS}
/widgets/{widget_id}:
  parameters:
    - name: widget_id
      in: path
      required: true
      description: The id of the widget.
      schema: { type: string, maxLength: 20 }
      example: wid_1
  get:
    operationId: getWidget
    x-speakeasy-group: widgets
    x-speakeasy-name-override: get
    tags: [Credits]
    summary: Get a widget
    description: Gets one widget, in the account scope the header names.
    parameters:
      - name: X-Account-Scope
        in: header
        description: The region whose widgets are read.
        schema: { type: string, enum: [eu, us] }
        example: eu
      - name: Accept
        in: header
        description: Ignored, as OpenAPI says.
        schema: { type: string }
    responses:
      "200":
        description: The widget.
        content:
          application/json:
            schema: { $ref: "./schemas/Widget.yaml" }
            example: ${JSON.stringify(WIDGET)}${ERRORS}
  delete:
    operationId: deleteWidget
    x-speakeasy-group: widgets
    x-speakeasy-name-override: delete
    tags: [Credits]
    deprecated: true
    summary: Delete a widget
    description: Deletes a widget. Retire it with widgets.update instead.
    responses:
      "204":
        description: Deleted.${ERRORS}
  patch:
    operationId: updateWidget
    x-speakeasy-group: widgets
    x-speakeasy-name-override: update
    tags: [Credits]
    summary: Update a widget
    description: Changes a widget's name, as a JSON merge patch.
    requestBody:
      description: The fields to change.
      required: true
      content:
        application/merge-patch+json:
          schema:
            type: object
            additionalProperties: false
            properties:
              name: { type: string, minLength: 1 }
          example: { name: Nut }
    responses:
      "200":
        description: The widget's id and new name.
        content:
          application/json:
            schema:
              type: object
              required: [id, name]
              properties:
                id: { type: string }
                name: { type: string }
            example: { id: wid_1, name: Nut }${ERRORS}
/widgets/{widget_id}/label:
  get:
    operationId: getWidgetLabel
    x-speakeasy-group: widgets
    x-speakeasy-name-override: label
    tags: [Credits]
    summary: Get a widget's label
    description: The widget's label, as a JSON string.
    parameters:
      - name: widget_id
        in: path
        required: true
        description: The id of the widget.
        schema: { type: string }
        example: wid_1
    responses:
      "200":
        description: The label.
        content:
          application/json:
            schema: { type: string }
            example: Bolt (3)${ERRORS}
/widgets/{widget_id}/versions/{version}:
  get:
    operationId: getWidgetVersion
    x-speakeasy-group: widgets
    x-speakeasy-name-override: version
    tags: [Credits]
    summary: Get a widget version
    description: One version of a widget's data sheet, as a PDF.
    parameters:
      - name: widget_id
        in: path
        required: true
        description: The id of the widget.
        schema: { type: string }
        example: wid_1
      - name: version
        in: path
        required: true
        description: The version, from 1.
        schema: { type: integer, minimum: 1 }
        example: 2
    responses:
      "200":
        description: The data sheet.
        content:
          application/pdf:
            schema: { type: string, format: binary }
            example: ${JSON.stringify(WIDGET_PDF)}${ERRORS}
/ingest:
  post:
    operationId: ingest
    x-speakeasy-group: events
    x-speakeasy-name-override: ingest
    tags: [Credits]
    summary: Ingest events
    description: Takes events for later processing; answers 202 without a body.
    requestBody:
      description: The events.
      required: true
      content:
        application/json:
          schema:
            type: object
            additionalProperties: false
            required: [events]
            properties:
              events:
                type: array
                items:
                  type: object
                  additionalProperties: false
                  required: [name]
                  properties:
                    name: { type: string }
          example: { events: [{ name: signup }] }
    responses:
      "202":
        description: Accepted.${ERRORS}
`) as Record<string, unknown>;

/** openapi/schemas/Widget.yaml: a schema in a file of its own. */
export const WIDGET_FILE = `type: object
description: A widget.
additionalProperties: false
required: [id, name, status]
properties:
  id:
    type: string
    description: The widget's id.
  name:
    type: string
    description: The widget's name.
  status:
    type: string
    description: The widget's status.
    enum: [ACTIVE, RETIRED]
  size:
    type: integer
    description: The widget's size.
    minimum: 1
examples:
  - ${JSON.stringify(WIDGET)}
`;

/**
 * Applies the constructs to the spec under `root` (a copy of the repository): the new paths,
 * openapi/schemas/Widget.yaml, and `CreditRequest` moved into openapi/schemas/CreditRequest.yaml,
 * every `$ref` to it now naming the file. Returns the files it wrote.
 */
export async function applyConstructs(root: string): Promise<string[]> {
  const specPath = join(root, SPEC);
  const document = parseDocument(await readFile(specPath, "utf8"));
  const moved = document.getIn(["components", "schemas", "CreditRequest"]);
  document.deleteIn(["components", "schemas", "CreditRequest"]);
  for (const [path, item] of Object.entries(CONSTRUCT_PATHS)) document.setIn(["paths", path], item);
  const spec = document
    .toString({ lineWidth: 0 })
    .replaceAll('"#/components/schemas/CreditRequest"', "./schemas/CreditRequest.yaml");
  await mkdir(join(root, "openapi", "schemas"), { recursive: true });
  await writeFile(specPath, spec);
  await writeFile(join(root, "openapi/schemas/Widget.yaml"), WIDGET_FILE);
  await writeFile(
    join(root, "openapi/schemas/CreditRequest.yaml"),
    new Document(moved).toString({ lineWidth: 0 }),
  );
  return [SPEC, "openapi/schemas/CreditRequest.yaml", "openapi/schemas/Widget.yaml"];
}
