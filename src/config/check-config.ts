// Checks config.json as it is on disk (after `cogsync config edit`) without moving or
// changing anything: JSON syntax, the schema, credentials, duplicate names, keymap overrides.
import { existsSync, readFileSync } from 'node:fs';
import { applyOverrides } from '../ui/keymap.js';
import { checked, schemaMessage } from './conf-factory.js';
import type { ConfigData } from './schema.js';
import { isReservedConnectionName, reservedNameNotice } from './reserved-name.js';
import { stripSecretFields } from './secrets.js';

export interface ConfigCheck {
  /** The file cannot be used as it is: cogsync would move it aside (or strip credentials) when it starts. */
  errors: string[];
  /**
   * Set when the errors are credential-looking fields alone: cogsync removes them when it starts and uses the rest of
   * the file (nothing is moved aside).
   */
  credentialsOnly?: true;
  /** The file is used, but these entries are ignored (bad keymap overrides, a duplicate name, a connection named local). */
  warnings: string[];
}

/** Each message starts with the file's path; both lists are empty when the file is fine (or absent). */
export function checkConfigFile(path: string): ConfigCheck {
  if (!existsSync(path)) return { errors: [], warnings: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { errors: [`${path}: not valid JSON: ${(error as Error).message}`], warnings: [] };
  }
  const problems: string[] = [];
  let stripped: ReturnType<typeof stripSecretFields>;
  try {
    stripped = stripSecretFields(parsed);
  } catch (error) {
    return { errors: [`${path}: ${(error as Error).message}`], warnings: [] };
  }
  const { removed } = stripped;
  if (removed.length > 0) problems.push(`${path}: credentials are not allowed here (${removed.join(', ')}); use an AWS profile`);
  // The schema is checked on the file as cogsync starts with it: credential fields removed first (store.ts), so
  // their own "must NOT have additional properties" is not reported as a second problem.
  let schemaOk = true;
  try {
    checked(stripped.clean);
  } catch (error) {
    schemaOk = false;
    problems.push(`${path}: ${schemaMessage(error)}`);
  }
  if (problems.length > 0) return { errors: problems, warnings: [], ...(schemaOk ? { credentialsOnly: true as const } : {}) };
  const data = parsed as Partial<ConfigData>;
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const c of data.connections ?? []) {
    if (isReservedConnectionName(c.name)) {
      if (!seen.has(c.name)) warnings.push(reservedNameNotice(path));
    } else if (seen.has(c.name)) warnings.push(`${path}: two connections are named '${c.name}'; only the first is used`);
    seen.add(c.name);
  }
  for (const e of applyOverrides(data.keymap ?? {}).errors) warnings.push(`${path}: keymap: ${e.message}`);
  return { errors: [], warnings };
}
