// `cogsync demo`: a short guided tour of things to try against the demo data, with the exact
// commands and keys. The ids are the demo seed's (src/local/seed.ts); they are repeated here
// so printing the tour loads nothing heavy, and a test checks they still match.

export const TOUR_IDS = {
  pool: 'us-east-1:de300000-0000-4000-8000-000000000001',
  alice: 'us-east-1:de300000-0000-4000-8000-00000000a11c',
  bob: 'us-east-1:de300000-0000-4000-8000-000000000b0b',
  carol: 'us-east-1:de300000-0000-4000-8000-0000000ca201',
  /** Already merged into alice by the seed: alice has `profile.<dave>`. */
  dave: 'us-east-1:de300000-0000-4000-8000-00000000da7e',
} as const;

export interface TourOptions {
  /** The server the commands should name (default: a `cogsync serve` on port 4567). */
  endpointUrl?: string;
}

export function demoTour({ endpointUrl = 'http://127.0.0.1:4567' }: TourOptions = {}): string {
  const { pool, alice, bob, carol } = TOUR_IDS;
  const url = endpointUrl.replace(/\/+$/, '');
  const e = `--endpoint-url ${url}`;
  return `cogsync demo: a guided tour (about 10 minutes)

1. Open the editor straight on alice's profile, watching the server every 2 seconds and
   logging every AWS call (the editor starts its embedded local server with demo data):
     cogsync --identity-pool-id ${pool} --identity-id ${alice} --dataset-name profile --watch --watch-interval 2 --log /tmp/cogsync-calls.jsonl
   The header shows the embedded server's URL; \`cogsync demo --endpoint-url URL\` prints
   this tour with it filled in. (Or run \`cogsync serve --seed demo\` and add
   ${e} to every command, the editor's too.)
   Keys: i  request inspector (Enter shows one call in full; Esc back)
         t  sync timeline: which device changed which keys at each SyncCount
         w  watch mode on/off (R marks keys changed remotely since you opened the dataset)
         H  history of your commits (R there stages the inverse of one)

2. A conflict, live. In the editor: e on highScore, type 5000, Enter (staged: M).
   Then press D: a second device (demo-device-2) writes highScore on the server.
   With watch on, the status line says "! 1 staged key changed on the server" and the row
   turns yellow (the detail pane: ! changed on the server since staged): the commit will ask.
   c reviews, y sends: the conflict dialog shows base / mine / theirs;
   m keeps mine, t takes theirs, Enter sends again.

3. Another device from a script, while the editor watches:
     cogsync set ${pool} ${alice} profile motd="hello from a script" --device-id phone-2 ${e}
   Within one watch interval the row shows R, and t names phone-2 at the new SyncCount.

4. Merged identities. alice already has profile.<old id> (merged by the demo seed): her
   datasets screen shows a banner and marks it m; C compares it with profile, and in the
   compare view s / S stage one / every differing key into profile (c reviews them).
   Merge bob into carol yourself:
     cogsync merge-identities --identity-pool-id ${pool} --source-identity-id ${bob} --destination-identity-id ${carol} ${e}
   carol now has profile.${bob} and notes.${bob}; bob is gone.

5. The same data from scripts, AWS CLI style (every command takes --log FILE and --debug):
     cogsync list-records --identity-pool-id ${pool} --identity-id ${alice} --dataset-name profile ${e} --output table
     cogsync export ${pool} ${alice} profile ${e} > profile.json
     cogsync history --output table

Demo tools (D, merge-identities) work only against a local server; elsewhere they are
refused with the reason.
`;
}
