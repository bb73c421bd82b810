import type { AppAction } from './app-reducer.js';

/**
 * Runs `work` counted in the state's `busy`: the status line shows that something runs,
 * watch mode waits, and tests (and the rig) can wait for idle.
 */
export async function whileBusy<T>(dispatch: (action: AppAction) => void, work: () => Promise<T>): Promise<T> {
  dispatch({ type: 'busy', delta: 1 });
  try {
    return await work();
  } finally {
    dispatch({ type: 'busy', delta: -1 });
  }
}
