/**
 * The date formats of src/schema/formats/ against ajv-formats 3 in `full` mode, the reference: the same
 * verdict on many generated near-valid strings (the right shape with random digits, offsets,
 * leap seconds, separators) and on the edge cases ajv-formats and the JSON Schema suite test.
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FORMATS } from "../../src/schema/catalogue.ts";

const RUNS = 20_000;

function ajvFormat(name: "date" | "date-time"): (text: string) => boolean {
  const format: unknown = fullFormats[name];
  if (typeof format === "object" && format !== null && "validate" in format) {
    const validate: unknown = format.validate;
    if (typeof validate === "function") {
      return (text) => (validate as (text: string) => unknown)(text) === true;
    }
  }
  throw new Error(`ajv-formats has no validate function for ${name}`);
}

function ours(name: "date" | "date-time"): (text: string) => boolean {
  const format = FORMATS[name];
  if (format === undefined) throw new Error(`src/schema/formats/ has no format ${name}`);
  return (text) => format.test(text);
}

const formats = {
  date: { ours: ours("date"), ajv: ajvFormat("date") },
  "date-time": { ours: ours("date-time"), ajv: ajvFormat("date-time") },
};

const digits = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((values) => values.join(""));
const upTo = (max: number, width = 2) =>
  fc.integer({ min: 0, max }).map((value) => String(value).padStart(width, "0"));
const join = (parts: readonly string[]) => parts.join("");
/** Mostly nothing; now and then a character that must spoil the string. */
const noise = fc.oneof(
  { weight: 12, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom(" ", "\n", "x", "Z", "0", "-", "৪", "\u00a0") },
  { weight: 1, arbitrary: fc.string({ maxLength: 2 }) },
);

const year = fc.oneof(
  { weight: 6, arbitrary: upTo(9999, 4) },
  { weight: 3, arbitrary: fc.constantFrom("2000", "1900", "2100", "2400", "2023", "2024", "0000") },
  { weight: 1, arbitrary: fc.oneof(digits(3), digits(5), fc.constant("２０２３")) },
);
const month = fc.oneof(
  { weight: 8, arbitrary: upTo(13) },
  { weight: 1, arbitrary: fc.constantFrom("1", "001", "0x", "1৪", "-1") },
);
const day = fc.oneof(
  { weight: 8, arbitrary: upTo(32) },
  { weight: 3, arbitrary: fc.constantFrom("28", "29", "30", "31") },
  { weight: 1, arbitrary: fc.constantFrom("1", "001", "3 ", "+1") },
);
const dash = fc.oneof(
  { weight: 12, arbitrary: fc.constant("-") },
  { weight: 1, arbitrary: fc.constantFrom("/", "", "--", "‐") },
);
const date = fc.tuple(noise, year, dash, month, dash, day, noise).map(join);

const sign = fc.constantFrom("+", "-", "−", "");
const offset = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("Z", "z") },
  { weight: 2, arbitrary: fc.constant("") },
  {
    weight: 6,
    arbitrary: fc
      .tuple(sign, upTo(25), fc.constantFrom(":", ":", "", "::", "."), upTo(61))
      .map(join),
  },
  { weight: 1, arbitrary: fc.tuple(sign, upTo(24)).map(join) },
  { weight: 1, arbitrary: fc.constantFrom("+5:30", "+05:3", "UTC", "Zz", "+05:30Z", "GMT+1") },
);
const fraction = fc.oneof(
  { weight: 4, arbitrary: fc.constant("") },
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 1, max: 9 })
      .chain((length) => digits(length))
      .map((d) => `.${d}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(".", ",5", ".5.5", ".x") },
);
const separator = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("T", "t") },
  { weight: 3, arbitrary: fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\ufeff") },
  { weight: 1, arbitrary: fc.constantFrom("", "x", "TT", "T ", "_", "Ｔ") },
);
const time = fc
  .tuple(
    upTo(25),
    fc.constantFrom(":", ":", ":", ""),
    upTo(61),
    fc.constant(":"),
    upTo(62),
    fraction,
    offset,
  )
  .map(join);
/**
 * Times of second 60 (or 59, 61) at 23:59 UTC give or take a minute, written in a random local
 * time zone: the leap seconds ajv-formats accepts and their near misses.
 */
const leapSecond = fc
  .tuple(
    fc.integer({ min: -1439, max: 1439 }),
    fc.constantFrom(0, 0, 0, -1, 1, 60),
    fc.constantFrom("60", "60", "60.5", "60.999", "61", "59"),
    fc.constantFrom(":", ":", ""),
  )
  .map(([offset, miss, second, colon]) => {
    const pad = (value: number) => String(value).padStart(2, "0");
    const local = (((23 * 60 + 59 + offset + miss) % 1440) + 1440) % 1440;
    const zone = Math.abs(offset);
    const sign = offset < 0 ? "-" : "+";
    const time = `${pad(Math.floor(local / 60))}:${pad(local % 60)}:${second}`;
    return `${time}${sign}${pad(Math.floor(zone / 60))}${colon}${pad(zone % 60)}`;
  });
const existingDate = fc
  .tuple(upTo(9999, 4), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const dateTime = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(date, separator, time, noise).map(join) },
  {
    weight: 1,
    arbitrary: fc.tuple(existingDate, fc.constantFrom("T", "t", " "), leapSecond).map(join),
  },
);

describe("FORMATS.date", () => {
  test("agrees with ajv-formats' full date on generated near-valid dates", () => {
    fc.assert(
      fc.property(fc.oneof(date, fc.string({ maxLength: 12 })), (text) => {
        expect(formats.date.ours(text), JSON.stringify(text)).toBe(formats.date.ajv(text));
      }),
      { numRuns: RUNS },
    );
  });

  test("finds valid and invalid dates among the generated ones (the generator is near-valid)", () => {
    const samples = fc.sample(date, { numRuns: 2_000, seed: 1 });
    expect(samples.filter(formats.date.ajv).length).toBeGreaterThan(200);
    expect(samples.filter((text) => !formats.date.ajv(text)).length).toBeGreaterThan(200);
  });

  test.each([
    ["1963-06-19", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2020-03-31", true],
    ["0000-02-29", true],
    ["2023-02-29", false],
    ["2023-02-30", false],
    ["1900-02-29", false],
    ["2023-13-01", false],
    ["2023-00-10", false],
    ["2023-04-31", false],
    ["2020-01-32", false],
    ["2020-01-00", false],
    ["1998-1-20", false],
    ["1998-01-1", false],
    ["1963-06-1৪", false],
    ["20230328", false],
    ["2023-W13", false],
    ["2023-02-04T00:00:00Z", false],
    ["2023-02-04\n", false],
    [" 2023-02-04", false],
    ["", false],
  ])("%j is %s, as ajv-formats says", (text, valid) => {
    expect(formats.date.ajv(text)).toBe(valid);
    expect(formats.date.ours(text)).toBe(valid);
  });
});

describe('FORMATS["date-time"]', () => {
  test("agrees with ajv-formats' full date-time on generated near-valid date-times", () => {
    fc.assert(
      fc.property(fc.oneof(dateTime, fc.string({ maxLength: 30 })), (text) => {
        expect(formats["date-time"].ours(text), JSON.stringify(text)).toBe(
          formats["date-time"].ajv(text),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test("finds valid and invalid date-times and leap seconds among the generated ones", () => {
    const samples = fc.sample(dateTime, { numRuns: 4_000, seed: 1 });
    expect(samples.filter(formats["date-time"].ajv).length).toBeGreaterThan(200);
    expect(samples.filter((text) => !formats["date-time"].ajv(text)).length).toBeGreaterThan(200);
    const leap = samples.filter((text) => /:6[01]/.test(text));
    expect(leap.filter(formats["date-time"].ajv).length).toBeGreaterThan(100);
    expect(leap.filter((text) => !formats["date-time"].ajv(text)).length).toBeGreaterThan(100);
  });

  test.each([
    ["1963-06-19T08:30:06.283185Z", true],
    ["1963-06-19T08:30:06Z", true],
    ["1963-06-19t08:30:06.283185z", true],
    ["1963-06-19 08:30:06Z", true],
    ["1963-06-19\t08:30:06Z", true],
    ["1937-01-01T12:00:27.87+00:20", true],
    ["1990-12-31T15:59:50.123-08:00", true],
    ["2023-02-04T10:15:30+0530", true],
    ["2023-02-04T10:15:30+05", true],
    ["1998-12-31T23:59:60Z", true],
    ["1998-12-31T15:59:60.123-08:00", true],
    ["1998-12-31T23:59:60.5Z", true],
    ["2024-02-29T00:00:00Z", true],
    ["1998-12-31T23:59:61Z", false],
    ["1998-12-31T23:58:60Z", false],
    ["1998-12-31T22:59:60Z", false],
    ["1998-12-31T15:59:60-07:00", false],
    ["1990-02-31T15:59:59.123-08:00", false],
    ["1990-12-31T15:59:59-24:00", false],
    ["1990-12-31T15:59:59+23:60", false],
    ["2023-02-04T10:15:30", false],
    ["2023-02-04T24:00:00Z", false],
    ["2023-02-04T10:60:00Z", false],
    ["2023-02-04T10:15Z", false],
    ["2023-02-04T10:15:30.Z", false],
    ["2023-02-04TT10:15:30Z", false],
    ["2023-02-04T10:15:30Z ", false],
    ["2023-02-04T10:15:30Z\n", false],
    ["06/19/1963 08:30:06 PST", false],
    ["2013-350T01:01:01Z", false],
    ["1963-6-19T08:30:06.283185Z", false],
    ["1963-06-1৪T00:00:00Z", false],
    ["1963-06-11T0৪:00:00Z", false],
    ["2023-02-29T10:15:30Z", false],
  ])("%j is %s, as ajv-formats says", (text, valid) => {
    expect(formats["date-time"].ajv(text)).toBe(valid);
    expect(formats["date-time"].ours(text)).toBe(valid);
  });

  test("follows ajv-formats' leap-second arithmetic where it is lenient (24:00:00 one minute east)", () => {
    for (const text of ["2023-02-04T24:00:00+00:01", "2023-02-04T00:00:60-00:01"]) {
      expect(formats["date-time"].ours(text), text).toBe(formats["date-time"].ajv(text));
    }
  });
});

/**
 * The other formats against ajv-formats' `full` mode on generated strings, valid and near-valid:
 * the same verdict, except where ajv-formats departs from the format's RFC. Each departure is
 * named, and the client keeps the RFC's answer.
 */

/** ajv accepts an authority with a second `@`, a colon in its host, or a port of other than digits. */
const looseAuthority = {
  name: "ajv accepts an authority holding a second @, a colon in its host outside brackets, or a port of other than digits; RFC 3986's does not",
  applies: (text: string) => {
    const match = /\/\/([^/?#]*)/.exec(text);
    if (!match) return false;
    const authority = match[1] ?? "";
    const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/\[.*\]/, "");
    const port = host.includes(":") ? host.slice(host.lastIndexOf(":") + 1) : "";
    return authority.split("@").length > 2 || host.split(":").length > 2 || /\D/.test(port);
  },
};

const DEPARTURES: Record<string, { name: string; applies: (text: string) => boolean }[]> = {
  duration: [
    {
      name: "ajv accepts a duration that skips a unit between two it names (P1Y4D, PT1H5S); RFC 3339's grammar does not",
      applies: (text) => /Y\d+D|H\d+S/.test(text),
    },
  ],
  hostname: [
    {
      name: "ajv accepts a trailing dot; RFC 1123's host names have none",
      applies: (text) => text.endsWith("."),
    },
  ],
  email: [
    {
      name: "ajv refuses RFC 5321's quoted local parts and address literals",
      applies: (text) => text.startsWith('"') || text.endsWith("]"),
    },
  ],
  uri: [
    {
      name: "ajv refuses a URI whose hier-part is empty (urn:, a:#b), which RFC 3986 allows",
      applies: (text) => /^[a-z][a-z0-9+.-]*:(?:[?#]|$)/i.test(text),
    },
    looseAuthority,
  ],
  "uri-reference": [
    {
      name: "ajv accepts characters RFC 3986 does not allow (a space, a quote) and a leading colon",
      applies: (text) =>
        /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.test(text) || /^[^/?#]*:/.test(text),
    },
    looseAuthority,
  ],
};

const NEAR_VALID: Record<string, fc.Arbitrary<string>> = {
  time: fc
    .tuple(upTo(25), upTo(61), upTo(61), fraction, offset)
    .map(([h, m, s, f, z]) => `${h}:${m}:${s}${f}${z}`),
  duration: fc.stringMatching(/^P(?:[0-9]{1,2}[YMWDTHS]){0,4}$/),
  email: fc.oneof(
    fc.emailAddress(),
    fc.string({ maxLength: 12 }).map((local) => `${local}@example.com`),
    fc.emailAddress().map((address) => address.replace("@", "@[") + "]"),
    fc.constantFrom('"a b"@example.com', "a@[127.0.0.1]", "a@[IPv6:::1]", "a..b@c.d", ".a@b.c"),
  ),
  hostname: fc.oneof(fc.domain(), fc.stringMatching(/^[a-z0-9.-]{1,20}$/)),
  ipv4: fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.stringMatching(/^[0-9.]{1,16}$/)),
  ipv6: fc.oneof(fc.ipV6(), fc.stringMatching(/^[0-9a-f:.]{1,40}$/)),
  uri: fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.string({ maxLength: 20 }),
    fc.stringMatching(/^[a-z]{1,5}:[a-z/%?#[\]@:.0-9]{0,20}$/),
  ),
  "uri-reference": fc.oneof(
    fc.webUrl(),
    fc.string({ maxLength: 20 }),
    fc.stringMatching(/^[a-z/%?#[\]@:.0-9 ]{0,20}$/),
  ),
  uuid: fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-fA-F-]{30,40}$/)),
};

function ajvFull(name: string): (text: string) => boolean {
  const format: unknown = (fullFormats as Record<string, unknown>)[name];
  const test: unknown =
    typeof format === "object" && format !== null && "validate" in format
      ? format.validate
      : format;
  if (test instanceof RegExp) return (text) => test.test(text);
  if (typeof test === "function")
    return (text) => (test as (text: string) => unknown)(text) === true;
  throw new Error(`ajv-formats has no ${name}`);
}

describe.each(Object.keys(NEAR_VALID))("FORMATS[%j]", (name) => {
  const ours = FORMATS[name]!;
  const reference = ajvFull(name);
  test("agrees with ajv-formats on generated strings, but for the named departures", () => {
    fc.assert(
      fc.property(NEAR_VALID[name]!, (text) => {
        if (ours.test(text) === reference(text)) return;
        const departure = DEPARTURES[name]?.find((known) => known.applies(text));
        expect(
          departure,
          `${JSON.stringify(text)}: ours ${ours.test(text)}, ajv ${reference(text)}`,
        ).toBeDefined();
      }),
      { numRuns: Number(process.env.FORMAT_RUNS ?? 5_000) },
    );
  });
  test("judges only strings", () => {
    expect(ours.test(12)).toBe(true);
  });
});

describe("OpenAPI's number formats", () => {
  test("int32 is an integer in [−2^31, 2^31 − 1]", () => {
    const int32 = FORMATS.int32!;
    expect([0, -2147483648, 2147483647].map(int32.test)).toEqual([true, true, true]);
    expect([2147483648, -2147483649, 1.5].map(int32.test)).toEqual([false, false, false]);
    expect(int32.test("1")).toBe(true);
  });

  test("int64 is an integer within ±(2^53 − 1): a pinned departure from ajv-formats and the suite, which accept ±2^63", () => {
    const int64 = FORMATS.int64!;
    expect(int64.test(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(int64.test(-Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(int64.test(2 ** 53)).toBe(false);
    expect(int64.test(2 ** 63)).toBe(false);
    expect(int64.test(0.5)).toBe(false);
    expect(ajvFull("int64")(String(2 ** 63))).toBe(false);
  });

  test("float and double accept any finite number", () => {
    for (const name of ["float", "double"]) {
      expect([0, -1.5e300, 3.4e38].every(FORMATS[name]!.test)).toBe(true);
      expect(FORMATS[name]!.test(Infinity)).toBe(false);
    }
  });
});

describe("the formats' edges", () => {
  test.each([
    ["time", "23:59:60Z", true],
    ["time", "15:59:60-08:00", true],
    ["time", "12:00:60Z", false],
    ["time", "12:00:00+0530", true],
    ["time", "12:00:00", false],
    ["date-time", "1990-12-31T23:59:60Z", true],
    ["date-time", "1990-12-31T15:59:60-08:00", true],
    ["date-time", "1990-12-31T23:58:60Z", false],
    ["duration", "P1DT2H", true],
    ["duration", "P3W", true],
    ["duration", "P1Y2W", false],
    ["duration", "PT", false],
    ["email", "joe.bloggs@example.com", true],
    ["email", '"joe bloggs"@example.com', true],
    ["email", "joe.bloggs@[IPv6:::1]", true],
    ["email", "joe..bloggs@example.com", false],
    ["hostname", "www.example.com", true],
    ["hostname", "-a.com", false],
    ["hostname", `${"a".repeat(64)}.com`, false],
    ["ipv4", "192.168.0.1", true],
    ["ipv4", "087.10.0.1", false],
    ["ipv6", "::ffff:192.168.0.1", true],
    ["ipv6", "1:2:3:4:5:6:7:8:9", false],
    ["uri", "https://example.com/a?b#c", true],
    ["uri", "urn:isbn:0451450523", true],
    ["uri", "//example.com", false],
    ["uri-reference", "../a/b", true],
    ["uri-reference", "#top", true],
    ["uri-reference", "\\\\WINDOWS\\fileshare", false],
    ["uuid", "2EB8AA08-AA98-11EA-B4AA-73B441D16380", true],
    ["uuid", "2eb8aa08aa9811eab4aa73b441d16380", false],
  ] as const)("%s %j: %s", (name, text, valid) => {
    expect(FORMATS[name]!.test(text)).toBe(valid);
  });
});
