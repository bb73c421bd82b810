import { useAppActions, useAppSettings } from './contexts/app-state.js';
import { useDebugTools } from './contexts/debug-tools.js';
import { useKeypress, KeyPriority } from './hooks/use-keypress.js';
import { isCommand, type CommandId } from './keymap.js';
import { currentKey, currentLocation, listAt } from './state/app-reducer.js';
import { isModal } from './state/dialogs.js';

/**
 * Keys of the debugging and demo tools: `i` anywhere; `w` `t` `D` on the records screen;
 * `C` `d` on the datasets screen. Normal priority: dialogs and text inputs (High) take keys
 * first, and any other key is left to the screen.
 */
export function DebugKeys() {
  const actions = useAppActions();
  const tools = useDebugTools();
  const { keymap } = useAppSettings();
  useKeypress(
    (input, key) => {
      if (!tools) return false;
      const s = actions.getState();
      // While the filter bar has the keyboard, letters are text (a committed filter is fine).
      if (isModal(s.dialog) || listAt(s, currentKey(s)).filter.editing) return false;
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      const screen = currentLocation(s).screen;
      if (is('app.inspector')) tools.inspector.open();
      else if (screen === 'records' && is('records.watch')) tools.watch.toggle();
      else if (screen === 'records' && is('records.timeline')) tools.timeline.open();
      else if (screen === 'records' && is('records.demoWrite')) void tools.demoWrite();
      else if (screen === 'datasets' && is('datasets.compare')) void tools.merged.compare();
      else if (screen === 'datasets' && is('datasets.deleteMerged')) tools.merged.askDelete();
      else return false;
      return true;
    },
    { priority: KeyPriority.Normal },
  );
  return null;
}
