/**
 * Builds the actions of what the editor keeps on disk (drafts, history, saved connections)
 * over the same records context as the editor's own actions.
 */
import type { BrowseActions } from './app-actions.js';
import { createConnectionActions } from './connection-actions.js';
import type { PersistenceActions } from './contexts/persistence.js';
import type { EditorStorage } from './data/editor-storage.js';
import { createDraftActions } from './draft-actions.js';
import { createHistoryActions } from './history-actions.js';
import { createRecordsContext, type RecordsDeps } from './records-context.js';

export function createPersistenceActions(deps: RecordsDeps, storage: EditorStorage, browse: BrowseActions, env?: NodeJS.ProcessEnv): PersistenceActions {
  const ctx = createRecordsContext(deps);
  return {
    drafts: createDraftActions(ctx, storage),
    history: createHistoryActions(ctx, storage),
    connections: createConnectionActions({
      getState: deps.getState,
      dispatch: deps.dispatch,
      connector: deps.connector,
      storage,
      toast: deps.toast,
      env,
      reload: () => void browse.load({ screen: 'connections' }),
      forget: browse.forgetConnection,
    }),
    showTombstones: () => {
      try {
        return storage.config.preferences().showTombstones;
      } catch {
        return false;
      }
    },
    dateFormat: () => {
      try {
        return storage.config.preferences().dateFormat;
      } catch {
        return 'local';
      }
    },
  };
}
