// A whole session with static credentials (access key, secret, session token) against the
// real local server, through the real client factory, the commit path, the journal, drafts,
// the config and the request log; afterwards no file under COGSYNC_HOME holds any of the
// three strings, while the server did receive them (so they were really in play).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClientFactory, RequestLog } from '../../src/aws/index.js';
import { DraftStore } from '../../src/config/drafts.js';
import { Journal } from '../../src/config/journal.js';
import { stageInverse } from '../../src/config/journal-revert.js';
import { recordCommit } from '../../src/config/record-commit.js';
import { openConfigStore } from '../../src/config/store.js';
import { commitDataset, openRemoteDataset } from '../../src/session/remote-dataset.js';
import { stagePut, stageRemove } from '../../src/sync/index.js';
import { put } from '../helpers/fixtures.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { freshAddress, serverView } from '../session/session-helpers.js';

const ACCESS_KEY = 'ASIACOGSYNCLEAKCHECK7';
const SECRET = 'cogsyncLeakCheckSecret/K7MDENG+bPxRfiCY0123';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEKLeakCheckSessionToken//////////wEaCXVzLWVhc3QtMSJHMEUCIQD0123456789';

let home: ReturnType<typeof tempHome>;
let awsDir: ReturnType<typeof tempHome>;
let server: TestServer;
const saved: Record<string, string | undefined> = {};

before(async () => {
  home = tempHome();
  awsDir = tempHome('cogsync-aws-');
  // The credentials live where AWS keeps them (outside COGSYNC_HOME), in a named profile.
  writeFileSync(
    join(awsDir.dir, 'credentials'),
    `[leakcheck]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\n`,
  );
  writeFileSync(join(awsDir.dir, 'config'), '[profile leakcheck]\nregion = us-east-1\n');
  for (const name of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'COGSYNC_HOME']) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir.dir, 'credentials');
  process.env.AWS_CONFIG_FILE = join(awsDir.dir, 'config');
  process.env.COGSYNC_HOME = home.dir;
  mkdirSync(join(home.dir, 'data'), { recursive: true });
  // The server's database under COGSYNC_HOME too, as the embedded server keeps it.
  server = await startTestServer({ dbPath: join(home.dir, 'data', 'local.db') });
});

after(async () => {
  await server.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  home.cleanup();
  awsDir.cleanup();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('no file under COGSYNC_HOME ever holds the access key, the secret or the session token', async () => {
  const env = { ...process.env };
  const config = openConfigStore({ env });
  config.saveConnection({ name: 'staging', kind: 'aws', profile: 'leakcheck', region: 'us-east-1', endpointUrl: server.url, accent: 'yellow' });
  config.setPreference('theme', 'light');
  assert.throws(() => config.set('connections.staging.secretAccessKey', SECRET), /never stores credentials/);

  // The request log, as `--log FILE` writes it.
  const log = new RequestLog();
  log.setFileSink(join(home.dir, 'data', 'requests.log'));
  const factory = new ClientFactory({ log, env });
  const connection = config.connection('staging')!;
  const clients = factory.get(connection, { maxAttempts: 1 });
  const seenHeaders: Array<Record<string, string>> = [];
  clients.sync.middlewareStack.add(
    (next) => async (args) => {
      seenHeaders.push({ ...((args.request as { headers: Record<string, string> }).headers) });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'leakcheckHeaders' },
  );

  const address = freshAddress('profile');
  await put(server.sync, { IdentityPoolId: address.identityPoolId, IdentityId: address.identityId, DatasetName: address.datasetName }, { level: '1', name: 'ada' });
  config.rememberPlace('staging', address);

  const opened = await openRemoteDataset(clients.sync, address);
  const drafts = new DraftStore({ env, debounceMs: 5 });
  const journal = new Journal({ env });
  const draftAddress = { connection: 'staging', ...address };
  let state = stagePut(opened.state, 'level', '2');
  drafts.scheduleSave(draftAddress, state);
  state = stageRemove(state, 'name');
  state = stagePut(state, 'note', `typed by the user, not a secret`);
  drafts.scheduleSave(draftAddress, state);
  drafts.flush();
  assert.equal(drafts.load(draftAddress).status, 'found');

  const result = await commitDataset(clients.sync, address, state, { deviceId: 'leakcheck-device' });
  assert.equal(result.status, 'committed');
  if (result.status !== 'committed') return;
  const entry = recordCommit({ journal, drafts }, { ...draftAddress, deviceId: 'leakcheck-device' }, state, result);
  assert.ok(entry?.requestId);

  // A revert through the same path, and a second draft left behind on purpose.
  const fresh = await openRemoteDataset(clients.sync, address);
  const reverted = stageInverse(entry!, fresh.state).state;
  const second = await commitDataset(clients.sync, address, reverted);
  assert.equal(second.status, 'committed');
  if (second.status === 'committed') recordCommit({ journal, drafts }, draftAddress, reverted, second);
  drafts.save(draftAddress, stagePut(second.status === 'committed' ? second.state : reverted, 'level', '3'));
  assert.deepEqual((await serverView(server.newSyncClient(), address)).values, { level: '1', name: 'ada', note: null });
  factory.destroy();
  log.setFileSink(undefined);

  // The credentials really were used: signed with the key, the token sent as a header.
  assert.ok(seenHeaders.length >= 4);
  for (const headers of seenHeaders) {
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const token = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amz-security-token')?.[1];
    assert.match(auth, new RegExp(`Credential=${ACCESS_KEY}/`));
    assert.equal(token, SESSION_TOKEN);
  }

  const files = filesUnder(home.dir);
  for (const expected of ['config/config.json', 'data/journal.jsonl', 'data/requests.log', 'data/local.db']) {
    assert.ok(files.some((f) => f.endsWith(expected)), `${expected} was written`);
  }
  assert.ok(files.some((f) => f.includes(`${join('data', 'drafts')}`)), 'a draft was written');
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of [ACCESS_KEY, SECRET, SESSION_TOKEN]) {
      for (const form of [secret, Buffer.from(secret, 'utf16le').toString('latin1')]) {
        assert.equal(bytes.includes(Buffer.from(form, 'latin1')), false, `${file} contains ${secret.slice(0, 8)}…`);
      }
    }
  }
});
