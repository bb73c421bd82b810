// Keys that arrive in one read (fast typing, key repeat, tmux send-keys, a paste) act as if
// typed one by one, except that a text field gets a typed run whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

describe('key bursts in the real app', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: 'demo', inMemory: true });
  });
  after(() => server.close());

  /** `e` on displayName (the second row), the field cleared. */
  const editDisplayName = async (rig: AppRig): Promise<void> => {
    await rig.press('j');
    await rig.waitForText(/^› +displayName /m);
    await rig.press('e');
    await rig.waitForText(/edit displayName/);
    await rig.press('\u0015'); // Ctrl+U clears the field
  };

  const openProfile = async (): Promise<AppRig> => {
    const rig = await startAppRig({ server, rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' } });
    await rig.waitForIdle();
    await rig.waitForText(/^› +bio /m);
    return rig;
  };

  it('"jj" in one read moves the cursor two rows', async () => {
    const rig = await openProfile();
    try {
      await rig.press('jj');
      await rig.waitForText(/^› +emoji-ключ /m);
    } finally {
      await rig.close();
    }
  });

  it('"/nick" in one read opens the filter and types the whole query into it', async () => {
    const rig = await openProfile();
    try {
      await rig.press('/nick');
      const frame = await rig.waitForText(/\/nick +\d+\/\d+/);
      assert.doesNotMatch(frame, /\/ick /);
    } finally {
      await rig.close();
    }
  });

  it('text + Enter in one read types into the inline editor and stages the value', async () => {
    const rig = await openProfile();
    try {
      await editDisplayName(rig);
      await rig.press('Bob\r'); // typed fast: the text, then Enter stages it
      await rig.waitForText(/^›M +displayName +Bob /m);
    } finally {
      await rig.close();
    }
  });

  it('Ctrl+U, text and Enter in one read clear the field, type the text and stage it', async () => {
    const rig = await openProfile();
    try {
      await rig.press('j'); // displayName
      await rig.waitForText(/^› +displayName /m);
      await rig.press('e');
      await rig.waitForText(/edit displayName/);
      await rig.press('\u0015' + '9999' + '\r'); // as tmux send-keys C-u 9999 Enter delivers it
      await rig.waitForText(/^›M +displayName +9999 /m);
      assert.doesNotMatch(rig.frame(), /edit displayName/, 'Enter submitted the field');
    } finally {
      await rig.close();
    }
  });

  it('a bracketed paste of several lines goes into the open field whole: its line breaks are text, nothing runs as keys', async () => {
    const rig = await openProfile();
    try {
      await editDisplayName(rig);
      // As a terminal in bracketed-paste mode sends `line1⏎line2dD`; before, ⏎ was Enter and `dD` ran on the table.
      await rig.press('\u001b[200~line1\rline2dD\u001b[201~');
      await rig.press('\r');
      await rig.waitForText(/^›M +displayName +line1\\nline2dD /m);
      const staged = Object.values(rig.state().records)[0].dataset.staged;
      assert.deepEqual([...staged.keys()], ['displayName'], 'only the edited key is staged');
      assert.deepEqual(staged.get('displayName')?.op, { kind: 'replace', value: 'line1\nline2dD' });
    } finally {
      await rig.close();
    }
  });

  it('a bracketed paste on the table (no text field) is dropped with a notice, not run as commands', async () => {
    const rig = await openProfile();
    try {
      await rig.press('\u001b[200~jjdD\u001b[201~');
      await rig.waitForText('Paste ignored (4 characters): no text field is open here');
      assert.match(rig.frame(), /^› +bio /m, 'the cursor did not move');
      assert.equal(Object.values(rig.state().records)[0].dataset.staged.size, 0, 'nothing was removed');
      await rig.press('j'); // the next key works as usual
      await rig.waitForText(/^› +displayName /m);
    } finally {
      await rig.close();
    }
  });
});
