import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { Text, useInput, type Key } from 'ink';
import { KEYS, renderInk, until } from '../helpers/ink.js';
import { formatKey, matchesKey, parseKey, type KeySpec } from '../../src/ui/key-spec.js';
import {
  applyOverrides, COMMAND_IDS, commandFor, DEFAULT_KEYMAP, findClashes, isCommand, keyLabel, allKeyLabels,
} from '../../src/ui/keymap.js';

function spec(text: string): KeySpec {
  const p = parseKey(text);
  if (!p.ok) throw new Error(p.error);
  return p.spec;
}

/** Sends raw sequences through Ink's own parser and returns what useInput saw. */
async function inkKeys(sequences: string[]): Promise<Array<{ input: string; key: Key }>> {
  const seen: Array<{ input: string; key: Key }> = [];
  function Probe() {
    useInput((input, key) => void seen.push({ input, key }));
    return <Text>probe</Text>;
  }
  const h = renderInk(<Probe />);
  for (const s of sequences) await h.press(s);
  await until(() => seen.length === sequences.length, h.frame);
  h.unmount();
  return seen;
}

describe('parseKey / formatKey', () => {
  it('parses characters, named keys, aliases and modifiers', () => {
    assert.deepEqual(spec('G'), { key: 'G', named: false, ctrl: false, meta: false, shift: false });
    assert.deepEqual(spec('ctrl+R'), { key: 'r', named: false, ctrl: true, meta: false, shift: false });
    assert.equal(spec('Esc').key, 'escape');
    assert.equal(spec('PgDn').key, 'pagedown');
    assert.equal(spec('delete').key, 'backspace');
    assert.equal(spec('shift+tab').shift, true);
    assert.equal(spec('+').key, '+');
    assert.equal(spec('alt++').key, '+');
  });

  it('rejects what it cannot parse, with the reason', () => {
    for (const bad of ['', 'foo', 'hyper+x', 'shift+g', 'ctrl+?', '\u0001']) {
      const p = parseKey(bad);
      assert.equal(p.ok, false, `'${bad}' should not parse`);
      if (!p.ok) assert.match(p.error, /./);
    }
  });

  it('labels keys for people', () => {
    assert.equal(formatKey(spec('ctrl+r')), 'Ctrl+R');
    assert.equal(formatKey(spec('enter')), '↵');
    assert.equal(formatKey(spec('shift+tab')), '⇧Tab');
    assert.equal(formatKey(spec('pagedown')), 'PgDn');
    assert.equal(formatKey(spec('?')), '?');
  });
});

describe('matchesKey against Ink 6 parsing', () => {
  it('matches what a terminal sends', async () => {
    const cases: Array<[string, string]> = [
      [KEYS.up, 'up'], [KEYS.down, 'down'], [KEYS.pageUp, 'pageup'], [KEYS.pageDown, 'pagedown'],
      [KEYS.home, 'home'], [KEYS.end, 'end'], [KEYS.enter, 'enter'], [KEYS.tab, 'tab'],
      [KEYS.shiftTab, 'shift+tab'], [KEYS.backspace, 'backspace'], ['\u001B[3~', 'delete'],
      [KEYS.ctrlR, 'ctrl+r'], [KEYS.ctrlC, 'ctrl+c'], ['G', 'G'], ['g', 'g'], ['?', '?'], [' ', 'space'],
      [KEYS.escape, 'escape'],
    ];
    const seen = await inkKeys(cases.map(([seq]) => seq));
    cases.forEach(([, text], i) => {
      assert.ok(matchesKey(spec(text), seen[i].input, seen[i].key), `${JSON.stringify(cases[i][0])} should be ${text}`);
    });
    // And the near misses stay apart.
    const [g, G, tab, shiftTab, ctrlR] = [14, 13, 7, 8, 11].map((i) => seen[i]);
    assert.equal(matchesKey(spec('G'), g.input, g.key), false);
    assert.equal(matchesKey(spec('g'), G.input, G.key), false);
    assert.equal(matchesKey(spec('shift+tab'), tab.input, tab.key), false);
    assert.equal(matchesKey(spec('tab'), shiftTab.input, shiftTab.key), false);
    assert.equal(matchesKey(spec('r'), ctrlR.input, ctrlR.key), false);
  });
});

describe('keymap', () => {
  it('binds every command by default, with no clash', () => {
    for (const id of COMMAND_IDS) assert.ok(DEFAULT_KEYMAP[id].length > 0, `${id} has no key`);
    assert.deepEqual(findClashes(DEFAULT_KEYMAP), []);
  });

  it('has the UX.md defaults', () => {
    assert.equal(allKeyLabels(DEFAULT_KEYMAP, 'list.down'), '↓ j');
    assert.equal(allKeyLabels(DEFAULT_KEYMAP, 'app.redo'), 'Ctrl+R Z');
    assert.equal(keyLabel(DEFAULT_KEYMAP, 'app.help'), '?');
    assert.equal(keyLabel(DEFAULT_KEYMAP, 'review.confirm'), 'y');
    assert.notEqual(keyLabel(DEFAULT_KEYMAP, 'review.confirm'), keyLabel(DEFAULT_KEYMAP, 'app.review'));
  });

  it('finds the command for a key within the given scopes', async () => {
    const [d] = await inkKeys(['d']);
    assert.equal(commandFor(DEFAULT_KEYMAP, ['app', 'list', 'records'], d.input, d.key), 'records.remove');
    assert.equal(commandFor(DEFAULT_KEYMAP, ['review'], d.input, d.key), 'review.drop');
    assert.equal(commandFor(DEFAULT_KEYMAP, ['app', 'list'], d.input, d.key), undefined);
    assert.equal(isCommand(DEFAULT_KEYMAP, 'app.quit', d.input, d.key), false);
  });
});

describe('applyOverrides', () => {
  it('rebinds and unbinds', () => {
    const { keymap, errors } = applyOverrides({ 'app.quit': ['Q'], 'app.undo': [], 'list.down': 'ctrl+n' });
    assert.deepEqual(errors, []);
    assert.equal(allKeyLabels(keymap, 'app.quit'), 'Q');
    assert.equal(keymap['app.undo'].length, 0);
    assert.equal(allKeyLabels(keymap, 'list.down'), 'Ctrl+N');
    assert.equal(allKeyLabels(DEFAULT_KEYMAP, 'app.quit'), 'q Ctrl+C', 'defaults untouched');
  });

  it('reports unknown commands and bad keys as data, changing nothing for them', () => {
    const { keymap, errors } = applyOverrides({ 'app.nope': ['x'], 'app.help': ['hyper+h'], 'app.filter': 42 });
    assert.deepEqual(errors.map((e) => e.kind), ['unknownCommand', 'badKey', 'badKey']);
    assert.match(errors[0].message, /unknown command 'app.nope'/);
    assert.match(errors[1].message, /app.help: unknown modifier 'hyper'/);
    assert.equal(allKeyLabels(keymap, 'app.help'), '?');
    assert.equal(allKeyLabels(keymap, 'app.filter'), '/');
  });

  it('reverts an override that clashes within a scope group', () => {
    const { keymap, errors } = applyOverrides({ 'records.add': ['d'] });
    assert.equal(errors.length, 1);
    assert.equal(errors[0].kind, 'clash');
    assert.match(errors[0].message, /'d' is already bound to records.remove/);
    assert.equal(allKeyLabels(keymap, 'records.add'), 'a');
    assert.deepEqual(findClashes(keymap), []);
  });

  it('allows the same key in scopes that are never live together, and swaps', () => {
    const { errors } = applyOverrides({ 'conflict.next': ['j'], 'records.add': ['d'], 'records.remove': ['a'] });
    assert.deepEqual(errors, []);
  });
});
