/**
 * The records editor's actions in one object: listing and staging (records-actions.ts),
 * review, commit and conflicts (commit-actions.ts), and the effects of the confirmations
 * they open. AppContainer builds it once next to the browse actions and shares it through
 * EditorActionsContext.
 */
import { createCommitActions } from './commit-actions.js';
import { createRecordsActions, type RecordsIo } from './records-actions.js';
import { createRecordsContext, type RecordsDeps } from './records-context.js';
import type { ConfirmPurpose } from './state/dialogs.js';

export function createEditorActions(deps: RecordsDeps, io: RecordsIo = {}) {
  const ctx = createRecordsContext(deps);
  const records = createRecordsActions(ctx, io);
  const commit = createCommitActions(ctx);

  /** Runs the effect of a confirmed dialog of the editor; false when the purpose is not ours. */
  function onConfirm(purpose: ConfirmPurpose, payload?: string): boolean {
    if (payload === undefined) return false;
    switch (purpose) {
      case 'discardAll':
        ctx.rec(payload, { type: 'dataset', action: { type: 'discardAll' } });
        return true;
      case 'reopenEditor':
        records.editExternal(payload);
        return true;
      case 'recreateDataset':
        void commit.recreate(payload);
        return true;
      case 'commit':
        // The typed confirmation of a protected connection.
        void commit.commit(payload);
        return true;
      default:
        return false;
    }
  }

  /** Quit dialog: drop every staged change and leave. */
  function quitDiscard(): void {
    deps.dispatch({ type: 'dialog/close' });
    deps.dispatch({ type: 'app/quit' });
  }

  return { ...records, ...commit, onConfirm, quitDiscard };
}

export type EditorActions = ReturnType<typeof createEditorActions>;
