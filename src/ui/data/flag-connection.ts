// The connection a command line names (`--profile prod`, `--endpoint-url …`) against the saved ones: a saved
// connection of the same name keeps its own settings — above all `protected` and `readOnly`, so that opening
// production by its profile is as safe as picking it on the connections screen — while the flags say where to go.
import type { EditorConnection } from './connector.js';

/** Saved settings the command line has no flags for. */
const KEPT: ReadonlyArray<keyof EditorConnection> = ['readOnly', 'protected', 'accent', 'deviceId'];

/** `given` with the settings of the saved connection of its name (if any) that the flags do not set. */
export function withSavedSettings(given: EditorConnection, saved: readonly EditorConnection[]): EditorConnection {
  const same = saved.find((c) => c.name === given.name);
  if (!same) return given;
  const merged: EditorConnection = { ...given };
  for (const key of KEPT) {
    if (same[key] !== undefined && merged[key] === undefined) Object.assign(merged, { [key]: same[key] });
  }
  // A region saved with the connection still applies when the command line gives none.
  if (merged.region === undefined && same.region !== undefined) merged.region = same.region;
  return merged;
}

/**
 * Every connection the editor offers: the command line's first (merged with its saved namesake, which it replaces),
 * then `extra`, then the saved ones.
 */
export function editorConnections(given: EditorConnection | undefined, extra: readonly EditorConnection[], saved: readonly EditorConnection[]): EditorConnection[] {
  if (!given) return [...extra, ...saved];
  const merged = withSavedSettings(given, saved);
  return [merged, ...extra, ...saved.filter((c) => c.name !== merged.name)];
}
