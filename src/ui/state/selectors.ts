/**
 * Derived views of the app state that several components need: which key scopes are live,
 * what the footer shows, what the palette can complete.
 */
import type { CommandId, Scope } from '../keymap.js';
import { rowName } from '../data/rows.js';
import { currentLocation, listAt, type AppState } from './app-reducer.js';
import { locationKey, type Location } from './navigation.js';
import type { PaletteCandidates } from './palette.js';

/** Key scopes live on a screen (for the help overlay). */
export function screenScopes(location: Location): Scope[] {
  if (location.screen === 'records') return ['app', 'list', 'records'];
  if (location.screen === 'datasets') return ['app', 'list', 'datasets'];
  if (location.screen === 'connections') return ['app', 'list', 'connections'];
  return ['app', 'list'];
}

/** The 4–6 commands the footer shows on a screen (`? help` is added by the footer). */
export function footerCommands(location: Location, filtering: boolean): CommandId[] {
  if (filtering) return ['list.open', 'app.back'];
  const browse: CommandId[] = ['list.open', 'app.filter', 'app.palette', 'app.refresh'];
  switch (location.screen) {
    case 'connections': return ['list.open', 'app.filter', 'app.quit'];
    case 'records': return ['records.edit', 'records.add', 'records.remove', 'app.review', 'app.filter', 'app.undo'];
    default: return [...browse, 'app.back'];
  }
}

/** Names and ids the palette can complete, from the lists loaded for the current path. */
export function paletteCandidates(state: AppState): PaletteCandidates {
  const location = currentLocation(state);
  if (location.screen === 'connections') return {};
  const { connection } = location;
  const names = (loc: Location, both = false) =>
    listAt(state, locationKey(loc)).rows.flatMap((r) => (both && rowName(r) !== r.id ? [rowName(r), r.id] : [r.id]));
  const candidates: PaletteCandidates = { pool: names({ screen: 'pools', connection }, true) };
  if (location.screen === 'pools') return candidates;
  candidates.identity = names({ screen: 'identities', connection, poolId: location.poolId });
  if (location.screen === 'identities') return candidates;
  candidates.dataset = names({ screen: 'datasets', connection, poolId: location.poolId, identityId: location.identityId });
  return candidates;
}
