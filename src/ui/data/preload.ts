/**
 * The dataset a deep link (or the resumed place) opens, asked for while the editor starts.
 *
 * Why: otherwise the first ListRecords waits for the first frame (the screen "loading…"),
 * and the records take a second full render. Started before the first render, the
 * request runs while the editor sets up, and when it answers within a moment the first
 * frame already shows the records. Whatever happens, the records screen's first listing
 * takes this answer (or this error) instead of asking the server a second time.
 */
import type { ConnectionInfo } from '../state/app-reducer.js';
import { locationKey, type Location } from '../state/navigation.js';
import type { Connected, Connector } from './connector.js';
import { fetchRecordsPage, type RecordsPage } from './records-page.js';

type RecordsLocation = Extract<Location, { screen: 'records' }>;

export interface RecordsPreload {
  readonly location: RecordsLocation;
  /** The connection, as `connector.connect` gave it (the app reuses it). */
  readonly connected: Promise<Connected>;
  /** The first page of records at `location` (look only: the records screen takes it with `take`). */
  readonly page: Promise<RecordsPage | undefined>;
  /** `page` for the records screen's first listing of `key`, once; undefined for another key or a second time. */
  take(key: string): Promise<RecordsPage | undefined> | undefined;
}

/** What had arrived before the first render: enough to draw the records screen at once. */
export interface PreloadedRecords {
  location: RecordsLocation;
  connection: ConnectionInfo;
  page: RecordsPage;
}

export function preloadRecords(connector: Connector, location: RecordsLocation, pageSize?: number): RecordsPreload {
  const connected = connector.connect(location.connection);
  const page = connected.then(({ clients }) =>
    fetchRecordsPage(clients.sync, { identityPoolId: location.poolId, identityId: location.identityId, datasetName: location.dataset }, { pageSize }),
  );
  // Failures belong to whoever takes these promises (the app shows them); never an unhandled rejection.
  connected.catch(() => undefined);
  page.catch(() => undefined);
  const key = locationKey(location);
  let taken = false;
  return {
    location,
    connected,
    page,
    take(wanted) {
      if (taken || wanted !== key) return undefined;
      taken = true;
      return page;
    },
  };
}

/**
 * The preload's connection and page if both arrived within `ms`, else undefined (the
 * editor then draws at once and the records screen waits for the page as usual).
 * Never rejects.
 */
export async function preloadedWithin(preload: RecordsPreload, ms: number): Promise<PreloadedRecords | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const arrived = (async (): Promise<PreloadedRecords | undefined> => {
    const [{ info }, page] = await Promise.all([preload.connected, preload.page]);
    return page ? { location: preload.location, connection: info, page } : undefined;
  })().catch(() => undefined);
  try {
    return await Promise.race([arrived, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
