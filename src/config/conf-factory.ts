// One place that builds the conf instance for config.json, and turns conf's schema errors
// into messages a person can act on. Shared by the store and the standalone file check.
import Conf from 'conf';
import { CONFIG_SCHEMA, type ConfigData } from './schema.js';

export const CONFIG_NAME = 'config';

/** Throws (SyntaxError, or "Config schema violation: …") when the file exists and is not usable. Never writes. */
export function createConf(cwd: string): Conf<ConfigData> {
  return new Conf<ConfigData>({
    cwd,
    configName: CONFIG_NAME,
    schema: CONFIG_SCHEMA as never,
    rootSchema: { additionalProperties: false, properties: { $schema: { type: 'string' } } } as never,
    // Defaults are filled in on read, so opening never writes a file.
    // validateSchema: false: the schema is a constant of ours, so checking it against JSON Schema's meta-schema on
    // every start only cost time (compiling the meta-schema was ~30-70 ms of the editor's startup).
    ajvOptions: { useDefaults: false, allErrors: true, validateSchema: false },
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
