/**
 * Read-only connections (UX.md §1.2): why a write is refused, in one place, so every
 * "Disabled" message names the way out. `--readonly` on the command line is a lock for
 * the whole run; a connection's own flag (or `protected`) is lifted with `:rw`.
 */
import type { ConnectionInfo } from './app-reducer.js';

export function readOnlyMessage(connection: Pick<ConnectionInfo, 'name' | 'lockedReadOnly'>): string {
  const way = connection.lockedReadOnly ? 'started with --readonly' : ':rw to allow writes';
  return `Disabled: connection ${connection.name} is read-only (${way})`;
}
