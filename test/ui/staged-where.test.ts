// Where staged changes are, in words that stay short and tell datasets of the same name apart.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { nothingStagedHere, stagedElsewhere, stagedIn, stagedScope } from '../../src/ui/state/staged-where.js';
import type { RecordsState } from '../../src/ui/state/records.js';

const POOL = 'us-east-1:de300000-0000-4000-8000-000000000001';
const A = 'us-east-1:de300000-0000-4000-8000-00000000a11c';
const B = 'us-east-1:de300000-0000-4000-8000-000000000b0b';
const key = (identity: string, dataset: string, connection = 'local') => `records|${connection}|${POOL}|${identity}|${dataset}`;
/** A dataset's state with `n` staged keys (only what staged-where reads). */
const staged = (n: number) => ({ dataset: { staged: new Map(Array.from({ length: n }, (_, i) => [`k${i}`, {}])) } }) as unknown as RecordsState;

it('names the dataset; with another of the same name open or staged, adds the end of its identity id', () => {
  const records = { [key(A, 'settings')]: staged(1), [key(B, 'settings')]: staged(0) };
  assert.equal(stagedScope(records, key(A, 'settings')), '', 'all of it is here');
  assert.equal(stagedScope(records, key(B, 'settings')), ' in settings (…a11c)');
  assert.equal(stagedScope(records, key(B, 'profile')), ' in settings');
  assert.equal(nothingStagedHere(records, key(B, 'settings')), 'Nothing is staged here; 1 staged change in settings (…a11c): open it to review, undo or redo');
  // Same identity and name on two connections: the connection tells them apart.
  const two = { [key(A, 'settings', 'prod')]: staged(2), [key(A, 'settings')]: staged(1) };
  assert.equal(stagedIn(two), ' in settings (prod) and settings (local)');
});

it('counts instead of naming past two datasets, and cuts a long name', () => {
  const three = { [key(A, 'a')]: staged(1), [key(A, 'b')]: staged(2), [key(A, 'c')]: staged(3) };
  assert.equal(stagedElsewhere(three), '6 staged changes in 3 datasets: open one to review, undo or redo');
  assert.equal(stagedIn(three), ' in 3 datasets');
  assert.equal(stagedScope(three, key(A, 'a')), ' in 3 datasets');
  const long = 'n'.repeat(128);
  const scope = stagedScope({ [key(A, long)]: staged(1) }, undefined);
  assert.equal(scope, ` in ${'n'.repeat(31)}…`);
  assert.equal(nothingStagedHere({}, key(A, 'x')), 'Nothing is staged');
  // The quit question keeps one line: two long names are counted instead.
  assert.equal(stagedIn({ [key(A, 'n'.repeat(30))]: staged(1), [key(A, 'm'.repeat(30))]: staged(1) }), ' in 2 datasets');
  assert.equal(stagedIn({ [key(A, 'n'.repeat(30))]: staged(1) }), ` in ${'n'.repeat(30)}`);
  assert.equal(stagedElsewhere({}), 'Nothing is staged: open a dataset to edit its records');
});
