import { useAppActions, useAppSettings } from './contexts/app-state.js';
import { useCallback } from 'react';
import { usePasteIgnored } from './contexts/keypress.js';
import { useKeypress, KeyPriority } from './hooks/use-keypress.js';
import { isCommand } from './keymap.js';
import { isModal } from './state/dialogs.js';
import { draftAddressOfKey } from './state/draft-keys.js';
import type { RecordsState } from './state/records.js';
import { sanitizeLine } from '../util/sanitize.js';

/**
 * What c / u / Ctrl+R say off the records screen: where the staged changes the header counts
 * are (they are reviewed, undone and redone in their dataset), or that nothing is staged.
 */
export function stagedElsewhere(records: Readonly<Record<string, RecordsState>>): string {
  const where = Object.entries(records).filter(([, r]) => r.dataset.staged.size > 0);
  if (where.length === 0) return 'Nothing is staged: open a dataset to edit its records';
  const n = where.reduce((sum, [, r]) => sum + r.dataset.staged.size, 0);
  const names = where.map(([key]) => sanitizeLine(draftAddressOfKey(key)?.datasetName ?? key)).join(', ');
  return `${n} staged ${n === 1 ? 'change' : 'changes'} in ${names}: open ${where.length === 1 ? 'it' : 'one'} to review, undo or redo`;
}

/**
 * Keys that work everywhere (UX.md §1.3), at the lowest priority so a dialog, the filter
 * bar or the focused screen can take a key first. Ctrl+C is a Critical guard: it reaches
 * the quit action (which asks when changes are staged) even inside dialogs and inputs.
 */
export function GlobalKeys() {
  const actions = useAppActions();
  const { keymap } = useAppSettings();

  // Pasted text where no field takes text would have run as commands, one key per character.
  usePasteIgnored(
    useCallback(
      (text: string) => {
        const n = Array.from(text).length;
        actions.notice(`Paste ignored (${n} ${n === 1 ? 'character' : 'characters'}): no text field is open here; e edits, a adds, / filters`);
      },
      [actions],
    ),
  );

  useKeypress(
    (input, key) => {
      // A notice ("Disabled: …") lasts until the next key.
      if (actions.getState().notice !== undefined) actions.notice(undefined);
      if (key.ctrl && isCommand(keymap, 'app.quit', input, key)) {
        actions.quit();
        return true;
      }
      return false;
    },
    { priority: KeyPriority.Critical },
  );

  useKeypress(
    (input, key) => {
      if (isModal(actions.getState().dialog)) return false;
      const is = (command: Parameters<typeof isCommand>[1]) => isCommand(keymap, command, input, key);
      if (is('app.help')) actions.openDialog({ kind: 'help' });
      else if (is('app.palette')) actions.openPalette();
      else if (is('app.filter')) actions.startFilter();
      else if (is('app.refresh')) actions.refresh();
      else if (is('app.back')) actions.back();
      else if (is('app.quit')) actions.quit();
      else if (is('app.review') || is('app.undo') || is('app.redo')) actions.notice(stagedElsewhere(actions.getState().records));
      else return false;
      return true;
    },
    { priority: KeyPriority.Low },
  );
  return null;
}
