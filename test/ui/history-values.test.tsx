// The values the history dialog (`H`) shows for each change: escaped once, as the records
// table, the review and `cogsync history --output table` show them (sanitize.ts, no JSON
// quoting on top), using the dialog's width and marking a cut with `…` inside the quotes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderInk } from '../helpers/ink.js';
import { unsafeIn } from '../helpers/hostile-text.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { HistoryDialog, changeLine } from '../../src/ui/components/HistoryDialog.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { displayWidth } from '../../src/util/truncate.js';
import type { JournalChange, JournalEntry } from '../../src/config/journal.js';

const added = (key: string, value: string): JournalChange => ({ key, op: 'replace', after: { syncCount: 1, value } });
const MOTD = '\u001b[31mALERT\u001b[0m: maintenance window tonight from 22:00 to 23:30 UTC, the service may be slow or unavailable';
const SETTINGS = JSON.stringify({ theme: 'light', lang: 'fr', notifications: { email: true, push: false, digest: 'weekly' } }, null, 2);
const EMOJI = '🎮🏆✨ café naïve Zoë — “quoted” 日本語のテキストがここに続きます、とても長い値です。🎮🏆✨ and more text after it';

describe('history dialog values (pure)', () => {
  it('a real line break is escaped once, as the table shows it (\\n), not JSON-quoted on top', () => {
    assert.equal(changeLine(added('nl', 'a\nb'), 94), '+ nl: (new) → "a\\nb"');
  });

  it('a modified value is shown from just before where old and new differ, as the review shows it', () => {
    const before = `${'lorem ipsum '.repeat(10)}old ending`;
    const after = `${'lorem ipsum '.repeat(10)}new ending`;
    const line = changeLine({ key: 'bio', op: 'replace', before: { syncCount: 2, value: before }, after: { syncCount: 3, value: after } }, 80);
    assert.match(line, /^M bio: "…[a-z ]*old ending" → "…[a-z ]*new ending"$/, line);
    // Values that differ early are shown from their start.
    assert.equal(changeLine({ key: 'k', op: 'replace', before: { syncCount: 1, value: 'abc' }, after: { syncCount: 2, value: 'abd' } }, 80), 'M k: "abc" → "abd"');
  });

  it('typed text with a backslash and quotes is shown as typed, as the table shows it', () => {
    assert.equal(changeLine(added('bs', 'a\\nb "q"'), 94), '+ bs: (new) → "a\\nb "q""');
  });

  it('control characters are made visible once (\\e, not \\\\e) and nothing raw reaches the terminal', () => {
    const line = changeLine(added('motd', MOTD), 94);
    assert.ok(line.startsWith('+ motd: (new) → "\\e[31mALERT\\e[0m: maintenance window'), line);
    assert.deepEqual(unsafeIn(line, ''), []);
  });

  it('a long value uses the width it is given and ends with … and the closing quote', () => {
    for (const width of [40, 60, 94]) {
      for (const value of [MOTD, SETTINGS, EMOJI]) {
        const line = changeLine(added('k', value), width);
        // A wide character that would straddle the edge leaves its column empty.
        assert.ok(displayWidth(line) <= width && displayWidth(line) >= width - 1, `${width}: ${displayWidth(line)} ${line}`);
        assert.ok(line.endsWith('…"'), `${width}: ${line}`);
      }
    }
    assert.ok(changeLine(added('settings', SETTINGS), 94).startsWith('+ settings: (new) → "{\\n  "theme": "light",\\n  "lang": "fr",'));
  });

  it('a modified value shows old and new side by side, each cut with … when both are long; a short one leaves room to the other', () => {
    const both: JournalChange = { key: 'motd', op: 'replace', before: { syncCount: 1, value: MOTD }, after: { syncCount: 2, value: EMOJI } };
    const line = changeLine(both, 94);
    assert.ok(displayWidth(line) <= 94, line);
    assert.match(line, /^M motd: "\\e\[31mALERT\\e\[0m: .*…" → "🎮🏆✨ café .*…"$/u, line);
    const short: JournalChange = { key: 'motd', op: 'replace', before: { syncCount: 1, value: 'off' }, after: { syncCount: 2, value: MOTD } };
    const wide = changeLine(short, 94);
    assert.equal(displayWidth(wide), 94, wide);
    assert.ok(wide.startsWith('M motd: "off" → "\\e[31mALERT'), wide);
    assert.ok(wide.endsWith('…"'), wide);
    const removed: JournalChange = { key: 'motd', op: 'remove', before: { syncCount: 1, value: MOTD }, after: { syncCount: 2 } };
    const gone = changeLine(removed, 94);
    assert.equal(displayWidth(gone), 94, gone);
    assert.ok(gone.endsWith('…" → (removed)'), gone);
  });

  it('short values are whole; a long key is cut with … and leaves room to the values', () => {
    assert.equal(changeLine({ key: 'theme', op: 'replace', before: { syncCount: 1, value: 'dark' }, after: { syncCount: 2, value: '' } }, 94), 'M theme: "dark" → ""');
    const longKey = `key-${'x'.repeat(120)}`;
    const line = changeLine(added(longKey, 'a value that must still show'), 94);
    assert.ok(displayWidth(line) <= 94, line);
    assert.match(line, /^\+ key-x+…: \(new\) → "a value that must still show"$/, line);
  });

  it('narrow widths still fit', () => {
    for (const width of [10, 16, 24, 33]) {
      const line = changeLine({ key: 'emoji-ключ', op: 'replace', before: { syncCount: 1, value: EMOJI }, after: { syncCount: 2, value: MOTD } }, width);
      assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
      assert.deepEqual(unsafeIn(line, ''), []);
    }
  });
});

describe('history dialog values (rendered)', () => {
  it('H at 100 columns: single escaping, values across the dialog, … where cut', () => {
    const entry: JournalEntry = {
      time: '2026-01-02T10:00:00.000Z', connection: 'local', identityPoolId: 'p', identityId: 'i', datasetName: 'profile',
      syncCountBefore: 1, syncCountAfter: 2, requestId: 'req-0000-0000',
      changes: [added('bs', 'a\\nb "q"'), added('emoji-ключ', EMOJI), added('motd', MOTD), added('nl', 'a\nb'), added('settings', SETTINGS)],
    };
    const h = renderInk(
      <KeypressProvider>
        <HistoryDialog dataset="profile" entries={[entry]} selected={0} keymap={DEFAULT_KEYMAP} width={98} height={20} isoTimes onMove={() => {}} onRevert={() => {}} onClose={() => {}} />
      </KeypressProvider>,
    );
    try {
      const f = h.frame();
      const lines = f.split('\n');
      for (const l of lines) assert.ok(displayWidth(l) <= 98, `${displayWidth(l)}: ${l}`);
      const row = (key: string) => lines.find((l) => l.startsWith(`│ + ${key}: `)) ?? assert.fail(`no row for ${key}:\n${f}`);
      assert.match(row('nl'), /^│ \+ nl: \(new\) → "a\\nb" +│$/);
      assert.match(row('bs'), /^│ \+ bs: \(new\) → "a\\nb "q"" +│$/);
      for (const key of ['motd', 'settings', 'emoji-ключ']) {
        assert.match(row(key), /…" ?│$/, f);
        assert.ok(displayWidth(row(key)) === 98, row(key));
      }
      assert.ok(row('motd').startsWith('│ + motd: (new) → "\\e[31mALERT\\e[0m: maintenance window tonight from 22:00 to 23:30 UTC'), row('motd'));
      assert.doesNotMatch(f, /\\\\/, 'no doubled backslash');
      assert.deepEqual(h.rawFrames().flatMap((raw) => unsafeIn(raw.replace(/\u001b\[[0-9;]*m/g, ''), '\n')), []);
    } finally {
      h.unmount();
    }
  });
});
