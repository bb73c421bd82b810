#!/usr/bin/env bash
# Smoke test: the real AWS CLI (`aws cognito-sync …`, v1 or v2) against the local server.
# Not part of `npm test` (CI may not have `aws`); run it by hand: test/local/aws-cli-smoke.sh
# Exit 0 = passed, 1 = failed, 2 = not run because `aws` is not on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v aws >/dev/null 2>&1; then
  echo "aws-cli-smoke: NOT RUN: no 'aws' on PATH" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cogsync-cli-smoke-XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Never touch real AWS, the user's AWS files or their cogsync folder.
export COGSYNC_HOME="$work/home"
export AWS_ACCESS_KEY_ID=AKIDTESTCOGSYNC AWS_SECRET_ACCESS_KEY=test-secret-not-real AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/nonexistent/cogsync-smoke AWS_SHARED_CREDENTIALS_FILE=/nonexistent/cogsync-smoke
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL || true

# Start the real server on a free port; it prints its URL on the first line.
node --import tsx --input-type=module -e "
  import { startLocalServer } from '$PWD/src/local/server.ts';
  const s = await startLocalServer({ host: '127.0.0.1', port: 0, dbPath: '$work/smoke.db' });
  console.log(s.url);
  process.on('SIGTERM', async () => { await s.close(); process.exit(0); });
" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!

deadline=$((SECONDS + 30))
until [ -s "$work/server.out" ]; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "aws-cli-smoke: FAILED: server did not start" >&2
    cat "$work/server.err" >&2
    exit 1
  fi
  sleep 0.2
done
url="$(head -n1 "$work/server.out")"

P="us-east-1:$(node -e 'console.log(crypto.randomUUID())')"
I="us-east-1:$(node -e 'console.log(crypto.randomUUID())')"
cli() { aws --endpoint-url "$url" --output json cognito-sync "$@"; }
ids=(--identity-pool-id "$P" --identity-id "$I" --dataset-name smoke)

token="$(cli list-records "${ids[@]}" --query SyncSessionToken --output text)"
cli update-records "${ids[@]}" --sync-session-token "$token" \
  --record-patches 'Op=replace,Key=greeting,Value=hello world,SyncCount=0' 'Op=remove,Key=gone,SyncCount=0' >"$work/update.json"
cli list-records "${ids[@]}" >"$work/list.json"

node -e "
  const fs = require('node:fs');
  const update = JSON.parse(fs.readFileSync('$work/update.json', 'utf8'));
  const list = JSON.parse(fs.readFileSync('$work/list.json', 'utf8'));
  const got = list.Records.map((r) => [r.Key, r.Value ?? null, r.SyncCount]);
  const want = [['gone', null, 1], ['greeting', 'hello world', 1]];
  const problems = [];
  if (JSON.stringify(got) !== JSON.stringify(want)) problems.push('records ' + JSON.stringify(got));
  if (update.Records.length !== 2) problems.push('update returned ' + JSON.stringify(update));
  if (list.DatasetSyncCount !== 1 || list.DatasetExists !== true) problems.push('dataset ' + JSON.stringify(list));
  if (problems.length) { console.error('aws-cli-smoke: FAILED: ' + problems.join('; ')); process.exit(1); }
"

# An error must reach the CLI with its code and message.
if cli update-records "${ids[@]}" --sync-session-token "$token" \
  --record-patches 'Op=replace,Key=greeting,Value=stale,SyncCount=0' 2>"$work/conflict.err"; then
  echo "aws-cli-smoke: FAILED: a stale SyncCount was accepted" >&2
  exit 1
fi
if ! grep -q 'ResourceConflictException' "$work/conflict.err" ||
  ! grep -q 'Current SyncCount for: greeting is: 1 not: 0' "$work/conflict.err"; then
  echo "aws-cli-smoke: FAILED: unexpected conflict output:" >&2
  cat "$work/conflict.err" >&2
  exit 1
fi

echo "aws-cli-smoke: passed ($(aws --version 2>&1 | cut -d' ' -f1) against $url)"
