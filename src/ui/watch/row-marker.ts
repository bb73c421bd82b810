/**
 * Watch mode's row marker on the records table, over the editor's own (`M` `+` `-` `•`):
 * `R` marks a key changed remotely since the dataset was opened (seen by watch mode). A
 * staged marker wins: a staged key that moved on the server keeps `M`/`+`/`-`, turns the
 * warning colour and says `! changed on the server since staged` in the detail pane (the
 * editor's drift flag), and the poll that saw it says so in the status line.
 * Letters carry the meaning (NO_COLOR); the colour only helps.
 */
import type { DatasetWatch } from './watch-state.js';

export function watchedMarker(editorMarker: string, key: string, remote: DatasetWatch): string {
  if (editorMarker === 'M' || editorMarker === '+' || editorMarker === '-') return editorMarker;
  return remote.changed.has(key) ? 'R' : editorMarker;
}
