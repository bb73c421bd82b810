// `--output text`, as awscli/text.py writes it: a dict's scalar values on one tab-separated
// line (keys sorted), then each list or dict below it, a list of dicts as one line per item
// prefixed by the upper-cased key. Every value goes through the sanitizer (scalar.ts).
import type { PlainValue } from './plain-data.js';
import { PyFloat } from './py-float.js';
import { isScalar, scalarText, sortedKeys } from './scalar.js';

export function formatText(data: PlainValue): string {
  const lines: string[] = [];
  write(data, lines, undefined, undefined);
  return lines.map((line) => `${line}\n`).join('');
}

type Obj = { [key: string]: PlainValue };

function write(item: PlainValue, lines: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (Array.isArray(item)) writeList(item, lines, identifier);
  else if (isDict(item)) writeDict(item, lines, identifier, scalarKeys);
  else lines.push(scalarText(item));
}

function writeList(items: PlainValue[], lines: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some(isDict)) {
    // One header of every scalar key seen in any item, so columns line up across lines.
    const keys = allScalarKeys(items.filter(isDict));
    for (const element of items) write(element, lines, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) writeScalarList(scalars, lines, identifier);
    for (const nested of items.filter((i) => !isScalar(i))) write(nested, lines, identifier, undefined);
  } else {
    writeScalarList(items, lines, identifier);
  }
}

function writeScalarList(items: PlainValue[], lines: string[], identifier: string | undefined): void {
  if (identifier !== undefined) {
    for (const item of items) lines.push(`${scalarText(identifier).toUpperCase()}\t${scalarText(item)}`);
  } else {
    lines.push(items.map(scalarText).join('\t'));
  }
}

function writeDict(item: Obj, lines: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  const scalars: string[] = [];
  const nested: Array<[string, PlainValue]> = [];
  if (scalarKeys === undefined) {
    for (const key of sortedKeys(Object.keys(item))) {
      if (isScalar(item[key])) scalars.push(scalarText(item[key]));
      else nested.push([key, item[key]]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(Object.hasOwn(item, key) ? scalarText(item[key]) : '');
    for (const key of sortedKeys(Object.keys(item).filter((k) => !scalarKeys.includes(k)))) nested.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(scalarText(identifier).toUpperCase());
    lines.push(scalars.join('\t'));
  }
  for (const [key, value] of nested) write(value, lines, key, undefined);
}

function allScalarKeys(items: Obj[]): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const [k, v] of Object.entries(item)) if (isScalar(v)) keys.add(k);
  return sortedKeys(keys);
}

function isDict(value: PlainValue): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof PyFloat);
}
