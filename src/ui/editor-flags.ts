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
    },
  };
}
