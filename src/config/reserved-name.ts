// `local` names the editor's embedded local server in the connections list and on the command line (`cogsync` with no
// connection flags opens it), so no saved connection may take that name: one would hide the embedded server. Names
// are matched exactly, as everywhere else in the list (`Local` is another name). Pure.
import type { SavedConnection } from './schema.js';

export const RESERVED_CONNECTION_NAME = 'local';

export const isReservedConnectionName = (name: string): boolean => name === RESERVED_CONNECTION_NAME;

/**
 * A connection name taken from something else (a profile's name, an endpoint's host): itself, except `local`, which
 * becomes `profile:local` or `endpoint:local` so the embedded server keeps its row.
 */
export const derivedConnectionName = (from: 'profile' | 'endpoint', name: string): string =>
  isReservedConnectionName(name) ? `${from}:${name}` : name;

/**
 * The name an AWS profile is listed and opened under: its own, except `local` (`--profile local`, AWS_PROFILE=local,
 * a `[profile local]` in the shared config), which becomes `profile:local` so the embedded server keeps its row.
 */
export const profileConnectionName = (profile: string): string => derivedConnectionName('profile', profile);

/** The error for a connection given the reserved name (config set, the connections form). */
export const reservedNameError = (): string =>
  `'${RESERVED_CONNECTION_NAME}' is reserved for the embedded local server: pick another name ` +
  `(a local connection with no endpoint URL uses the embedded server too)`;

/** What the user is told about a saved connection named `local` in the file (hand edit, older version). */
export const reservedNameNotice = (path: string): string =>
  `${path}: the saved connection '${RESERVED_CONNECTION_NAME}' is ignored: that name is reserved for the embedded local server ` +
  `(rename it: cogsync config set connections.${RESERVED_CONNECTION_NAME}.name NEW-NAME)`;

/**
 * Why `after` may not be written over `before`, if it may not: it holds a connection named `local` that `before` did
 * not hold as is (added, renamed to it, or changed). A `local` already in the file stays writable only by leaving it
 * as it is, renaming it away or removing it, so an unrelated `config set` is never blocked by it.
 */
export function reservedNameProblem(before: readonly SavedConnection[], after: readonly SavedConnection[]): string | undefined {
  const kept = new Set(before.filter((c) => isReservedConnectionName(c.name)).map((c) => JSON.stringify(c)));
  const added = after.some((c) => isReservedConnectionName(c.name) && !kept.has(JSON.stringify(c)));
  return added ? reservedNameError() : undefined;
}
