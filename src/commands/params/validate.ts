// Checks call parameters against the model before anything is sent, as botocore's
// ParamValidator does for the AWS CLI: required members, unknown members, JSON types,
// minimum lengths and values. (Maximums, patterns and enums are the server's job, as with
// the CLI.) Every problem is reported at once; timestamps come back as Dates for the SDK.
import { ParamValidationError } from '../errors.js';
import { getShape, type Shape } from '../model/service-model.js';
import { isPlainObject } from './unpack.js';

/** Validated parameters, ready for the SDK; throws ParamValidationError listing every problem. */
export function validateParams(shape: Shape, params: unknown): Record<string, unknown> {
  const problems: string[] = [];
  const value = check(shape, params, '', problems);
  if (problems.length > 0) throw new ParamValidationError(problems);
  return value as Record<string, unknown>;
}

function check(shape: Shape, value: unknown, name: string, problems: string[]): unknown {
  switch (shape.type) {
    case 'structure':
      return checkStructure(shape, value, name, problems);
    case 'list': {
      if (!Array.isArray(value)) return invalidType(value, name, 'list', problems);
      checkMinLength(shape, value.length, name, problems);
      const member = getShape(shape.member!.shape);
      return value.map((item, i) => check(member, item, `${name}[${i}]`, problems));
    }
    case 'map': {
      if (!isPlainObject(value)) return invalidType(value, name, 'object', problems);
      const valueShape = getShape(shape.value!.shape);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, check(valueShape, v, `${name}.${k}`, problems)]));
    }
    case 'string':
      if (typeof value !== 'string') return invalidType(value, name, 'string', problems);
      checkMinLength(shape, value.length, name, problems);
      // JSON can spell "\udfff", but no request can carry it (the SDK throws "URI malformed" for a path label).
      if (LONE_SURROGATE.test(value)) problems.push(`Invalid value for parameter ${name}: it holds a lone UTF-16 surrogate, which is not text that can be sent`);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return invalidType(value, name, 'integer', problems);
      if (shape.min !== undefined && value < shape.min) {
        problems.push(`Invalid value for parameter ${name}, value: ${value}, valid min value: ${shape.min}`);
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return invalidType(value, name, 'boolean', problems);
      return value;
    case 'timestamp': {
      const date = toDate(value);
      if (!date) return invalidType(value, name, 'timestamp (ISO 8601 or epoch seconds)', problems);
      return date;
    }
  }
}

function checkStructure(shape: Shape, value: unknown, name: string, problems: string[]): unknown {
  if (!isPlainObject(value)) return invalidType(value, name, 'object', problems);
  const members = shape.members ?? {};
  const where = name || 'input';
  for (const required of shape.required ?? []) {
    if (value[required] === undefined || value[required] === null) {
      problems.push(`Missing required parameter in ${where}: "${required}"`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    // Own members only: `constructor` or `__proto__` in a hand-written JSON is an unknown parameter, not Object's.
    const ref = Object.hasOwn(members, key) ? members[key] : undefined;
    if (!ref) {
      problems.push(`Unknown parameter in ${where}: "${key}", must be one of: ${Object.keys(members).join(', ')}`);
      continue;
    }
    if (member === undefined || member === null) continue;
    out[key] = check(getShape(ref.shape), member, name ? `${name}.${key}` : key, problems);
  }
  return out;
}

function checkMinLength(shape: Shape, length: number, name: string, problems: string[]): void {
  if (shape.min !== undefined && length < shape.min) {
    problems.push(`Invalid length for parameter ${name}, value: ${length}, valid min length: ${shape.min}`);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function invalidType(value: unknown, name: string, expected: string, problems: string[]): unknown {
  problems.push(`Invalid type for parameter ${name}, value: ${describe(value)}, type: ${typeName(value)}, valid types: ${expected}`);
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A timestamp as botocore accepts it: epoch seconds (number or numeric text) or ISO 8601;
 * without a zone it is UTC (botocore's rule, not JavaScript's local-time one).
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return validDate(value * 1000);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return validDate(Number(text) * 1000);
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  // Reject 2024-02-30 and friends instead of letting Date roll them over.
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  return new Date(utc - zoneOffsetMinutes(zone) * 60_000);
}

/** Epoch milliseconds as a Date, or undefined beyond what a Date can hold (1e300 would be an Invalid Date). */
function validDate(ms: number): Date | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
