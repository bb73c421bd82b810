// A real terminal: keys that arrive in ONE write (tmux send-keys, a fast typist, a slow
// machine) go where each would have gone typed alone. A key that opens or closes a dialog,
// bar or field changes who takes the keys after it: those wait until that change is drawn.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DraftStore } from '../../src/config/drafts.js';
import { spawnEditorOnDataset, waitUntil, type PtySession } from '../helpers/pty.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { IDENTITY, POOL, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
let home: ReturnType<typeof tempHome>;

before(async () => {
  home = tempHome('cogsync-pty-bursts-');
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
  home.cleanup();
});

const start = (dataset: string): PtySession => spawnEditorOnDataset(server.url, home.dir, { pool: POOL, identity: IDENTITY, dataset: dataset });

const until = waitUntil;

const drafts = () => new DraftStore({ env: { COGSYNC_HOME: home.dir } });

/** Starts the editor on `dataset` (color=red, size=M) and waits for its records, `color` selected. */
async function open(dataset: string): Promise<PtySession> {
  await writeAsOtherDevice(server, dataset, { color: 'red', size: 'M' });
  const term = start(dataset);
  await term.waitFor('‹ready›', { ms: 30_000 });
  await term.waitFor(/color +red/);
  return term;
}

/** Opens `e` on color and clears the field, each key waited for. */
async function editColor(term: PtySession): Promise<void> {
  let mark = term.mark();
  await term.send('e');
  await term.waitFor('edit color', { since: mark });
  mark = term.mark();
  await term.send('\u0015');
  await term.waitFor(/other-dev…│ *\r?\n/, { since: mark });
}

/** Waits for the editor to exit; fails with the screen's tail when it does not. */
async function exitCode(term: PtySession, ms = 15_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the editor did not exit; screen:\n${term.text().slice(-1500)}`)), ms);
  });
  try {
    return (await Promise.race([term.exited, timeout])).exitCode;
  } finally {
    clearTimeout(timer);
  }
}

/** The draft of `dataset` (it follows every staged change and the open edit's text). */
const draftOf = (dataset: string) => drafts().list().find((d) => d.datasetName === dataset);

/** What `e` opens now: the key of the selected row. */
async function selectedKey(term: PtySession): Promise<string> {
  const mark = term.mark();
  await term.send('e');
  const text = await term.waitFor(/edit (\w+)/, { since: mark });
  return /edit (\w+)/.exec(text)![1];
}

describe('keys in one write in a real terminal', () => {
  it('text, Ctrl+C, q, y in one write (as tmux send-keys sends them): the text goes to the edit, q and y to the quit dialog, which keeps the draft', { timeout: 60_000 }, async () => {
    const term = await open('burst-quit');
    try {
      await editColor(term);
      await term.send('hello typed\u0003qy');
      assert.equal(await exitCode(term), 0);
      assert.deepEqual(draftOf('burst-quit')?.unfinished, { kind: 'edit', key: 'color', text: 'hello typed' });
    } finally {
      term.kill();
    }
  });

  it('Ctrl+C then y in one write over an edit already typed: y answers the dialog', { timeout: 60_000 }, async () => {
    const term = await open('burst-quit-y');
    try {
      await editColor(term);
      const mark = term.mark();
      await term.send('typed');
      await term.waitFor('│ typed', { since: mark });
      await term.send('\u0003y');
      assert.equal(await exitCode(term), 0);
      assert.deepEqual(draftOf('burst-quit-y')?.unfinished, { kind: 'edit', key: 'color', text: 'typed' });
    } finally {
      term.kill();
    }
  });

  it('text, Enter, j in one write: Enter stages the text, j moves the selection (not typed)', { timeout: 60_000 }, async () => {
    const term = await open('burst-enter');
    try {
      await editColor(term);
      await term.send('blue\rj');
      await until(() => draftOf('burst-enter')?.ops.length === 1, 'the staged change in the draft');
      assert.deepEqual(draftOf('burst-enter')!.ops.map((o) => [o.key, o.value]), [['color', 'blue']]);
      assert.equal(await selectedKey(term), 'size');
    } finally {
      term.kill();
    }
  });

  it('a, key, Tab, value, Enter in one write: the key and the value each go to their own field', { timeout: 60_000 }, async () => {
    const term = await open('burst-tab');
    try {
      await term.send('anewkey\tval\r');
      await until(() => draftOf('burst-tab')?.ops.length === 1, 'the added record in the draft');
      assert.deepEqual(draftOf('burst-tab')!.ops.map((o) => [o.key, o.value]), [['newkey', 'val']]);
    } finally {
      term.kill();
    }
  });

  it(':q and Enter in one write run the command', { timeout: 60_000 }, async () => {
    const term = await open('burst-palette');
    try {
      await term.send(':q\r');
      assert.equal(await exitCode(term), 0);
    } finally {
      term.kill();
    }
  });

  it('/, a query and Enter in one write filter the list and give the keys back to it', { timeout: 60_000 }, async () => {
    const term = await open('burst-filter');
    try {
      const mark = term.mark();
      await term.send('/siz\r');
      await term.waitFor(/\/siz {2}1\/2/, { since: mark });
      assert.equal(await selectedKey(term), 'size');
    } finally {
      term.kill();
    }
  });

  it('e, Ctrl+U, text and Enter in one write: the text goes into the field e opened, and Enter stages it', { timeout: 60_000 }, async () => {
    const term = await open('burst-e');
    try {
      await term.send('e\u0015green\r');
      await until(() => draftOf('burst-e')?.ops.length === 1, 'the staged change in the draft');
      assert.deepEqual(draftOf('burst-e')!.ops.map((o) => [o.key, o.value]), [['color', 'green']]);
      assert.equal(draftOf('burst-e')!.unfinished, undefined);
    } finally {
      term.kill();
    }
  });
});
