// A real terminal through the real CLI: stage an edit, kill the process with SIGKILL (no
// chance to clean up), start cogsync again on the same COGSYNC_HOME, restore the draft and
// commit it; another SDK client reads the value.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DraftStore } from '../../src/config/drafts.js';
import { spawnEditorOnDataset, waitUntil, type PtySession } from '../helpers/pty.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { IDENTITY, POOL, serverRecords, writeAsOtherDevice } from './records-helpers.js';

const DATASET = 'pty-draft';
let server: TestServer;
let home: ReturnType<typeof tempHome>;

before(async () => {
  home = tempHome('cogsync-pty-draft-');
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
  home.cleanup();
});

const start = (): PtySession => spawnEditorOnDataset(server.url, home.dir, { pool: POOL, identity: IDENTITY, dataset: DATASET });

const until = waitUntil;

/** Opens `e` on color once the editor is ready, clears the field and types `text`; returns the mark before typing. */
async function typeIntoColor(term: PtySession, text: string): Promise<number> {
  await term.waitFor('‹ready›', { ms: 30_000 });
  await term.waitFor(/color +red/);
  let mark = term.mark();
  await term.send('e');
  await term.waitFor('edit color', { since: mark });
  // One key at a time, each waited for: keys arriving in one read would be taken as pasted text.
  mark = term.mark();
  await term.send('\u0015'); // Ctrl+U clears the field
  await term.waitFor(/other-dev…│ *\r?\n/, { since: mark });
  await term.send(text); // one write: typed as one paste
  await term.waitFor(new RegExp(`│ ${text}`), { since: mark });
  return mark;
}

describe('drafts in a real terminal', () => {
  it('an edit staged before kill -9 is restored on the next start and committed', async () => {
    await writeAsOtherDevice(server, DATASET, { color: 'red', size: 'M' });
    const drafts = new DraftStore({ env: { COGSYNC_HOME: home.dir } });

    const first = start();
    try {
      const mark = await typeIntoColor(first, 'blue');
      await first.send('\r');
      await first.waitFor(/M color +blue/, { since: mark });
      await until(() => drafts.list().some((d) => d.datasetName === DATASET && d.ops[0]?.value === 'blue'), 'the draft file');
      first.kill('SIGKILL');
      const { signal } = await first.exited;
      assert.equal(signal, 9);
    } finally {
      first.kill();
    }
    assert.deepEqual(await serverRecords(server, DATASET), { color: 'red', size: 'M' }, 'nothing was sent before the kill');

    const second = start();
    try {
      await second.waitFor('‹ready›', { ms: 30_000 });
      await second.waitFor(/Restore 1 staged change from \d\d:\d\d\? \(y\/n\)/);
      let mark = second.mark();
      await second.send('y');
      await second.waitFor('Restored 1 staged change', { since: mark });
      await second.waitFor(/M color +blue/, { since: mark });
      mark = second.mark();
      await second.send('c');
      await second.waitFor('Review: 1 change', { since: mark });
      mark = second.mark();
      await second.send('y');
      await second.waitFor('committed 1 change', { since: mark });
      assert.deepEqual(await serverRecords(server, DATASET), { color: 'blue', size: 'M' });
      assert.deepEqual(drafts.list(), [], 'the draft is removed after the commit');
      await second.send('q');
      const { exitCode } = await second.exited;
      assert.equal(exitCode, 0);
    } finally {
      second.kill();
    }
  });

  it('text typed into an open edit and not staged yet survives kill -9: the edit opens again as it was left', async () => {
    await writeAsOtherDevice(server, DATASET, { color: 'red', size: 'M' });
    const drafts = new DraftStore({ env: { COGSYNC_HOME: home.dir } });

    const first = start();
    try {
      await typeIntoColor(first, 'green'); // Enter never pressed
      await until(() => drafts.list().some((d) => d.datasetName === DATASET && d.unfinished?.kind === 'edit' && d.unfinished.text === 'green'), 'the unfinished edit in the draft file');
      first.kill('SIGKILL');
      await first.exited;
    } finally {
      first.kill();
    }

    const second = start();
    try {
      await second.waitFor('‹ready›', { ms: 30_000 });
      await second.waitFor(/Restore an unfinished edit of "color" from \d\d:\d\d\? \(y\/n\)/);
      let mark = second.mark();
      await second.send('y');
      await second.waitFor('Restored an unfinished edit of "color": Enter stages it, Esc drops it', { since: mark });
      await second.waitFor(/│ green/, { since: mark });
      mark = second.mark();
      await second.send('\r');
      await second.waitFor(/M color +green/, { since: mark });
      mark = second.mark();
      await second.send('x'); // discard all (asks)
      await second.waitFor(/Discard/i, { since: mark });
      await second.send('y');
      await until(() => !drafts.list().some((d) => d.datasetName === DATASET), 'the draft removed after discarding');
      await second.send('q');
      await second.exited;
    } finally {
      second.kill();
    }
  });
});
