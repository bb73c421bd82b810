// The real CLI in a real terminal with the debugging flags: --watch --watch-interval shows
// another client's write with its R marker, and --log FILE gets every call of the editor as
// JSON lines, without secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { editorTestEnv, NO_AWS_KEYS, demoServerAndHome, spawnPty } from '../helpers/pty.js';
import { LOCAL_CREDENTIALS } from '../../src/aws/clients.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = demoServerAndHome();

describe('debugging flags in a real terminal', () => {
  it('--watch --watch-interval 0.2 shows a write made elsewhere (R); --log FILE records the calls as JSON lines', async () => {
    const logFile = join(fixture.home.dir, 'calls.jsonl');
    const address = { IdentityPoolId: DEMO_POOL_ID, IdentityId: DEMO_IDENTITIES.alice, DatasetName: 'profile' };
    const term = spawnPty(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--endpoint-url', fixture.server.url, '--identity-pool-id', DEMO_POOL_ID, '--identity-id', DEMO_IDENTITIES.alice,
        '--dataset-name', 'profile', '--watch', '--watch-interval', '0.2', '--log', logFile],
      {
        cwd: root,
        cols: 110,
        rows: 30,
        env: editorTestEnv(fixture.home.dir, NO_AWS_KEYS),
      },
    );
    try {
      await term.waitFor('‹ready›', { ms: 20_000 });
      await term.waitFor(/watch 200ms · ok \d\d:\d\d:\d\d/, { ms: 20_000 });
      const mark = term.mark();
      const listed = await fixture.server.sync.send(new ListRecordsCommand(address));
      const count = listed.Records?.find((r) => r.Key === 'displayName')?.SyncCount ?? 0;
      await fixture.server.sync.send(
        new UpdateRecordsCommand({
          ...address,
          SyncSessionToken: listed.SyncSessionToken,
          DeviceId: 'pty-device',
          RecordPatches: [{ Op: 'replace', Key: 'displayName', Value: 'Alice from the pty test', SyncCount: count }],
        }),
      );
      await term.waitFor(/R displayName +Alice from the/, { since: mark });
      await term.send('q');
      const { exitCode } = await term.exited;
      assert.equal(exitCode, 0);
    } finally {
      term.kill();
    }
    const text = readFileSync(logFile, 'utf8');
    assert.ok(!text.includes(LOCAL_CREDENTIALS.secretAccessKey), 'no secret in the log');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { operation: string; params: { DatasetName?: string; LastSyncCount?: number }; httpStatus?: number; response?: unknown });
    const polls = lines.filter((l) => l.operation === 'ListRecords' && (l.params.LastSyncCount ?? 0) > 0);
    assert.ok(polls.length >= 1, `watch polls are logged (${lines.map((l) => l.operation).join(', ')})`);
    assert.ok(lines.every((l) => l.params.DatasetName === undefined || l.params.DatasetName === 'profile'));
    assert.ok(polls.some((l) => JSON.stringify(l.response).includes('Alice from the pty test')), 'the poll that saw the write, with its response');
  });
});
