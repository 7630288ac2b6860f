// The JSON form both scripts use for MessagePack values that JSON cannot express directly.
//
//   nil -> null, true/false, str -> JSON string, array -> JSON array
//   integers and floats that @msgpack/msgpack decodes to a JS number -> JSON number
//   int 64 / uint 64 (decoded as BigInt)                 -> {"$int": "-9223372036854775808"}
//   NaN / Infinity / -Infinity                           -> {"$float": "NaN"}
//   bin                                                  -> {"$bin": "<base64>"}
//   timestamp (ext type -1)                              -> {"$timestamp": {"sec": <number>, "nsec": <number>}}
//   any other ext                                        -> {"$ext": {"type": <number>, "data": "<base64>"}}
//   map (any key types, order kept)                      -> {"$map": [[key, value], ...]}
//   a plain JSON object (encode.mjs input only)          -> a map with str keys
import { ExtData } from "@msgpack/msgpack";

/** A timestamp extension value. */
export class Timestamp {
  constructor(sec, nsec) {
    this.sec = sec;
    this.nsec = nsec;
  }
}

const base64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/** A decoded value (see decode.mjs for how maps arrive) as marker JSON. */
export function toMarkerJson(value, decodeMapKey) {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : { $float: String(value) };
  }
  if (typeof value === "bigint") {
    return { $int: value.toString() };
  }
  if (value instanceof Uint8Array) {
    return { $bin: base64(value) };
  }
  if (Array.isArray(value)) {
    return value.map((item) => toMarkerJson(item, decodeMapKey));
  }
  if (value instanceof Timestamp) {
    return { $timestamp: { sec: value.sec, nsec: value.nsec } };
  }
  if (value instanceof ExtData) {
    return { $ext: { type: value.type, data: base64(value.data) } };
  }
  if (typeof value === "object") {
    return { $map: Object.entries(value).map(([key, item]) => [decodeMapKey(key), toMarkerJson(item, decodeMapKey)]) };
  }
  throw new Error(`cannot express ${typeof value} as JSON`);
}

/** Marker JSON as the JS values @msgpack/msgpack encodes: BigInt, Uint8Array, Timestamp, ExtData, Map, objects. */
export function fromMarkerJson(json) {
  if (json === null || typeof json !== "object") {
    return json;
  }
  if (Array.isArray(json)) {
    return json.map(fromMarkerJson);
  }
  const keys = Object.keys(json);
  if (keys.length === 1) {
    const [marker] = keys;
    const body = json[marker];
    switch (marker) {
      case "$int":
        return BigInt(body);
      case "$float":
        return Number(body);
      case "$bin":
        return new Uint8Array(Buffer.from(body, "base64"));
      case "$timestamp":
        return new Timestamp(body.sec, body.nsec);
      case "$ext":
        return new ExtData(body.type, new Uint8Array(Buffer.from(body.data, "base64")));
      case "$map":
        return new Map(body.map(([key, value]) => [fromMarkerJson(key), fromMarkerJson(value)]));
      default:
        break;
    }
  }
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, fromMarkerJson(value)]));
}
