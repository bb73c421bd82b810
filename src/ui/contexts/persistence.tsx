/**
 * The actions of what the editor keeps on disk (drafts, the journal's history, saved
 * connections), shared like the other action contexts. Absent when the editor runs
 * without storage (most component tests): the keys that need it then say so.
 */
import { createContext, useContext } from 'react';
import type { ConnectionActions } from '../connection-actions.js';
import type { DraftActions } from '../draft-actions.js';
import type { HistoryActions } from '../history-actions.js';

export interface PersistenceActions {
  drafts: DraftActions;
  history: HistoryActions;
  connections: ConnectionActions;
  /** preferences.dateFormat, read when drawn (the config may change while running). */
  dateFormat(): 'local' | 'iso';
  /** preferences.showTombstones: removed records shown when a dataset is first listed. */
  showTombstones(): boolean;
}

export const PersistenceContext = createContext<PersistenceActions | null>(null);

export const usePersistence = (): PersistenceActions | null => useContext(PersistenceContext);
