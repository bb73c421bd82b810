import React from 'react';
import { Box, Text } from 'ink';
import { useAppActions, useAppSettings, useAppState } from '../contexts/app-state.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { currentLocation } from '../state/app-reducer.js';
import { toggleConfirmFocus } from '../state/dialogs.js';
import { paletteCandidates, screenScopes } from '../state/selectors.js';
import { useEditorActions } from '../contexts/editor-actions.js';
import { usePersistence } from '../contexts/persistence.js';
import { useDebugTools } from '../contexts/debug-tools.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ConnectionFormDialog } from './ConnectionFormDialog.js';
import { HistoryDialog } from './HistoryDialog.js';
import { InspectorDialog } from './InspectorDialog.js';
import { MergedCompareDialog } from './MergedCompareDialog.js';
import { TimelineDialog } from './TimelineDialog.js';
import { TypedConfirmDialog } from './TypedConfirmDialog.js';
import { EditorDialog } from './EditorDialog.js';
import { ErrorPanel } from './ErrorPanel.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MessagesDialog } from './MessagesDialog.js';
import { copyToClipboard } from '../io/clipboard.js';
import { Palette } from './Palette.js';

export interface DialogManagerProps {
  /** `body` dialogs replace the screen; `status` ones take the status line. */
  slot: 'body' | 'status';
  width: number;
  /** Lines of the body slot. */
  height: number;
  /** The app's footer line shows the open dialog's key hints (the conflict dialog's), so the dialog leaves them out. */
  footerHints?: boolean;
}

/**
 * Renders the one open dialog (UX.md §2.3) in its slot. To add a dialog: a `Dialog` member
 * (state/dialogs.ts), a case here, and a component that subscribes at High priority.
 */
export function DialogManager({ slot, width, height, footerHints = false }: DialogManagerProps) {
  const state = useAppState();
  const actions = useAppActions();
  const { keymap } = useAppSettings();
  const editor = useEditorActions();
  const persistence = usePersistence();
  const debug = useDebugTools();
  const dialog = state.dialog;
  if (!dialog) return null;
  if (slot === 'status') {
    if (dialog.kind === 'error') return <ErrorPanel error={dialog.error} onDismiss={actions.closeDialog} />;
    if (dialog.kind === 'palette') {
      return (
        <Palette
          input={dialog.input}
          cursor={dialog.cursor}
          error={dialog.error}
          candidates={paletteCandidates(state)}
          width={width}
          onChange={(input, cursor) => actions.openDialog({ kind: 'palette', input, ...(cursor === undefined ? {} : { cursor }) })}
          onRun={(line) => void actions.runPalette(line)}
          onClose={actions.closeDialog}
        />
      );
    }
    return null;
  }
  switch (dialog.kind) {
    case 'help':
      return (
        <HelpOverlay
          scopes={screenScopes(currentLocation(state))}
          keymap={keymap}
          width={width}
          height={height}
          notes={['Staged changes can be undone; a commit cannot.']}
          onClose={actions.closeDialog}
        />
      );
    case 'messages':
      return (
        <MessagesDialog
          messages={state.messages}
          keymap={keymap}
          width={width}
          height={height}
          dateFormat={persistence?.dateFormat()}
          onCopy={(text) => {
            const result = copyToClipboard(text);
            if (result.copied) actions.toast('Copied the message');
            else actions.notice(`Not copied: ${result.reason}`);
          }}
          onClose={actions.closeDialog}
        />
      );
    case 'confirm':
      return (
        <ConfirmDialog
          title={dialog.title}
          message={dialog.message}
          confirmLabel={dialog.confirmLabel}
          focus={dialog.focus}
          keymap={keymap}
          width={width}
          onToggleFocus={() => actions.openDialog(toggleConfirmFocus(dialog))}
          onConfirm={() => actions.answerConfirm(true)}
          onCancel={() => actions.answerConfirm(false)}
        />
      );
    case 'review':
    case 'conflict':
    case 'quit':
      return <EditorDialog dialog={dialog} width={width} height={height} footerHints={footerHints} />;
    case 'typedConfirm':
      return (
        <TypedConfirmDialog
          dialog={dialog}
          keymap={keymap}
          width={width}
          onChange={actions.openDialog}
          onConfirmed={actions.confirmTyped}
          onCancel={actions.closeDialog}
        />
      );
    case 'history':
      if (!persistence) return <PendingDialog kind={dialog.kind} onClose={actions.closeDialog} />;
      return (
        <HistoryDialog
          dataset={currentDataset(state)}
          entries={dialog.entries}
          selected={dialog.selected}
          keymap={keymap}
          width={width}
          height={height}
          isoTimes={persistence.dateFormat() === 'iso'}
          filter={dialog.filter}
          onFilter={persistence.history.filter}
          onMove={persistence.history.move}
          onRevert={() => void persistence.history.revert()}
          onClose={persistence.history.close}
        />
      );
    case 'connectionForm':
      if (!persistence) return <PendingDialog kind={dialog.kind} onClose={actions.closeDialog} />;
      return (
        <ConnectionFormDialog
          form={dialog.form}
          keymap={keymap}
          width={width}
          onFocus={persistence.connections.formFocus}
          onToggle={persistence.connections.formToggle}
          onType={persistence.connections.formType}
          onSave={persistence.connections.formSave}
          onCancel={persistence.connections.formCancel}
          onTest={() => void persistence.connections.formTest()}
        />
      );
    case 'inspector':
      if (!debug) return <PendingDialog kind={dialog.kind} onClose={actions.closeDialog} />;
      return (
        <InspectorDialog
          log={debug.requestLog}
          selectedId={dialog.selectedId}
          detail={dialog.detail}
          filter={dialog.filter}
          keymap={keymap}
          width={width}
          height={height}
          actions={debug.inspector}
        />
      );
    case 'timeline':
      if (!debug) return <PendingDialog kind={dialog.kind} onClose={actions.closeDialog} />;
      return (
        <TimelineDialog
          timeline={dialog.timeline}
          selected={dialog.selected}
          keymap={keymap}
          width={width}
          height={height}
          filter={dialog.filter}
          onFilter={debug.timeline.filter}
          onMove={debug.timeline.move}
          onClose={debug.timeline.close}
        />
      );
    case 'mergedCompare':
      if (!debug) return <PendingDialog kind={dialog.kind} onClose={actions.closeDialog} />;
      return (
        <MergedCompareDialog
          comparison={dialog.comparison}
          selected={dialog.selected}
          keymap={keymap}
          width={width}
          height={height}
          onMove={debug.merged.compareMove}
          onStage={(all) => void debug.merged.stage(all)}
          onClose={debug.merged.closeCompare}
        />
      );
    default:
      return null;
  }
}

function currentDataset(state: ReturnType<typeof useAppState>): string {
  const location = currentLocation(state);
  return location.screen === 'records' ? location.dataset : '';
}

/** Dialogs whose component is still to be written: modal, Esc closes, so the app never locks up. */
function PendingDialog({ kind, onClose }: { kind: string; onClose(): void }) {
  useKeypress(
    (_input, key) => {
      if (key.escape) onClose();
      return true;
    },
    { priority: KeyPriority.High },
  );
  return (
    <Box borderStyle="round" paddingX={1}>
      <Text>{kind} dialog: not available yet (Esc closes)</Text>
    </Box>
  );
}
