// One place that builds the conf instance for config.json, and turns conf's schema errors
// into messages a person can act on. Shared by the store and the standalone file check.
import Conf from 'conf';
import validateConfig from './config-validator.generated.js';
import type { ConfigData } from './schema.js';
import { CONFIG_SCHEMA } from './schema.js';

export const CONFIG_NAME = 'config';

interface ValidationError {
  instancePath: string;
  message?: string;
}

/**
 * `data` when it matches config.json's schema; else conf's own "Config schema violation: …"
 * error. The validator was compiled by Ajv ahead of time (scripts/config-validator.ts):
 * giving conf the schema made it compile it on every start, ~25 ms of the editor's start-up.
 */
export function checked<T>(data: T): T {
  const validate = validateConfig as unknown as ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
  if (validate(data) || !validate.errors) return data;
  const errors = validate.errors.map(({ instancePath, message = '' }) => `\`${instancePath.slice(1)}\` ${message}`);
  throw new Error(`Config schema violation: ${errors.join('; ')}`);
}

/** Throws (SyntaxError, or "Config schema violation: …") when the file exists and is not usable. Never writes. */
export function createConf(cwd: string): Conf<ConfigData> {
  return new Conf<ConfigData>({
    cwd,
    configName: CONFIG_NAME,
    // Every read and every write is checked against the schema, as conf's `schema` option would.
    // Defaults are filled in on read (store.ts), so opening never writes a file.
    deserialize: (text) => checked(JSON.parse(text) as ConfigData),
    serialize: (value) => JSON.stringify(checked(value), undefined, '\t'),
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
}

/** conf's "Config schema violation: `a/b` must be …" as "a.b must be …", with the allowed values named. */
export function schemaMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/^Config schema violation: /, '')
    .split('; ')
    .map((part) =>
      part.replace(/^`([^`]*)` (.*)$/, (_m, pointer: string, rest: string) => {
        const where = pointer === '' ? '(top level)' : pointer.split('/').join('.');
        const allowed = /allowed values/.test(rest) ? allowedValues(pointer) : undefined;
        return allowed ? `${where} must be one of ${allowed.join(', ')}` : `${where} ${rest}`;
      }),
    )
    .join('; ');
}

/** The `enum` of the schema node at a JSON pointer such as `connections/0/kind`. */
function allowedValues(pointer: string): unknown[] | undefined {
  let node: unknown = { properties: CONFIG_SCHEMA };
  for (const segment of pointer.split('/')) {
    const n = node as { properties?: Record<string, unknown>; items?: unknown; additionalProperties?: unknown };
    node = n.properties?.[segment] ?? n.items ?? n.additionalProperties;
    if (node === undefined) return undefined;
  }
  return (node as { enum?: unknown[] }).enum;
}
