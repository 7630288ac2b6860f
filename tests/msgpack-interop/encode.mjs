// Usage: node encode.mjs <in.json> <out.msgpack>
// Encodes one marker JSON document (see json-markers.mjs) with @msgpack/msgpack and writes the bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { Encoder, ExtensionCodec, EXT_TIMESTAMP, encodeTimeSpecToTimestamp } from "@msgpack/msgpack";
import { Timestamp, fromMarkerJson } from "./json-markers.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node encode.mjs <in.json> <out.msgpack>");
  process.exit(2);
}

// The library's own timestamp encoding (32, 64 or 96 bit, whichever fits).
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: EXT_TIMESTAMP,
  encode: (value) => (value instanceof Timestamp ? encodeTimeSpecToTimestamp(value) : null),
  decode: () => {
    throw new Error("encode only");
  },
});

// @msgpack/msgpack writes only str keys (from plain objects). State maps are keyed by integers, so a Map is
// framed here with the library's own header writers, and every key and value is still encoded by the library.
class MapEncoder extends Encoder {
  encodeObject(object, depth) {
    if (!(object instanceof Map)) {
      super.encodeObject(object, depth);
      return;
    }
    const size = object.size;
    if (size < 16) {
      this.writeU8(0x80 + size);
    } else if (size < 0x10000) {
      this.writeU8(0xde);
      this.writeU16(size);
    } else {
      this.writeU8(0xdf);
      this.writeU32(size);
    }
    for (const [key, value] of object) {
      this.doEncode(key, depth + 1);
      this.doEncode(value, depth + 1);
    }
  }
}

const encoder = new MapEncoder({ extensionCodec, useBigInt64: true });
const value = fromMarkerJson(JSON.parse(readFileSync(input, "utf8")));
writeFileSync(output, encoder.encode(value));
