// `cogsync import FILE` reads the file as an editor or a shell may have saved it: a UTF-8
// byte order mark, or UTF-16 with its mark (what `cogsync export > f.json` gives in Windows
// PowerShell 5), is not "not JSON".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../../src/commands/transfer/import.js';
import { tempDirForFile } from '../helpers/home.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { finish, newIO } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const bob = `us-east-1:${randomUUID()}`;
const dir = tempDirForFile('cogsync-import-file-');

const globals = () => ({ endpointUrl: server.url });

test('import reads a file saved with a byte order mark (UTF-8, or UTF-16 as PowerShell 5 redirects write it)', async () => {
  const doc = JSON.stringify({ Format: 'cogsync-export/1', IdentityPoolId: pool, IdentityId: bob, Datasets: [{ DatasetName: 'bom', Records: [{ Key: 'k', Value: 'é😀' }] }] }, null, 2);
  const utf16be = Buffer.from(`\ufeff${doc}`, 'utf16le').swap16();
  const files: Array<[string, Buffer]> = [
    ['bom-utf8.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc, 'utf8')])],
    ['bom-utf16le.json', Buffer.from(`\ufeff${doc}`, 'utf16le')],
    ['bom-utf16be.json', utf16be],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(join(dir, name), bytes);
    const io = newIO();
    const r = await finish(io, await runImport({ file: join(dir, name), globals: globals() }, io));
    assert.equal(r.code, 0, `${name}: ${r.err}`);
    assert.equal(r.out, 'bom: 1 change (DatasetSyncCount 0)\n  + "k" = "é😀"\n', name);
  }
});
