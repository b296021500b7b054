/**
 * Spec conformance, models: every schema of the facts sheet is a named schema of
 * openapi/credits.yaml with exactly its properties, types, formats, limits and required list.
 */
import { describe, expect, test } from "vitest";
import { expectSchemaToMatch, schemaRef } from "./expect-schema.ts";
import { MODELS, type EnumModelFact, type ObjectModelFact } from "./facts.ts";
import { effectiveSchema, loadSpec } from "./openapi-document.ts";

const spec = loadSpec();

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function testExists(name: string): void {
  test("is a named schema under components/schemas", () => {
    expect(spec.components.schemas[name], `components/schemas/${name} exists`).toBeDefined();
  });
}

function describeEnumModel(name: string, fact: EnumModelFact): void {
  describe(name, () => {
    testExists(name);
    const schema = spec.components.schemas[name];
    if (schema === undefined) return;

    test("is a string schema with exactly the facts sheet's values", () => {
      expect(schema.type, `${name} type`).toBe("string");
      expect(schema.enum, `${name} enum`).toEqual(fact.values);
    });
  });
}

function describeObjectModel(name: string, fact: ObjectModelFact): void {
  describe(name, () => {
    testExists(name);
    const schema = spec.components.schemas[name];
    if (schema === undefined) return;
    const effective = effectiveSchema(spec, schema);

    test("has exactly the properties of the facts sheet, none invented, none left out", () => {
      expect(sorted(Object.keys(effective.properties)), `${name} properties`).toEqual(
        sorted(Object.keys(fact.properties)),
      );
    });

    test("requires exactly the properties the facts sheet marks required", () => {
      expect(sorted(effective.required), `${name} required`).toEqual(sorted(fact.required));
    });

    test.each(Object.entries(fact.properties))(
      "property %s has its type, format, enum and limits",
      (property, propertyFact) => {
        expectSchemaToMatch(`${name}.${property}`, effective.properties[property], propertyFact);
      },
    );

    const base = fact.extends;
    if (base === undefined) {
      test("is a plain object schema", () => {
        expect(schema.type, `${name} type`).toBe("object");
        expect(schema.allOf, `${name} allOf`).toBeUndefined();
      });
    } else {
      test(`builds on ${base.base} with allOf instead of copying its properties`, () => {
        const [first, second, ...rest] = schema.allOf ?? [];
        expect(first?.$ref, `${name} allOf[0] $ref`).toBe(schemaRef(base.base));
        expect(second?.properties, `${name} allOf[1] properties`).toBeDefined();
        expect(sorted(Object.keys(second?.properties ?? {})), `${name} allOf[1] adds`).toEqual(
          sorted(base.adds),
        );
        expect(rest, `${name} allOf has no further branch`).toEqual([]);
        expect(schema.properties, `${name} has no properties beside allOf`).toBeUndefined();
      });
    }
  });
}

for (const [name, fact] of Object.entries(MODELS)) {
  if (fact.kind === "enum") describeEnumModel(name, fact);
  else describeObjectModel(name, fact);
}

test("components/schemas holds exactly the facts sheet's models", () => {
  expect(sorted(Object.keys(spec.components.schemas)), "components/schemas names").toEqual(
    sorted(Object.keys(MODELS)),
  );
});
