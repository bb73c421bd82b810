// Turns the schema errors of config.json (conf's format, which config-file.ts keeps) into
// messages a person can act on. The file was conf's; cogsync now reads and writes it with a
// validator compiled ahead of time (config-validator.generated.ts), without loading conf.
import { CONFIG_SCHEMA } from './schema.js';

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
