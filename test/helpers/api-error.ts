// In-process checks of the local server's internals (store, router, validation): the ApiError a call throws.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/local/errors.js';

/** The ApiError `fn` throws; fails the test when it returns or throws anything else. */
export function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a throw');
}
