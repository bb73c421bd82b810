// Checks config.json as it is on disk (after `cogsync config edit`) without moving or
// changing anything: JSON syntax, the schema, credentials, duplicate names, keymap overrides.
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyOverrides } from '../ui/keymap.js';
import { createConf, schemaMessage } from './conf-factory.js';
import type { ConfigData } from './schema.js';
import { stripSecretFields } from './secrets.js';

export interface ConfigCheck {
  /** The file cannot be used: cogsync would move it aside (or strip credentials) when it starts. */
  errors: string[];
  /** The file is used, but these entries are ignored (bad keymap overrides, a duplicate name). */
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
  let removed: string[];
  try {
    removed = stripSecretFields(parsed).removed;
  } catch (error) {
    return { errors: [`${path}: ${(error as Error).message}`], warnings: [] };
  }
  if (removed.length > 0) problems.push(`${path}: credentials are not allowed here (${removed.join(', ')}); use an AWS profile`);
  try {
    createConf(dirname(path));
  } catch (error) {
    problems.push(`${path}: ${schemaMessage(error)}`);
  }
  if (problems.length > 0) return { errors: problems, warnings: [] };
  const data = parsed as Partial<ConfigData>;
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const c of data.connections ?? []) {
    if (seen.has(c.name)) warnings.push(`${path}: two connections are named '${c.name}'; only the first is used`);
    seen.add(c.name);
  }
  for (const e of applyOverrides(data.keymap ?? {}).errors) warnings.push(`${path}: keymap: ${e.message}`);
  return { errors: [], warnings };
}
