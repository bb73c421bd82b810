// How the AWS CLI's text and table formats write one scalar: Python's str() (True, False,
// None), then the one sanitizer, so a value cannot inject escape sequences, tabs or newlines.
import { sanitizeLine } from '../../util/sanitize.js';
import type { PlainValue } from './plain-data.js';
import { PyFloat, pyNumberText } from './py-float.js';

export function scalarText(value: PlainValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  // str() of an int or a float: `2`, `2.0`, `1e+16`.
  if (typeof value === 'number' || value instanceof PyFloat) return pyNumberText(value);
  // A dict or list where the CLI expected a scalar (mixed shapes): one JSON line.
  if (typeof value === 'object') return sanitizeLine(JSON.stringify(value));
  return sanitizeLine(value);
}

export function isScalar(value: PlainValue | undefined): boolean {
  return value === null || value === undefined || typeof value !== 'object' || value instanceof PyFloat;
}

/** Python's sorted() on str: code point order. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
