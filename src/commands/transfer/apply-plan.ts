// Plans one target dataset (open it, compare), prints plans for people or as JSON, and
// applies them: each dataset's changes are staged on the listing they were planned from
// and sent as ONE UpdateRecords batch (commit-staged.ts handles conflicts and races).
import { SyncValidationError, type LimitIssue, type SyncDataset } from '../../lib/sync.js';
import { checkBatch } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { commitStaged, type ConflictPolicy } from '../edit/commit-staged.js';
import { explainConflicts } from '../edit/report.js';
import { reportKept } from '../edit/set-rm.js';
import { ExitCode } from '../errors.js';
import type { CommandIO } from '../io.js';
import { formatJson } from '../output/json.js';
import type { PlainObject } from '../output/plain-data.js';
import type { ServiceSession } from '../service-session.js';
import { countPlan, planDataset, type PlanItem, type PlanOptions, type WantedRecord } from './plan.js';

export interface TargetAddress {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

export interface DatasetPlan {
  target: TargetAddress;
  items: PlanItem[];
  ds: SyncDataset;
}

export async function planTarget(session: ServiceSession, target: TargetAddress, wanted: WantedRecord[], options: PlanOptions): Promise<DatasetPlan> {
  const { openDataset } = await import('../../lib/sync.js');
  const ds = await openDataset({ client: session.sync, ...target });
  const current = ds.records.map((r) => ({ key: r.key, value: r.value, syncCount: r.syncCount, lastModifiedBy: r.lastModifiedBy }));
  return { target, items: planDataset(wanted, current, options), ds };
}

export function printPlans(io: CommandIO, plans: DatasetPlan[], json: boolean): void {
  if (json) {
    io.stdout(formatJson({ Datasets: plans.map(planData) }));
    return;
  }
  for (const plan of plans) {
    const { changes, conflicts } = countPlan(plan.items);
    const name = sanitizeLine(plan.target.datasetName);
    const conflictText = conflicts > 0 ? `, ${conflicts} conflict${conflicts === 1 ? '' : 's'}` : '';
    io.stdout(`${name}: ${changes} change${changes === 1 ? '' : 's'}${conflictText} (DatasetSyncCount ${plan.ds.syncCount})\n`);
    for (const item of plan.items) io.stdout(`  ${describe(item)}\n`);
  }
}

function describe(item: PlanItem): string {
  const key = q(item.key);
  const was = item.current?.value === undefined ? '' : ` (was ${q(item.current.value)})`;
  switch (item.kind) {
    case 'add':
      return `+ ${key} = ${q(item.value!)}`;
    case 'modify':
      return `~ ${key} = ${q(item.value!)}${was}`;
    case 'remove':
      return `- ${key}${was}`;
    case 'conflict': {
      const server = item.current?.value === undefined ? 'no value' : q(item.current.value);
      const by = item.current?.lastModifiedBy ? ` by ${sanitizeLine(item.current.lastModifiedBy)}` : '';
      const wanted = item.value === undefined ? 'removes it' : `has ${q(item.value)}`;
      return `! ${key}: the server has ${server} at SyncCount ${item.current?.syncCount ?? 0}${by}; the file ${wanted}, read at SyncCount ${item.readAt}`;
    }
  }
}

function planData(plan: DatasetPlan): PlainObject {
  const changes = plan.items.filter((i) => i.kind !== 'conflict');
  const conflicts = plan.items.filter((i) => i.kind === 'conflict');
  return {
    DatasetName: plan.target.datasetName,
    DatasetSyncCount: plan.ds.syncCount,
    Changes: changes.map((i) => ({
      Action: i.kind,
      Key: i.key,
      ...(i.value === undefined ? {} : { Value: i.value }),
      SyncCount: i.current?.syncCount ?? 0,
    })),
    Conflicts: conflicts.map((i) => ({
      Key: i.key,
      Value: i.value ?? null,
      ReadAtSyncCount: i.kind === 'conflict' ? i.readAt : 0,
      ServerValue: i.current?.value ?? null,
      ServerSyncCount: i.current?.syncCount ?? 0,
    })),
  };
}

/**
 * Stages each plan's changes on its dataset (a conflict only with `mine`) and checks every
 * batch against Cognito Sync's limits (key and value lengths, 1,024 live records, 1 MB)
 * before anything is sent: a plan-only run or a dry run fails as the real run would, and
 * a dataset over a limit stops the whole import, not after the datasets before it were written.
 * @throws SyncValidationError, each problem prefixed with its dataset's name.
 */
export function stagePlans(plans: DatasetPlan[], policy: ConflictPolicy): void {
  const issues: LimitIssue[] = [];
  for (const { target, items, ds } of plans) {
    const found: LimitIssue[] = [];
    for (const item of items) {
      if (item.kind === 'conflict' && policy !== 'mine') continue;
      try {
        if (item.value === undefined) ds.remove(item.key);
        else ds.put(item.key, item.value);
      } catch (error) {
        if (!(error instanceof SyncValidationError)) throw error;
        found.push(...error.issues);
      }
    }
    if (found.length === 0) found.push(...checkBatch(ds.state.base, ds.state.staged).errors);
    issues.push(...found.map((issue) => ({ ...issue, message: `${target.datasetName}: ${issue.message}` })));
  }
  if (issues.length > 0) throw new SyncValidationError(issues);
}

/** Stages (see stagePlans) and commits every plan; reports per dataset on stderr. Returns the exit code. */
export async function applyPlans(io: CommandIO, plans: DatasetPlan[], policy: ConflictPolicy): Promise<number> {
  stagePlans(plans, policy);
  let exit: number = ExitCode.Ok;
  for (const { target, ds } of plans) {
    const name = sanitizeLine(target.datasetName);
    const result = await commitStaged(ds, policy);
    if (result.status === 'committed' || result.status === 'nothing') reportKept(io, result.kept, `${name}: `);
    if (result.status === 'committed') {
      io.stderr(`cogsync: ${name}: ${result.records.length} record${result.records.length === 1 ? '' : 's'} written (DatasetSyncCount ${ds.syncCount})\n`);
    } else if (result.status === 'nothing') {
      if (result.kept.length === 0) io.stderr(`cogsync: ${name}: already up to date\n`);
    } else if (result.status === 'conflict') {
      explainConflicts(io, target.datasetName, result.conflicts);
      exit = ExitCode.Conflict;
    } else {
      io.stderr(`cogsync: ${name}: the dataset was deleted on the server meanwhile; nothing written (--on-conflict mine writes it back)\n`);
      exit = ExitCode.Conflict;
    }
  }
  return exit;
}

function q(text: string): string {
  return `"${sanitizeLine(text.length > 60 ? `${text.slice(0, 60)}…` : text)}"`;
}
