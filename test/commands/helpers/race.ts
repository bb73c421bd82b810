// Another device acting between a command's first ListRecords and its UpdateRecords: a real race against the real
// local server, for the helper commands' conflict and deleted-dataset handling.
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import type { OpenSession } from '../../../src/commands/open-session.js';
import { openServiceSession } from '../../../src/commands/service-session.js';
import type { TestServer } from '../../helpers/local-server.js';

export interface Place {
  IdentityPoolId: string;
  IdentityId: string;
  DatasetName: string;
}

/** Another device writes `key=value` at the key's current SyncCount. */
export async function otherDeviceWrites(server: TestServer, place: Place, key: string, value: string): Promise<void> {
  const client = server.newSyncClient();
  const listed = await client.send(new ListRecordsCommand(place));
  const count = listed.Records?.find((r) => r.Key === key)?.SyncCount ?? 0;
  await client.send(new UpdateRecordsCommand({ ...place, SyncSessionToken: listed.SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: key, Value: value, SyncCount: count }] }));
}

/** A session that runs `meanwhile` once, right after the command's first ListRecords answered. */
export function racing(meanwhile: () => Promise<unknown>): OpenSession {
  return async (io, g) => {
    const session = openServiceSession(io, g);
    const send = session.sync.send.bind(session.sync) as (command: unknown) => Promise<unknown>;
    let fired = false;
    (session.sync as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command: unknown) => {
      const output = await send(command);
      if (!fired && command instanceof ListRecordsCommand) {
        fired = true;
        await meanwhile();
      }
      return output;
    };
    return session;
  };
}
