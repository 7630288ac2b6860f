// Usage: node decode.mjs <file.msgpack>
// Decodes exactly one MessagePack value with @msgpack/msgpack (trailing bytes are an error) and prints it as
// marker JSON (see json-markers.mjs) on one line.
import { readFileSync } from "node:fs";
import { Decoder, ExtensionCodec, EXT_TIMESTAMP, decodeTimestampToTimeSpec } from "@msgpack/msgpack";
import { Timestamp, toMarkerJson } from "./json-markers.mjs";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node decode.mjs <file.msgpack>");
  process.exit(2);
}

// The library's own timestamp decoding, kept as seconds + nanoseconds (a JS Date would drop the nanoseconds).
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: EXT_TIMESTAMP,
  encode: () => null,
  decode: (data) => {
    const { sec, nsec } = decodeTimestampToTimeSpec(data);
    return new Timestamp(sec, nsec);
  },
});

// Maps decode to plain objects, whose property names are strings; tag each key with its type so that integer
// keys stay integers (a tagged name is never an array index, so insertion order is kept as well).
const encodeMapKey = (key) => {
  switch (typeof key) {
    case "number":
      return `n:${key}`;
    case "bigint":
      return `b:${key}`;
    case "string":
      return `s:${key}`;
    default:
      throw new Error(`unsupported map key type ${typeof key}`);
  }
};
const decodeMapKey = (tagged) => {
  const value = tagged.slice(2);
  switch (tagged.slice(0, 2)) {
    case "n:":
      return Number(value);
    case "b:":
      return { $int: value };
    default:
      return value;
  }
};

const decoder = new Decoder({ extensionCodec, useBigInt64: true, mapKeyConverter: encodeMapKey });
const value = decoder.decode(readFileSync(file));
process.stdout.write(JSON.stringify(toMarkerJson(value, decodeMapKey)) + "\n");
