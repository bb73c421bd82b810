// The positional arguments of `cogsync set` (KEY=VALUE) and `cogsync rm` (KEY). The first
// '=' splits, so values may hold '='; an empty value is a real value (""), not a removal.
import { UsageError } from '../errors.js';

export interface Assignment {
  key: string;
  value: string;
}

export function parseAssignments(words: readonly string[]): Assignment[] {
  if (words.length === 0) throw new UsageError('cogsync: error: give at least one KEY=VALUE');
  const seen = new Set<string>();
  return words.map((word, i) => {
    const eq = word.indexOf('=');
    if (eq === -1) throw new UsageError(`cogsync: error: argument ${i + 1} '${word}' is not KEY=VALUE (use KEY= for an empty value)`);
    const key = word.slice(0, eq);
    if (key === '') throw new UsageError(`cogsync: error: argument ${i + 1} '${word}' has an empty key`);
    if (seen.has(key)) throw new UsageError(`cogsync: error: key '${key}' is given twice`);
    seen.add(key);
    return { key, value: word.slice(eq + 1) };
  });
}

export function parseKeys(words: readonly string[]): string[] {
  if (words.length === 0) throw new UsageError('cogsync: error: give at least one KEY');
  const seen = new Set<string>();
  for (const key of words) {
    if (key === '') throw new UsageError('cogsync: error: a key must not be empty');
    if (seen.has(key)) throw new UsageError(`cogsync: error: key '${key}' is given twice`);
    seen.add(key);
  }
  return [...words];
}
