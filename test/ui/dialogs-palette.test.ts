import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as D from '../../src/ui/state/dialogs.js';
import * as P from '../../src/ui/state/palette.js';
import { CogsyncError } from '../../src/aws/errors.js';

describe('dialogs', () => {
  it('confirmations start with Cancel focused and toggle', () => {
    const d = D.confirmDialog('discardAll', 'Discard', 'Discard 3 staged changes?');
    assert.equal(d.kind === 'confirm' && d.focus, 'cancel');
    const t = D.toggleConfirmFocus(d);
    assert.equal(t.kind === 'confirm' && t.focus, 'confirm');
    assert.equal(D.isModal(d), true);
    assert.equal(D.isModal({ kind: 'error', error: D.errorInfo(new Error('x')) }), false);
    assert.equal(D.isModal(null), false);
  });

  it('typed confirmation needs the exact text', () => {
    const base = { kind: 'typedConfirm' as const, purpose: 'commit' as const, title: 't', expected: 'settings', input: 'Settings' };
    const bad = D.checkTyped(base);
    assert.equal(bad.ok, false);
    assert.equal(bad.dialog.kind === 'typedConfirm' && bad.dialog.error, 'Value must be exactly settings');
    assert.equal(D.checkTyped({ ...base, input: 'settings' }).ok, true);
  });

  it('turns errors into error info with code, operation and request id', () => {
    const e = new CogsyncError({ code: 'AccessDeniedException', message: 'no', operation: 'ListRecords', requestId: 'req-1', httpStatus: 403, retryable: false });
    assert.deepEqual(D.errorInfo(e, 5), {
      code: 'AccessDeniedException', message: 'no', operation: 'ListRecords', httpStatus: 403, requestId: 'req-1', hint: undefined, at: 5,
    });
    assert.equal(D.errorInfo('boom', 1).message, 'boom');
    assert.equal(D.errorInfo(new TypeError('t'), 1).code, 'TypeError');
  });
});

describe('palette', () => {
  it('parses commands, aliases and pasted ids', () => {
    assert.deepEqual(P.parsePalette(':pool demo pool'), { ok: true, command: { kind: 'pool', arg: 'demo pool' } });
    assert.deepEqual(P.parsePalette('identity us-east-1:abc'), { ok: true, command: { kind: 'identity', arg: 'us-east-1:abc' } });
    assert.deepEqual(P.parsePalette('ds settings'), { ok: true, command: { kind: 'dataset', arg: 'settings' } });
    assert.deepEqual(P.parsePalette('q'), { ok: true, command: { kind: 'quit' } });
    assert.deepEqual(P.parsePalette(':conn'), { ok: true, command: { kind: 'conn' } });
    assert.deepEqual(P.parsePalette('us-east-1:0f1e-22'), { ok: true, command: { kind: 'id', arg: 'us-east-1:0f1e-22' } });
  });

  it('explains what is wrong', () => {
    const unknown = P.parsePalette('frob');
    assert.equal(unknown.ok, false);
    assert.match(!unknown.ok ? unknown.error : '', /unknown command 'frob'/);
    const noArg = P.parsePalette('pool');
    assert.match(!noArg.ok ? noArg.error : '', /:pool needs an id or a name/);
    assert.equal(P.parsePalette('  ').ok, false);
  });

  it('every hint that lists the palette commands lists all of them (:help, :rw, :ro included)', async () => {
    const { describeCommand } = await import('../../src/ui/keymap.js');
    const empty = P.parsePalette('');
    const unknown = P.parsePalette('frob');
    const hints = {
      empty: !empty.ok ? empty.error : '',
      unknown: !unknown.ok ? unknown.error : '',
      keymap: describeCommand('app.palette'),
    };
    for (const [where, text] of Object.entries(hints)) {
      for (const name of P.PALETTE_COMMANDS) assert.ok(text.includes(`:${name}`), `${where} hint lacks :${name}: ${text}`);
    }
  });

  it('completes command names, then arguments from what is loaded', () => {
    assert.deepEqual(P.complete('po', {}), { input: 'pool ', matches: ['pool'] });
    assert.deepEqual(P.complete('d', {}).input, 'dataset ');
    const candidates = { dataset: ['settings', 'setup', 'game'] };
    assert.deepEqual(P.complete('dataset se', candidates), { input: 'dataset set', matches: ['settings', 'setup'] });
    assert.equal(P.complete('dataset g', candidates).input, 'dataset game');
    assert.equal(P.complete('dataset zz', candidates).input, 'dataset zz');
    assert.equal(P.complete('pool ', { pool: ['Demo', 'demo-2'] }).input, 'pool Demo'.slice(0, 'pool '.length + 4));
    assert.deepEqual(P.suggestions('conn x', {}), []);
  });
});
