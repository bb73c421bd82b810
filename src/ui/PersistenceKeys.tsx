import { useAppActions, useAppSettings } from './contexts/app-state.js';
import { usePersistence } from './contexts/persistence.js';
import { useKeypress, KeyPriority } from './hooks/use-keypress.js';
import { isCommand } from './keymap.js';
import { currentKey, currentLocation } from './state/app-reducer.js';
import { isModal } from './state/dialogs.js';

/**
 * Keys of the features kept on disk: `H` (history) on the records screen; `a` `e` `d` `t`
 * on the connections screen. Normal priority, below dialogs and text inputs; any other key
 * is left to the screen.
 */
export function PersistenceKeys() {
  const actions = useAppActions();
  const persistence = usePersistence();
  const { keymap } = useAppSettings();
  useKeypress(
    (input, key) => {
      const s = actions.getState();
      if (isModal(s.dialog)) return false;
      const location = currentLocation(s);
      // Keys typed into the filter bar are text, not commands.
      if (s.lists[currentKey(s)]?.filter.editing) return false;
      const is = (c: Parameters<typeof isCommand>[1]) => isCommand(keymap, c, input, key);
      if (location.screen === 'records' && is('records.history')) {
        if (!persistence) actions.notice('History needs the journal (not kept in this run)');
        else persistence.history.open();
        return true;
      }
      if (location.screen !== 'connections') return false;
      const run = (f: () => void) => {
        if (!persistence) actions.notice('Saved connections are not available in this run');
        else f();
        return true;
      };
      if (is('connections.add')) return run(() => persistence!.connections.add());
      if (is('connections.edit')) return run(() => persistence!.connections.edit());
      if (is('connections.remove')) return run(() => persistence!.connections.remove());
      if (is('connections.test')) return run(() => void persistence!.connections.test());
      return false;
    },
    { priority: KeyPriority.Normal },
  );
  return null;
}
