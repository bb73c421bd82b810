// Checks call parameters against the model before anything is sent, as botocore's
// ParamValidator does for the AWS CLI: required members, unknown members, JSON types,
// minimum lengths and values. (Maximums, patterns and enums are the server's job, as with
// the CLI.) Every problem is reported at once; timestamps come back as Dates for the SDK.
import { ParamValidationError } from '../errors.js';
import { hasLoneSurrogate, LONE_SURROGATE_PROBLEM } from '../lone-surrogate.js';
import { getShape, type Shape } from '../model/service-model.js';
import { JsonFloat } from './json-float.js';
import { isPlainObject } from './unpack.js';

/** Validated parameters, ready for the SDK; throws ParamValidationError listing every problem. */
export function validateParams(shape: Shape, params: unknown): Record<string, unknown> {
  const problems: string[] = [];
  const value = check(shape, params, '', problems);
  if (problems.length > 0) throw new ParamValidationError(problems);
  return value as Record<string, unknown>;
}

function check(shape: Shape, value: unknown, name: string, problems: string[]): unknown {
  // A float (`2.0` in JSON) is no integer for botocore, whatever its value; only a timestamp takes it, as seconds.
  if (value instanceof JsonFloat && shape.type === 'timestamp') value = value.value;
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
      if (hasLoneSurrogate(value)) problems.push(`Invalid value for parameter ${name}: ${LONE_SURROGATE_PROBLEM}`);
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
      // botocore sends a timestamp as int(timegm(...)): whole seconds, a fraction dropped (rounded down, before 1970 too).
      return new Date(Math.floor(date.getTime() / 1000) * 1000);
    }
  }
}

function checkStructure(shape: Shape, value: unknown, name: string, problems: string[]): unknown {
  if (!isPlainObject(value)) return invalidType(value, name, 'object', problems);
  const members = shape.members ?? {};
  const where = name || 'input';
  for (const required of shape.required ?? []) {
    if (value[required] === undefined) {
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
    if (member === undefined) continue; // a JSON null is checked, and refused as the AWS CLI refuses None
    const path = name ? `${name}.${key}` : key;
    out[key] = check(getShape(ref.shape), member, path, problems);
    if (ref.location === 'header' && typeof member === 'string') {
      if (HEADER_CONTROL.test(member)) {
        // Node refuses to send it ("Invalid character in header content"); said here, before anything is sent.
        problems.push(`Invalid value for parameter ${path}: it is sent in the HTTP header ${ref.locationName ?? key}, which cannot hold line breaks or other control characters`);
      }
      // Else it stays as typed: it goes out as its UTF-8 bytes, as the AWS CLI sends it (header-text.ts).
    }
  }
  return out;
}

function checkMinLength(shape: Shape, length: number, name: string, problems: string[]): void {
  if (shape.min !== undefined && length < shape.min) {
    problems.push(`Invalid length for parameter ${name}, value: ${length}, valid min length: ${shape.min}`);
  }
}

/** Characters no HTTP header value may hold (a tab may). */
const HEADER_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

function invalidType(value: unknown, name: string, expected: string, problems: string[]): unknown {
  problems.push(`Invalid type for parameter ${name}, value: ${describe(value)}, type: ${typeName(value)}, valid types: ${expected}`);
  return value;
}

function describe(value: unknown): string {
  if (value instanceof JsonFloat) return value.toString();
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function typeName(value: unknown): string {
  if (value instanceof JsonFloat) return 'float';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * A timestamp as botocore reads one for the AWS CLI: epoch seconds (a number or numeric text, `1.7e9` too), ISO 8601
 * (`2024-01-02T03:04:05Z`, the compact `20240102T030405Z`), or a date with its month's name (`Jan 2 2024`,
 * `Tue, 02 Jan 2024 03:04:05 GMT`); without a zone it is UTC (botocore's rule, not JavaScript's local time).
 * What dateutil guesses at is refused: `01/02/2024` (which is the month?), a missing year or day, named zones but UTC
 * and GMT (dateutil reads `EST` as UTC), words such as `tomorrow`. README, "Scriptable commands", lists them.
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return validDate(value * 1000);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (EPOCH_SECONDS.test(text)) return validDate(Number(text) * 1000);
  const parts = isoParts(text) ?? monthNameParts(text);
  return parts && dateFromParts(parts);
}

/** Python's float(): what botocore tries before any date format (so `20240102` is seconds, as with the CLI). */
const EPOCH_SECONDS = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Digits after the decimal point of the seconds. */
  fraction: string;
  /** `Z`, `UTC`, `GMT`, `+01:00`, `-0130`, `+01`; UTC when absent. */
  zone: string;
}

const ZONE = String.raw`Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?`;

/**
 * Date `2024-01-02`, `2024-1-2`, `2024/01/02` or `20240102` (then with a time); time after `T` or a space as
 * `03:04:05.5`, `030405`, `03:04` or `03`; then a zone, maybe after a space. A zone needs a time (botocore refuses
 * `2024-01-02Z`).
 */
const ISO_8601 = new RegExp(
  String.raw`^(\d{4})(?:([-/])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2})(?=[T ]))` +
    String.raw`(?:[T ](\d{2})(?:(:?)(\d{2})(?:\8(\d{2})(?:[.,](\d{1,9}))?)?)?(?:\s*(${ZONE}))?)?$`,
  'i',
);

function isoParts(text: string): DateParts | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, y, , mo = m[5], d = m[6], , , h = '0', , mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), fraction, zone };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(am|pm)?$/i;

/**
 * `Jan 2 2024`, `2 January 2024 15:04`, `January 2, 2024 3:04 PM`, `Tue, 02 Jan 2024 03:04:05 GMT` (HTTP's dates),
 * `Tue Jan 2 03:04:05 UTC 2024` (date(1)'s): words in any order, each kind once. The year must have four digits,
 * so the day (one or two) and the year cannot be taken for each other.
 */
function monthNameParts(text: string): DateParts | undefined {
  const found: Partial<DateParts> & { weekday?: boolean; meridiem?: string } = {};
  for (const word of text.replace(/,/g, ' ').split(/\s+/)) {
    if (!readWord(word.replace(/\.$/, ''), found)) return undefined;
  }
  const { year, month, day, hour = 0, meridiem } = found;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (meridiem && (found.hour === undefined || hour < 1 || hour > 12)) return undefined;
  // As in ISO form, a zone only with a time: botocore refuses `Jan 2 2024 UTC`.
  if (found.zone !== undefined && found.hour === undefined) return undefined;
  const hour24 = meridiem ? (hour % 12) + (meridiem === 'pm' ? 12 : 0) : hour;
  return { year, month, day, hour: hour24, minute: found.minute ?? 0, second: found.second ?? 0, fraction: found.fraction ?? '', zone: found.zone ?? 'Z' };
}

/** Records what `word` is in `found`; false for a word that is none of them, or a second one of a kind. */
function readWord(word: string, found: Partial<DateParts> & { weekday?: boolean; meridiem?: string }): boolean {
  const lower = word.toLowerCase();
  const once = <K extends keyof typeof found>(key: K, value: (typeof found)[K]): boolean => {
    if (found[key] !== undefined) return false;
    found[key] = value;
    return true;
  };
  const month = MONTHS.findIndex((name) => name === lower || (lower.length >= 3 && name.startsWith(lower) && lower.length <= 4));
  if (month >= 0) return once('month', month + 1);
  if (WEEKDAYS.some((name) => name === lower || name.slice(0, 3) === lower)) return once('weekday', true);
  if (/^\d{4}$/.test(word)) return once('year', Number(word));
  const day = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(word);
  if (day) return once('day', Number(day[1]));
  if (lower === 'am' || lower === 'pm') return once('meridiem', lower);
  if (new RegExp(`^(?:${ZONE})$`, 'i').test(word)) return once('zone', word);
  const clock = CLOCK.exec(word);
  if (!clock) return false;
  const [, h, mi, s = '0', fraction = '', meridiem] = clock;
  return once('hour', Number(h)) && once('minute', Number(mi)) && once('second', Number(s)) && once('fraction', fraction) && (!meridiem || once('meridiem', meridiem.toLowerCase()));
}

/**
 * The instant, or undefined for a year, day, hour, minute, second or zone out of range (no rolling 2024-02-30 over;
 * Python's dates start at year 1).
 */
function dateFromParts(p: DateParts): Date | undefined {
  if (p.year < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  const date = new Date(Date.UTC(2000, 0, 1, p.hour, p.minute, p.second, Number((p.fraction + '000').slice(0, 3))));
  // Date.UTC would read years 0–99 as 1900–1999.
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  if (date.getUTCMonth() !== p.month - 1 || date.getUTCDate() !== p.day) return undefined;
  const offset = zoneOffsetMinutes(p.zone);
  return offset === undefined ? undefined : validDate(date.getTime() - offset * 60_000);
}

/** Epoch milliseconds as a Date, or undefined beyond what a Date can hold (1e300 would be an Invalid Date). */
function validDate(ms: number): Date | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return hours > 23 || minutes > 59 ? undefined : sign * (hours * 60 + minutes);
}
