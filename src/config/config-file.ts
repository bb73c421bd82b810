// Reading and writing config.json as conf did (same file, same JSON with tabs, same schema errors), with the schema
// check compiled ahead of time (config-validator.generated.ts) instead of loading ajv and conf on every start.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import validateGenerated from './config-validator.generated.js';

interface SchemaError {
  instancePath: string;
  message?: string;
}

const validate = validateGenerated as unknown as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export const SCHEMA_VIOLATION = 'Config schema violation: ';

/** Throws conf's "Config schema violation: `a/b` must be …; …" when `data` does not match the schema. */
export function assertValidConfig(data: unknown): void {
  if (validate(data) || !validate.errors) return;
  const errors = validate.errors.map(({ instancePath, message = '' }) => `\`${instancePath.slice(1)}\` ${message}`);
  throw new Error(SCHEMA_VIOLATION + errors.join('; '));
}

/**
 * The stored settings, checked against the schema: `{}` when there is no file (its folder is made, as conf did).
 * Throws a SyntaxError for text that is not JSON and a schema violation for JSON that does not fit.
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true });
    return {};
  }
  const data: unknown = JSON.parse(text);
  assertValidConfig(data);
  return { ...(data as Record<string, unknown>) };
}

/** Checks `data`, then replaces the file atomically (owner-only), tab-indented like conf wrote it. */
export function writeConfigFile(path: string, data: unknown): void {
  assertValidConfig(data);
  writeFileAtomic(path, JSON.stringify(data, undefined, '\t'), 0o600);
}
