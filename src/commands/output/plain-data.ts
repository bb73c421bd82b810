// SDK output → the plain data the AWS CLI formats: `$metadata` dropped, members in the
// model's order (botocore parses in that order, so the CLI prints in it), timestamps as
// AWS CLI v2 prints them: ISO 8601 in the local time zone, `2024-01-02T03:04:05.678000+00:00`.
import { getShape, type Shape } from '../model/service-model.js';
import { PyFloat } from './py-float.js';

/** A PyFloat only from --query (avg, a `2.0` literal): a float JavaScript would take for an int. */
export type PlainValue = string | number | boolean | null | PyFloat | PlainValue[] | { [key: string]: PlainValue };
export type PlainObject = { [key: string]: PlainValue };

export interface PlainOptions {
  /** Minutes east of UTC for a given instant; the machine's zone by default (as the CLI). */
  utcOffsetMinutes?: (date: Date) => number;
}

const localOffset = (date: Date): number => -date.getTimezoneOffset();

export function toPlainOutput(shape: Shape, output: unknown, options: PlainOptions = {}): PlainObject {
  const plain = convert(shape, output, options.utcOffsetMinutes ?? localOffset);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) && !(plain instanceof PyFloat) ? plain : {};
}

function convert(shape: Shape | undefined, value: unknown, offset: (date: Date) => number): PlainValue {
  if (value === undefined || value === null) return null;
  // An Invalid Date (an impossible server timestamp) prints as null instead of "NaN-NaN-…".
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatCliTimestamp(value, offset(value));
  if (Array.isArray(value)) {
    const member = shape?.type === 'list' ? getShape(shape.member!.shape) : undefined;
    return value.map((item) => convert(member, item, offset));
  }
  if (typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: PlainObject = {};
    if (shape?.type === 'structure') {
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (source[name] !== undefined) out[name] = convert(getShape(ref.shape), source[name], offset);
      }
    }
    const mapValue = shape?.type === 'map' ? getShape(shape.value!.shape) : undefined;
    // Members the model does not know (a newer server) are kept, after the known ones.
    for (const [name, v] of Object.entries(source)) {
      if (name === '$metadata' || Object.hasOwn(out, name) || v === undefined) continue;
      out[name] = convert(mapValue, v, offset);
    }
    return out;
  }
  if (typeof value === 'number' && shape?.type === 'timestamp') {
    const date = new Date(value * 1000);
    return formatCliTimestamp(date, offset(date));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Python's `datetime.isoformat()` of an aware datetime: microseconds only when not zero,
 * offset as ±HH:MM.
 */
export function formatCliTimestamp(date: Date, utcOffsetMinutes: number): string {
  const shifted = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const day = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const ms = shifted.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${pad(ms * 1000, 6)}`;
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${day}T${time}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
