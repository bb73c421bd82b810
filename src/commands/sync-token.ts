// update-records without --sync-session-token: the AWS CLI refuses; cogsync asks the
// server for a fresh token with one ListRecords call and says so on stderr, so a script
// does not have to parse ListRecords output just to pass the token along.
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import type { CommandIO } from './io.js';
import type { ServiceSession } from './service-session.js';

export async function fetchSyncSessionToken(session: ServiceSession, params: Record<string, unknown>, io: CommandIO): Promise<string> {
  const input = {
    IdentityPoolId: params.IdentityPoolId as string,
    IdentityId: params.IdentityId as string,
    DatasetName: params.DatasetName as string,
    // One record is enough: every page carries a token.
    MaxResults: 1,
  };
  const output = await session.sync.send(new ListRecordsCommand(input));
  session.debugResponse('ListRecords', output);
  if (!output.SyncSessionToken) throw new Error('ListRecords returned no SyncSessionToken');
  io.stderr(`cogsync: no --sync-session-token given; using a new one from ListRecords (dataset sync count ${output.DatasetSyncCount ?? 0})\n`);
  return output.SyncSessionToken;
}
