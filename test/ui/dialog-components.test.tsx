import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { KEYS, renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { useKeypress, KeyPriority } from '../../src/ui/hooks/use-keypress.js';
import { HelpOverlay } from '../../src/ui/components/HelpOverlay.js';
import { ErrorPanel, errorLine } from '../../src/ui/components/ErrorPanel.js';
import { ConfirmDialog } from '../../src/ui/components/ConfirmDialog.js';
import { Palette } from '../../src/ui/components/Palette.js';
import { applyOverrides, DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { errorInfo, type ConfirmFocus } from '../../src/ui/state/dialogs.js';
import { CogsyncError } from '../../src/aws/errors.js';

/** Records what reaches the screen below a dialog. */
function Below({ log }: { log: string[] }) {
  useKeypress((input) => void log.push(input), { priority: KeyPriority.Normal });
  return null;
}

describe('HelpOverlay', () => {
  it('lists every key of the focused scopes from the keymap and swallows keys', async () => {
    const log: string[] = [];
    let closed = 0;
    const { keymap } = applyOverrides({ 'app.refresh': ['R'] });
    const h = renderInk(
      <KeypressProvider>
        <Below log={log} />
        <HelpOverlay scopes={['app', 'list']} keymap={keymap} height={30} width={100} notes={['a commit cannot be undone']} onClose={() => closed++} />
      </KeypressProvider>,
    );
    const f = h.frame();
    assert.match(f, /Everywhere/);
    assert.match(f, /Lists/);
    assert.match(f, /R\s+refresh/);
    assert.match(f, /↓ j\s+next row/);
    assert.match(f, /Ctrl\+R Z\s+redo/);
    assert.doesNotMatch(f, /Records|stage a remove/);
    assert.match(f, /a commit cannot be undone/);
    await h.press('j');
    assert.deepEqual(log, [], 'the screen below saw nothing');
    await h.press('?');
    assert.equal(closed, 1);
  });
});

describe('ErrorPanel', () => {
  const error = errorInfo(new CogsyncError({
    code: 'AccessDeniedException', message: 'not allowed\u001b[2J', operation: 'ListRecords', requestId: '3f2a9c1e-aaaa', httpStatus: 403, retryable: false,
  }));

  it('shows code, operation, status, request id and the sanitized message', () => {
    assert.equal(errorLine(error), '✗ AccessDeniedException: not allowed\\e[2J · ListRecords · HTTP 403 · req 3f2a9c1e…');
    const h = renderInk(<KeypressProvider><ErrorPanel error={error} onDismiss={() => {}} /></KeypressProvider>);
    assert.match(h.frame(), /^Esc ✗ AccessDeniedException: not allowed/);
  });

  it('is sticky: other keys pass through, Esc dismisses', async () => {
    const log: string[] = [];
    let dismissed = 0;
    const h = renderInk(
      <KeypressProvider>
        <Below log={log} />
        <ErrorPanel error={error} onDismiss={() => dismissed++} />
      </KeypressProvider>,
    );
    await h.press('j');
    assert.deepEqual(log, ['j']);
    await h.press(KEYS.backspace);
    assert.equal(dismissed, 0, 'Backspace does not dismiss');
    await h.press(KEYS.escape);
    assert.equal(dismissed, 1);
    assert.equal(log.length, 2, 'Esc did not reach the screen');
  });
});

describe('ConfirmDialog', () => {
  function Harness({ result }: { result: string[] }) {
    const [focus, setFocus] = useState<ConfirmFocus>('cancel');
    const [open, setOpen] = useState(true);
    if (!open) return <Text>closed:{result.join(',')}</Text>;
    const done = (r: string) => () => (result.push(r), setOpen(false));
    return (
      <ConfirmDialog title="Discard all?" message="3 staged changes will be lost." confirmLabel="Discard" focus={focus}
        keymap={DEFAULT_KEYMAP} width={80} onToggleFocus={() => setFocus((f) => (f === 'cancel' ? 'confirm' : 'cancel'))}
        onConfirm={done('confirm')} onCancel={done('cancel')} />
    );
  }

  it('has Cancel focused: Enter cancels', async () => {
    const result: string[] = [];
    const h = renderInk(<KeypressProvider><Harness result={result} /></KeypressProvider>);
    assert.match(h.frame(), /\[›Cancel‹\]\s+\[ Discard \]/);
    assert.match(h.frame(), /y confirm · Esc cancel/);
    await h.press(KEYS.enter);
    await h.waitFor('closed:cancel');
  });

  it('grows for a long question where the terminal allows, instead of cutting it (a draft offer ends with its time)', () => {
    const title = 'Restore 2 staged changes and an unfinished edit of "displayName" from 14:53? (y/n)';
    const h = renderInk(
      <KeypressProvider>
        <ConfirmDialog title={title} message="A draft was kept." confirmLabel="Restore" focus="confirm" keymap={DEFAULT_KEYMAP} width={120}
          onToggleFocus={() => undefined} onConfirm={() => undefined} onCancel={() => undefined} />
      </KeypressProvider>,
    );
    assert.match(h.frame(), new RegExp(`│ ${title.replace(/[?()]/g, '\\$&')} │`), h.frame());
    assert.doesNotMatch(h.frame(), /…/);
  });

  it('confirms with y, or Enter after moving focus; other keys do nothing', async () => {
    const result: string[] = [];
    const h = renderInk(<KeypressProvider><Harness result={result} /></KeypressProvider>);
    await h.press('d');
    await h.press('c');
    assert.deepEqual(result, []);
    await h.press(KEYS.tab);
    await h.waitFor(/\[ Cancel \]\s+\[›Discard‹\]/);
    await h.press(KEYS.enter);
    await h.waitFor('closed:confirm');
    const h2 = renderInk(<KeypressProvider><Harness result={[]} /></KeypressProvider>);
    await h2.press('y');
    await h2.waitFor('closed:confirm');
  });
});

describe('ConfirmDialog in a short body (tiny terminal)', () => {
  it('keeps the question, the buttons and the keys whole and cuts the message', () => {
    const message = 'A draft of profile was kept when cogsync last closed. Keys changed on the server since then will be shown as conflicts. No leaves it on disk, to be offered again next time.';
    const h = renderInk(
      <KeypressProvider>
        <Box flexDirection="column" height={7} width={40} overflowY="hidden">
          <ConfirmDialog title="Restore 1 staged change from 13:49? (y/n)" message={message} confirmLabel="Restore" focus="confirm"
            keymap={DEFAULT_KEYMAP} width={40} onToggleFocus={() => {}} onConfirm={() => {}} onCancel={() => {}} />
        </Box>
      </KeypressProvider>,
    );
    const lines = h.frame().split('\n');
    assert.equal(lines.length, 7, h.frame());
    assert.match(lines[1], /│ Restore 1 staged change from 13:49\?…/, h.frame());
    assert.match(lines[2], /│ A draft of profile was kept when/, h.frame());
    assert.match(h.frame(), /\[ Cancel \]\s+\[›Restore‹\]/);
    assert.match(lines[5], /y confirm · Esc cancel/);
  });
});

describe('Palette', () => {
  function Harness({ ran, width = 100, datasets = ['settings', 'setup', 'game'] }: { ran: string[]; width?: number; datasets?: string[] }) {
    const [line, setLine] = useState<{ input: string; cursor?: number }>({ input: '' });
    const [open, setOpen] = useState(true);
    if (!open) return <Text>palette closed</Text>;
    return <Palette input={line.input} cursor={line.cursor} width={width} candidates={{ dataset: datasets }}
      onChange={(input, cursor) => setLine({ input, cursor })} onRun={(l) => ran.push(l)} onClose={() => setOpen(false)} />;
  }

  it('types, completes with Tab, shows matches, and runs with Enter', async () => {
    const ran: string[] = [];
    const h = renderInk(<KeypressProvider><Harness ran={ran} /></KeypressProvider>);
    assert.match(h.frame(), /^: {4}pool {2}identity {2}dataset/);
    await h.type('da');
    await h.press(KEYS.tab);
    await h.waitFor(':dataset  ');
    await h.type('se');
    await h.press(KEYS.tab);
    await h.waitFor(/:dataset set \s+settings {2}setup/);
    await h.type('u');
    await h.press(KEYS.tab);
    await h.waitFor(':dataset setup');
    await h.press(KEYS.enter);
    assert.deepEqual(ran, ['dataset setup']);
  });

  it('lists as many matches as the line has room for, then counts the rest', async () => {
    const datasets = Array.from({ length: 20 }, (_, i) => `level-${String(i).padStart(2, '0')}`);
    const wide = renderInk(<KeypressProvider><Box width={220}><Harness ran={[]} width={220} datasets={datasets} /></Box></KeypressProvider>);
    // 220 columns: `:`, the line (14), 3 spaces and the free last one leave 201; the twenty names take 198.
    await wide.type('dataset level');
    await wide.waitFor('level-19');
    assert.doesNotMatch(wide.frame(), /\+\d/, 'all twenty shown, nothing counted');
    wide.unmount();
    const narrow = renderInk(<KeypressProvider><Box width={60}><Harness ran={[]} width={60} datasets={datasets} /></Box></KeypressProvider>);
    await narrow.type('dataset level');
    // 60 columns: `:`, the line (14), 3 spaces and the free last one leave 41: three names (28) and `  +17` fit,
    // a fourth (38) would not.
    await narrow.waitFor(/level-02 {2}\+17$/m);
    assert.doesNotMatch(narrow.frame(), /level-03/);
  });

  it('a line longer than the terminal scrolls so the cursor shows; wide characters are measured in columns', async () => {
    const h = renderInk(<KeypressProvider><Box width={30}><Harness ran={[]} width={30} /></Box></KeypressProvider>);
    await h.press('dataset abcdefghijklmnopqrstuvwxyz0123456789');
    // 30 columns: `:`, the end of the line cut at its start with …, the cursor cell.
    await h.waitFor(/^:…[a-z0-9]*0123456789 /);
    await h.press(KEYS.home);
    await h.waitFor(/^:dataset abcdefghijklm[a-z]*…/);
    const wide = renderInk(<KeypressProvider><Harness ran={[]} width={100} /></KeypressProvider>);
    await wide.press('dataset 日本語のデータセットの名前はとても長いです');
    // 47 columns: the whole line fits in 100, nothing is cut.
    await wide.waitFor(/^:dataset 日本語のデータセットの名前はとても長いです/);
    assert.doesNotMatch(wide.frame(), /…/, wide.frame());
  });

  it('drops control characters, and Esc closes', async () => {
    const h = renderInk(<KeypressProvider><Harness ran={[]} /></KeypressProvider>);
    await h.press('q\u0007');
    await h.waitFor(/^:q /);
    await h.press(KEYS.escape);
    await h.waitFor('palette closed');
  });

  it('edits the line as any text input: Ctrl+W, Ctrl+U, Alt+Backspace, Home/End, Ctrl+A/E/K, ← →', async () => {
    const ran: string[] = [];
    const h = renderInk(<KeypressProvider><Harness ran={ran} /></KeypressProvider>);
    await h.type('dataset game');
    await h.waitFor(/^:dataset game /);
    await h.press('\u0017'); // Ctrl+W: the word before the cursor
    await h.waitFor(/^:dataset {5}settings/);
    await h.press('\u0015'); // Ctrl+U: the line before the cursor
    await h.waitFor(/^: {4}pool/);
    assert.doesNotMatch(h.frame(), /palette closed/, 'still open');
    await h.type('ds us-east-1');
    await h.waitFor(/^:ds us-east-1$/);
    await h.press('\u001B\u007F'); // Alt+Backspace: back to the start of a word (digits and letters)
    await h.waitFor(/^:ds us-east-$/);
    await h.press(KEYS.home);
    await h.type('x');
    await h.waitFor(/^:xds us-east-$/);
    await h.press('\u0005'); // Ctrl+E
    await h.type('2');
    await h.waitFor(/^:xds us-east-2$/);
    await h.press('\u0001'); // Ctrl+A
    await h.press(KEYS.right);
    await h.press('\u000B'); // Ctrl+K: the rest of the line
    await h.waitFor(/^:x$/);
    await h.press(KEYS.backspace);
    await h.type('dataset game');
    await h.press(KEYS.left);
    await h.press(KEYS.left);
    await h.press('\u001B[1;5D'); // Ctrl+←: a word left
    await h.press(KEYS.end);
    await h.press(KEYS.enter);
    assert.deepEqual(ran, ['dataset game']);
  });

  it('keys of one read each edit what the one before left (a held Backspace, tmux send-keys)', async () => {
    const h = renderInk(<KeypressProvider><Harness ran={[]} /></KeypressProvider>);
    await h.type('dataset game');
    await h.waitFor(/^:dataset game\s/);
    await h.press('\u007F\u007F\u007F'); // three Backspaces in one read: two of them were lost
    await h.waitFor(/^:dataset g\s+game$/);
    await h.press('\u0017\u0017'); // Ctrl+W twice
    await h.waitFor(/^: {4}pool/);
  });

  it('Backspace erases but never closes it: a held Backspace stops at an empty line instead of going back screens', async () => {
    const h = renderInk(<KeypressProvider><Harness ran={[]} /></KeypressProvider>);
    await h.type('ds');
    await h.waitFor(/^:ds\b/);
    for (let i = 0; i < 5; i++) await h.press(KEYS.backspace);
    assert.match(h.frame(), /^: {4}pool/, 'still open, empty');
    assert.doesNotMatch(h.frame(), /palette closed/);
    await h.press(KEYS.escape);
    await h.waitFor('palette closed');
  });
});
