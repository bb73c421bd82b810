/** The debugging and demo tools (debug-tools.ts), stable for the app's lifetime. */
import { createContext, useContext } from 'react';
import type { DebugTools } from '../debug-tools.js';

export const DebugToolsContext = createContext<DebugTools | null>(null);

/** Null outside an AppContainer that provides them (component tests of other features). */
export const useDebugTools = (): DebugTools | null => useContext(DebugToolsContext);
