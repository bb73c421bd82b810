/**
 * What the editor keeps on disk, opened once per run: the settings (connections, recent
 * places, preferences, keymap overrides), drafts of staged edits and the journal of
 * commits. Everything lives under COGSYNC_HOME (or the platform folders); nothing here
 * ever holds a credential.
 */
import { DraftStore } from '../../config/drafts.js';
import { Journal } from '../../config/journal.js';
import { ConfigStore } from '../../config/store.js';

export interface EditorStorage {
  readonly config: ConfigStore;
  readonly drafts: DraftStore;
  readonly journal: Journal;
  /** Messages for the user from opening (a config file moved aside, bad keymap overrides). */
  readonly notices: readonly string[];
  /** Where draft-save failures go once the UI is up (they happen in a timer, after the edit). */
  setDraftErrorReporter(report: (message: string) => void): void;
}

export interface EditorStorageOptions {
  env?: NodeJS.ProcessEnv;
  /** Quiet time before a draft is written (tests shorten it). */
  draftDebounceMs?: number;
}

export function openEditorStorage(options: EditorStorageOptions = {}): EditorStorage {
  const env = options.env ?? process.env;
  const config = new ConfigStore({ env });
  const notices: string[] = [...config.notices, ...config.keymap().errors];
  let report: (message: string) => void = (message) => notices.push(message);
  const drafts = new DraftStore({
    env,
    debounceMs: options.draftDebounceMs,
    onError: (error, address) => report(`could not save the draft of ${address.datasetName}: ${(error as Error).message}`),
  });
  return {
    config,
    drafts,
    journal: new Journal({ env }),
    notices,
    setDraftErrorReporter(next) {
      report = next;
    },
  };
}
