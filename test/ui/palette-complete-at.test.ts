// Tab in the `:` palette completes the word at the cursor, as a shell does: the command word or the argument,
// from the part before the cursor; the rest of the line stays; the cursor ends after the completed word.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt, suggestionsAt, complete } from '../../src/ui/state/palette.js';

const pools = { pool: ['demo-pool', 'demo-2', 'prod'] };

/** `|` marks the cursor: 'pool de|' → ['pool de', 7]. */
function at(marked: string): [string, number] {
  const cursor = marked.indexOf('|');
  assert.ok(cursor >= 0, `no cursor in ${marked}`);
  return [marked.slice(0, cursor) + marked.slice(cursor + 1), cursor];
}
function tab(marked: string, candidates = {}): string {
  const [line, cursor] = at(marked);
  const done = completeAt(line, cursor, candidates);
  return done.line.slice(0, done.cursor) + '|' + done.line.slice(done.cursor);
}

describe('palette: Tab completes the word at the cursor', () => {
  it('the argument at the end of the line', () => {
    assert.equal(tab('pool demo-p|', pools), 'pool demo-pool|');
    assert.equal(tab(':pool pr|', pools), ':pool prod|');
  });

  it('the command word, leaving the argument after it as it is', () => {
    assert.equal(tab('po| demo', pools), 'pool| demo');
    assert.equal(tab('d| settings'), 'dataset| settings');
    assert.equal(tab(':po|  demo-pool', pools), ':pool|  demo-pool');
  });

  it('a command word alone gains a space, ready for its argument (as before)', () => {
    assert.equal(tab('po|'), 'pool |');
  });

  it('with the cursor inside a word: matches on the part before it and replaces the whole word', () => {
    assert.equal(tab('pool demo-p|xyz', pools), 'pool demo-pool|');
    assert.equal(tab('po|ol demo', pools), 'pool| demo');
    assert.equal(tab('pr|x demo', pools), 'pr|x demo', 'no command starts with "pr": nothing changes');
    assert.equal(tab('ds gam|e-sta', { dataset: ['game-state', 'inventory'] }), 'ds game-state|');
  });

  it('several candidates: their common prefix before the cursor, the rest of the word kept (nothing typed is lost)', () => {
    const sets = { dataset: ['settings', 'setup', 'game'] };
    assert.equal(tab('dataset se|', sets), 'dataset set|');
    assert.equal(tab('dataset se|x', sets), 'dataset set|x');
    assert.equal(tab('pool de|', pools), 'pool demo-|');
    assert.equal(tab('r| x'), 'r| x', 'rw and ro share only "r"');
    const [line, cursor] = at('pool de|');
    assert.deepEqual(completeAt(line, cursor, pools).matches, ['demo-pool', 'demo-2']);
  });

  it('no candidate, or a command without an argument: the line and the cursor stay', () => {
    assert.equal(tab('pool zz|', pools), 'pool zz|');
    assert.equal(tab('conn x|', pools), 'conn x|');
    assert.equal(tab('frob x|', pools), 'frob x|');
    assert.equal(tab('pool |', {}), 'pool |');
  });

  it('an argument whose name has spaces completes from the whole argument before the cursor', () => {
    const spaced = { pool: ['My Pool', 'My Other', 'Mine'] };
    assert.equal(tab('pool My P|', spaced), 'pool My Pool|');
    assert.equal(tab('pool My |', spaced), 'pool My |');
    assert.deepEqual(suggestionsAt('pool My ', 8, spaced), ['My Pool', 'My Other']);
  });

  it('the cursor between the command and the argument completes an empty word there', () => {
    assert.equal(tab('pool |demo', { pool: ['demo-pool'] }), 'pool demo-pool|');
    assert.equal(tab('pool | x', { pool: ['demo-pool'] }), 'pool demo-pool| x');
  });

  it('the suggestions shown are those of the word at the cursor', () => {
    assert.deepEqual(suggestionsAt('po demo', 2, pools), ['pool']);
    assert.deepEqual(suggestionsAt('pool demo-xyz', 7, pools), ['demo-pool', 'demo-2']);
    assert.deepEqual(suggestionsAt('pool demo', 9, pools), ['demo-pool', 'demo-2']);
  });

  it('case-insensitive as before; complete() is completeAt with the cursor at the end', () => {
    assert.equal(tab('pool DEMO-P|', pools), 'pool demo-pool|');
    assert.equal(tab('POO| x', pools), 'pool| x');
    assert.deepEqual(complete('pool demo-p', pools), { input: 'pool demo-pool', matches: ['demo-pool'] });
  });
});
