import { useAppActions, useAppSettings } from './contexts/app-state.js';
import { useCallback } from 'react';
import { usePasteIgnored } from './contexts/keypress.js';
import { useKeypress, KeyPriority } from './hooks/use-keypress.js';
import { isCommand } from './keymap.js';
import { isModal } from './state/dialogs.js';
import { stagedElsewhere } from './state/staged-where.js';

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
