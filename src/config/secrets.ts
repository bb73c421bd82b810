// cogsync never keeps credentials in its files. Credentials come from the AWS credential
// chain at run time; a field that looks like one is refused when set and removed on load.
import { ConfigError } from './config-error.js';

/** Deeper JSON is refused (ConfigError) rather than walked. */
export const MAX_NESTING = 100;

/** Field names that hold AWS credentials or something like them, in any casing or separator. */
const SECRET_NAME = /^(aws[-_]?)?(access[-_]?key([-_]?id)?|secret([-_]?access)?([-_]?key)?|session[-_]?token|security[-_]?token|password|passwd|credentials?|private[-_]?key|api[-_]?key|token)$/i;

export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(name.replace(/\s+/g, ''));
}

/**
 * A copy of `value` without any secret-looking field, at any depth, and the dotted paths of
 * what was removed. Values are never inspected or returned, only names.
 */
export function stripSecretFields(value: unknown, path = ''): { clean: unknown; removed: string[] } {
  const removed: string[] = [];
  const walk = (node: unknown, at: string, depth: number): unknown => {
    if (node === null || typeof node !== 'object') return node;
    // A hand-edited file nested thousands deep would overflow the stack here; no valid config comes near.
    if (depth > MAX_NESTING) throw new ConfigError(`nested more than ${MAX_NESTING} levels deep`);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${at}${at ? '.' : ''}${i}`, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const childPath = `${at}${at ? '.' : ''}${key}`;
      if (isSecretFieldName(key)) removed.push(childPath);
      // defineProperty: a `__proto__` key stays a key instead of becoming the prototype.
      else Object.defineProperty(out, key, { value: walk(child, childPath, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return { clean: walk(value, path, 0), removed };
}

/** The first secret-looking segment of a dotted key path, if any (for `config set`). */
export function secretSegment(keyPath: string): string | undefined {
  return keyPath.split('.').find(isSecretFieldName);
}
