// `cogsync copy POOL SOURCE_IDENTITY DATASET TARGET_IDENTITY`: writes a dataset's live
// records onto another identity (or pool, or dataset name) as one batch. Keys the target
// has and the source lacks stay unless --prune; --dry-run prints the plan only.
import { conflictPolicy } from '../edit/set-rm.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CommandIO, GlobalFlags } from '../io.js';
import { openSessionLazily, type OpenSession } from '../open-session.js';
import { reportError } from '../report-error.js';
import type { ServiceSession } from '../service-session.js';
import { applyPlans, planTarget, printPlans, stagePlans } from './apply-plan.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { unsendableText } from './document.js';
import { exportIdentity } from './export.js';

export interface CopyRequest {
  identityPoolId: string;
  sourceIdentityId: string;
  datasetName: string;
  targetIdentityId: string;
  targetPoolId?: string;
  targetDatasetName?: string;
  prune?: boolean;
  dryRun?: boolean;
  onConflict?: string;
  json?: boolean;
  globals: GlobalFlags;
}

export async function runCopy(request: CopyRequest, io: CommandIO, deps: { openSession?: OpenSession } = {}): Promise<number> {
  let session: ServiceSession | undefined;
  try {
    const policy = conflictPolicy(request.onConflict);
    session = await (deps.openSession ?? openSessionLazily)(io, request.globals);
    const source = await exportIdentity(session, {
      identityPoolId: request.identityPoolId,
      identityId: request.sourceIdentityId,
      datasetName: request.datasetName,
    });
    // Before the target is read: text an older import left on the server cannot be sent on (update-records' wording).
    const unsendable = unsendableText(source, source.Datasets, `source identity ${sanitizeLine(request.sourceIdentityId)}`, false);
    if (unsendable.length > 0) throw new UsageError([...unsendable, 'cogsync: nothing was written'].join('\n'));
    const wanted = source.Datasets[0].Records.filter((r) => r.Value !== undefined).map((r) => ({ key: r.Key, value: r.Value }));
    const target = {
      identityPoolId: request.targetPoolId ?? request.identityPoolId,
      identityId: request.targetIdentityId,
      datasetName: request.targetDatasetName ?? request.datasetName,
    };
    const plan = await planTarget(session, target, wanted, { prune: request.prune });
    printPlans(io, [plan], Boolean(request.json));
    if (request.dryRun) {
      stagePlans([plan], policy);
      io.stderr('cogsync: dry run: nothing was written\n');
      return ExitCode.Ok;
    }
    return await applyPlans(io, [plan], policy);
  } catch (error) {
    return reportError(io, error, 'UpdateRecords');
  } finally {
    session?.close();
  }
}
