/** The records editor's actions (editor-actions.ts), stable for the app's lifetime. */
import { createContext, useContext } from 'react';
import type { EditorActions } from '../editor-actions.js';

export const EditorActionsContext = createContext<EditorActions | null>(null);

export function useEditorActions(): EditorActions {
  const value = useContext(EditorActionsContext);
  if (value === null) throw new Error('useEditorActions is only available inside <AppContainer>');
  return value;
}
