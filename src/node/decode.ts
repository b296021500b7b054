/**
 * Decoding an answer's body as `fetch` does: the `Content-Encoding`s gzip, deflate (zlib or
 * raw) and br, undone in reverse order of application; an unknown coding is left as is.
 */
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate, inflateRaw } from "node:zlib";

const decoders: Readonly<Record<string, (data: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  br: promisify(brotliDecompress),
  deflate: (data) =>
    // A zlib stream starts with a CMF byte whose low nibble is 8; anything else is raw deflate.
    (((data[0] ?? 0) & 0x0f) === 8 ? promisify(inflate) : promisify(inflateRaw))(data),
};

/** The body's bytes with its `Content-Encoding` undone; rejects when they do not decode. */
export async function decodeBody(
  data: Buffer,
  contentEncoding: string | undefined,
): Promise<Buffer> {
  if (contentEncoding === undefined || data.length === 0) return data;
  const codings = contentEncoding
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim());
  let decoded = data;
  for (const coding of codings.reverse()) {
    const decode = decoders[coding];
    if (decode !== undefined) decoded = await decode(decoded);
  }
  return decoded;
}
