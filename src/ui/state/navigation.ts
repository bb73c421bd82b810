/**
 * Where the user is: a stack connection → pool → identity → dataset → records (UX.md §1.2
 * drill-down). Enter pushes, Esc pops; the breadcrumb is derived from the top location,
 * which carries its whole path, so any location can be rebuilt from its fields alone
 * (deep links, the `:` palette).
 */

export type Location =
  | { readonly screen: 'connections' }
  | { readonly screen: 'pools'; readonly connection: string }
  | { readonly screen: 'identities'; readonly connection: string; readonly poolId: string; readonly poolName?: string }
  | {
      readonly screen: 'datasets';
      readonly connection: string;
      readonly poolId: string;
      readonly poolName?: string;
      readonly identityId: string;
    }
  | {
      readonly screen: 'records';
      readonly connection: string;
      readonly poolId: string;
      readonly poolName?: string;
      readonly identityId: string;
      readonly dataset: string;
    };

export type ScreenName = Location['screen'];

export interface NavigationState {
  /** Never empty; the last entry is the current location. */
  readonly stack: readonly Location[];
}

export interface DeepLink {
  pool?: string;
  identity?: string;
  dataset?: string;
}

export const current = (nav: NavigationState): Location => nav.stack[nav.stack.length - 1];

export const canGoBack = (nav: NavigationState): boolean => nav.stack.length > 1;

export function push(nav: NavigationState, location: Location): NavigationState {
  return { stack: [...nav.stack, location] };
}

/** Up one level; at the bottom nothing changes. */
export function back(nav: NavigationState): NavigationState {
  return canGoBack(nav) ? { stack: nav.stack.slice(0, -1) } : nav;
}

/** The full stack leading to `location`, so Esc walks up through every level. */
export function pathTo(location: Location): Location[] {
  const path: Location[] = [{ screen: 'connections' }];
  if (location.screen === 'connections') return path;
  const { connection } = location;
  path.push({ screen: 'pools', connection });
  if (location.screen === 'pools') return path;
  const { poolId, poolName } = location;
  path.push({ screen: 'identities', connection, poolId, poolName });
  if (location.screen === 'identities') return path;
  const { identityId } = location;
  path.push({ screen: 'datasets', connection, poolId, poolName, identityId });
  if (location.screen === 'datasets') return path;
  path.push(location);
  return path;
}

/**
 * The stack with `name` given to every location on `poolId` of `connection` that has none:
 * a deep link, a resumed place or a jump by id knows only the pool's id until it is looked up.
 */
export function withPoolName(nav: NavigationState, connection: string, poolId: string, name: string): NavigationState {
  let changed = false;
  const stack = nav.stack.map((location) => {
    if (location.screen === 'connections' || location.screen === 'pools') return location;
    if (location.connection !== connection || location.poolId !== poolId || location.poolName) return location;
    changed = true;
    return { ...location, poolName: name };
  });
  return changed ? { stack } : nav;
}

export function jumpTo(location: Location): NavigationState {
  return { stack: pathTo(location) };
}

/**
 * Where the editor opens: the pools of `connection`, or deeper when a deep link names a
 * pool (then an identity, then a dataset; each level needs the one above).
 */
export function initialNavigation(connection: string | undefined, deepLink: DeepLink = {}): NavigationState {
  if (connection === undefined) return { stack: [{ screen: 'connections' }] };
  const { pool, identity, dataset } = deepLink;
  if (!pool) return jumpTo({ screen: 'pools', connection });
  if (!identity) return jumpTo({ screen: 'identities', connection, poolId: pool });
  if (!dataset) return jumpTo({ screen: 'datasets', connection, poolId: pool, identityId: identity });
  return jumpTo({ screen: 'records', connection, poolId: pool, identityId: identity, dataset });
}

/** Stable key of a location: the cache key of its list. */
export function locationKey(location: Location): string {
  switch (location.screen) {
    case 'connections': return 'connections';
    case 'pools': return `pools|${location.connection}`;
    case 'identities': return `identities|${location.connection}|${location.poolId}`;
    case 'datasets': return `datasets|${location.connection}|${location.poolId}|${location.identityId}`;
    case 'records':
      return `records|${location.connection}|${location.poolId}|${location.identityId}|${location.dataset}`;
  }
}

export interface Crumb {
  /** Unsanitized: the component sanitizes and truncates (ids in the middle). */
  readonly label: string;
  readonly kind: 'connections' | 'connection' | 'pool' | 'identity' | 'dataset';
}

/** `local › demo-pool › us-east-1:…5556 › settings`. */
export function breadcrumb(location: Location): Crumb[] {
  if (location.screen === 'connections') return [{ label: 'connections', kind: 'connections' }];
  const crumbs: Crumb[] = [{ label: location.connection, kind: 'connection' }];
  if (location.screen === 'pools') return crumbs;
  crumbs.push({ label: location.poolName || location.poolId, kind: 'pool' });
  if (location.screen === 'identities') return crumbs;
  crumbs.push({ label: location.identityId, kind: 'identity' });
  if (location.screen === 'datasets') return crumbs;
  crumbs.push({ label: location.dataset, kind: 'dataset' });
  return crumbs;
}

/** The location one level down from `location` for the chosen item, if there is a level below. */
export function childOf(location: Location, item: { id: string; name?: string }): Location | undefined {
  switch (location.screen) {
    case 'connections': return { screen: 'pools', connection: item.id };
    case 'pools': return { screen: 'identities', connection: location.connection, poolId: item.id, poolName: item.name };
    case 'identities': return { ...location, screen: 'datasets', identityId: item.id };
    case 'datasets': return { ...location, screen: 'records', dataset: item.id };
    case 'records': return undefined;
  }
}
