// Turns the editor's command-line flags into runEditor options, checking them first so a
// typo in a deep link is a clear error instead of an empty screen.
import type { RunEditorOptions } from './run-editor.js';
import type { EditorConnection } from './data/connector.js';
import { connectionFromFlags } from '../aws/clients.js';
import { checkDatasetName, checkIdentityId, checkIdentityPoolId } from '../sync/index.js';

export interface EditorFlagValues {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  readonly?: boolean;
  identityPoolId?: string;
  identityId?: string;
  datasetName?: string;
  /** `--watch`: watch mode on from the start. */
  watch?: boolean;
  /** `--watch-interval SECONDS` as typed (default 5). */
  watchInterval?: string;
  /** `--log FILE`: every AWS call appended as JSON lines. */
  log?: string;
}

/** Shortest watch interval: a poll per 100 ms is already a lot of ListRecords. */
export const MIN_WATCH_INTERVAL_SECONDS = 0.1;

/** `--watch-interval` in milliseconds, or why it is not a usable number of seconds. */
export function parseWatchInterval(text: string): { ms: number } | { error: string } {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < MIN_WATCH_INTERVAL_SECONDS) {
    return { error: `--watch-interval must be a number of seconds, at least ${MIN_WATCH_INTERVAL_SECONDS}; got '${text}'` };
  }
  return { ms: Math.round(seconds * 1000) };
}

export function editorOptionsFromFlags(flags: EditorFlagValues, env: NodeJS.ProcessEnv = process.env): { options: RunEditorOptions } | { error: string } {
  if (flags.identityId && !flags.identityPoolId) return { error: '--identity-id needs --identity-pool-id' };
  if (flags.datasetName && !flags.identityId) return { error: '--dataset-name needs --identity-pool-id and --identity-id' };
  if (flags.identityPoolId) {
    const issues = [
      ...checkIdentityPoolId(flags.identityPoolId),
      ...(flags.identityId !== undefined ? checkIdentityId(flags.identityId) : []),
      ...(flags.datasetName !== undefined ? checkDatasetName(flags.datasetName) : []),
    ];
    if (issues.length > 0) return { error: issues.map((i) => i.message).join('; ') };
  }
  const interval = flags.watchInterval === undefined ? undefined : parseWatchInterval(flags.watchInterval);
  if (interval && 'error' in interval) return { error: interval.error };
  if (flags.log !== undefined && flags.log.trim() === '') return { error: '--log needs a file name' };
  const remote = Boolean(flags.profile || flags.region || flags.endpointUrl);
  const connection: EditorConnection | undefined = remote
    ? connectionFromFlags(flags, env)
    : undefined;
  return {
    options: {
      connection,
      readOnly: flags.readonly === true,
      deepLink: flags.identityPoolId
        ? { pool: flags.identityPoolId, identity: flags.identityId, dataset: flags.datasetName }
        : undefined,
      ...(flags.watch || interval ? { watch: { enabled: flags.watch === true, ...(interval ? { intervalMs: interval.ms } : {}) } } : {}),
      ...(flags.log !== undefined ? { log: flags.log } : {}),
    },
  };
}
