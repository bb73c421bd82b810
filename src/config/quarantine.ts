// Moving an unusable config file aside without leaving secrets lying around. The user may
// have typed a credential into the file by hand (that is often why it broke), and the
// moved copy stays on disk until they delete it: so it is readable by its owner only, and
// when it still parses as JSON its credential-looking fields are removed first.
import { chmodSync, readFileSync } from 'node:fs';
import { moveAside, writeFileAtomic } from './atomic-file.js';
import { stripSecretFields } from './secrets.js';

export interface Quarantined {
  /** Where the file is now. */
  movedTo: string;
  /** Dotted paths of the credential-looking fields removed from the moved copy (names only, never values). */
  removed: string[];
}

/** Renames `path` aside (see moveAside), strips credential-looking fields if it parses, and sets mode 0600. */
export function quarantineFile(path: string, now: Date = new Date()): Quarantined {
  const movedTo = moveAside(path, now);
  let removed: string[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(movedTo, 'utf8'));
    const stripped = stripSecretFields(parsed);
    removed = stripped.removed;
    // Rewritten only when something went, so the user's text is otherwise kept byte for byte.
    if (removed.length > 0) writeFileAtomic(movedTo, JSON.stringify(stripped.clean, undefined, '\t'), 0o600);
  } catch {
    /* not JSON: nothing can be told apart from the rest; the mode below still protects it */
  }
  try {
    chmodSync(movedTo, 0o600);
  } catch {
    /* best effort (a file system without modes) */
  }
  return { movedTo, removed };
}

/** The notice's tail: what was done to protect the moved copy. */
export function quarantineNote({ removed }: Quarantined): string {
  const stripped = removed.length > 0 ? `; credential-looking fields were removed from it (${removed.join(', ')})` : '';
  return `it is readable by you only (mode 0600)${stripped}`;
}
