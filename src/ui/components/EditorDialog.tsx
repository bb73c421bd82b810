import React from 'react';
import { useAppActions, useAppSettings, useAppState } from '../contexts/app-state.js';
import { useEditorActions } from '../contexts/editor-actions.js';
import { usePersistence } from '../contexts/persistence.js';
import { currentLocation } from '../state/app-reducer.js';
import type { Dialog } from '../state/dialogs.js';
import { ConflictDialog } from './ConflictDialog.js';
import { QuitDialog } from './QuitDialog.js';
import { ReviewDialog } from './ReviewDialog.js';

export interface EditorDialogProps {
  dialog: Extract<Dialog, { kind: 'review' | 'conflict' | 'quit' }>;
  width: number;
  height: number;
  /** The app's footer line shows the conflict dialog's key hints. */
  footerHints?: boolean;
}

/** The records editor's dialogs (review, conflict, quit), wired to the editor actions. */
export function EditorDialog({ dialog, width, height, footerHints = false }: EditorDialogProps) {
  const state = useAppState();
  const app = useAppActions();
  const editor = useEditorActions();
  const persistence = usePersistence();
  const { keymap } = useAppSettings();
  if (dialog.kind === 'quit') {
    return (
      <QuitDialog
        staged={dialog.staged}
        unfinished={dialog.unfinished ?? 0}
        where={dialog.where}
        focus={dialog.focus}
        keymap={keymap}
        width={width}
        onFocus={(focus) => app.openDialog({ ...dialog, focus })}
        onKeep={
          persistence
            ? () => {
                // Quit only once every draft is on disk; a failed write is shown and the editor stays.
                if (!persistence.drafts.keepAll()) return;
                app.closeDialog();
                app.dispatch({ type: 'app/quit' });
              }
            : undefined
        }
        onDiscard={() => {
          persistence?.drafts.discardAll();
          editor.quitDiscard();
        }}
        onCancel={app.closeDialog}
      />
    );
  }
  const records = state.records[dialog.recordsKey];
  if (!records) return null;
  if (dialog.kind === 'review') {
    const location = currentLocation(state);
    return (
      <ReviewDialog
        records={records}
        dataset={location.screen === 'records' ? location.dataset : ''}
        selected={dialog.selected}
        sending={editor.isSending()}
        keymap={keymap}
        width={width}
        height={height}
        onMove={editor.reviewMove}
        onDrop={editor.reviewDrop}
        onSend={() => void editor.reviewSend()}
        onCancel={editor.reviewCancel}
      />
    );
  }
  return (
    <ConflictDialog
      dialog={dialog}
      current={() => {
        const now = app.getState().dialog;
        return now?.kind === 'conflict' ? now : undefined;
      }}
      sending={editor.isSending()}
      keymap={keymap}
      width={width}
      height={height}
      hints={!footerHints}
      actions={{ ...editor, sendResolved: () => void editor.sendResolved() }}
    />
  );
}
