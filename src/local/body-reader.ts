// Typed access to JSON request members. A member of the wrong JSON type is a
// SerializationException (SERVICE.md §1.3 rule 5); `null` counts as absent; unknown
// members are simply never read.
import { serialization } from './errors.js';
import type { Violations } from './validation.js';

type Json = Record<string, unknown>;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function wrongType(path: string, expected: string, value: unknown): Error {
  return serialization(`Expected ${expected} for '${path}', got ${kind(value)}`);
}

export function optString(obj: Json, name: string, path = name): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrongType(path, 'a string', v);
  return v;
}

export function optBoolean(obj: Json, name: string, path = name): boolean | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw wrongType(path, 'a boolean', v);
  return v;
}

/** A JSON integer (the model's Integer / Long). */
export function optInteger(obj: Json, name: string, path = name): number | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(path, 'an integer', v);
  return v;
}

/**
 * Timestamps clients can hold: years 0001–9999 (botocore's datetime stops at 9999; a JS Date
 * at ±8.64e15 ms). A record stamped 1e300 would be stored, then break every later listing
 * of the dataset in the AWS CLI and give the JS SDK an Invalid Date.
 */
const MIN_EPOCH_SECONDS = -62_135_596_800; // 0001-01-01T00:00:00Z
const MAX_EPOCH_SECONDS = 253_402_300_799.999; // 9999-12-31T23:59:59.999Z

/** Whether `seconds` is a timestamp every client can hold (any other reader of bodies must check it too). */
export function isClientTimestamp(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= MIN_EPOCH_SECONDS && seconds <= MAX_EPOCH_SECONDS;
}

/** A timestamp as epoch seconds (integer or fractional), returned in epoch milliseconds. */
export function optEpochMillis(obj: Json, name: string, path = name): number | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrongType(path, 'a timestamp in epoch seconds', v);
  if (!isClientTimestamp(v)) {
    throw serialization(`Expected a timestamp in epoch seconds for '${path}' between 0001-01-01 and 9999-12-31, got ${v}`);
  }
  return Math.round(v * 1000);
}

export function optObject(obj: Json, name: string, path = name): Json | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(path, 'an object', v);
  return v as Json;
}

export function optArray(obj: Json, name: string, path = name): unknown[] | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw wrongType(path, 'a list', v);
  return v;
}

/** A list whose items are all objects. */
export function optObjectList(obj: Json, name: string, path = name): Json[] | undefined {
  const list = optArray(obj, name, path);
  list?.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw wrongType(`${path}[${i}]`, 'an object', item);
  });
  return list as Json[] | undefined;
}

/** A list whose items are all strings. */
export function optStringList(obj: Json, name: string, path = name): string[] | undefined {
  const list = optArray(obj, name, path);
  list?.forEach((item, i) => {
    if (typeof item !== 'string') throw wrongType(`${path}[${i}]`, 'a string', item);
  });
  return list as string[] | undefined;
}

/** A map of string to string. */
export function optStringMap(obj: Json, name: string, path = name): Record<string, string> | undefined {
  const map = optObject(obj, name, path);
  if (map) {
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') throw wrongType(`${path}.${key}`, 'a string', value);
    }
  }
  return map as Record<string, string> | undefined;
}

/**
 * A query-string integer (`maxResults`, `lastSyncCount`). Text that is not a whole number
 * is a constraint violation of that parameter (InvalidParameterException), reported with
 * the request's other violations.
 */
export function queryInteger(query: Map<string, string>, name: string, v: Violations): number | undefined {
  const text = query.get(name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    v.add(name, text, 'Member must be an integer');
    return undefined;
  }
  return Number(text);
}
