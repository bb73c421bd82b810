import { useEffect, useMemo } from 'react';
import { createDebugTools, type DebugTools, type DebugToolsDeps } from '../debug-tools.js';
import { currentKey, type AppState } from '../state/app-reducer.js';

/**
 * Builds the debug tools once (AppContainer) and keeps watch mode following the state: the
 * records screen being shown, the `w` switch and the interval. Stops polling on unmount.
 */
export function useDebugToolsRuntime(deps: DebugToolsDeps, state: AppState): DebugTools {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tools = useMemo(() => createDebugTools(deps), [deps.connector]);
  const key = currentKey(state);
  const { enabled, intervalMs } = state.watch;
  const connection = state.connection?.name;
  useEffect(() => tools.watch.sync(), [tools, key, enabled, intervalMs, connection]);
  useEffect(() => () => tools.close(), [tools]);
  return tools;
}
