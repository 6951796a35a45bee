#!/usr/bin/env bash
# `npm run test:e2e`: this package inside a real n8n.
#   1. installs the pinned n8n runner (setup.sh; cached after the first run)
#   2. builds the package, `npm pack`s it, runs n8n's community-package scan on the tarball
#   3. installs the tarball as a community package into a fresh n8n user folder
#   4. starts the Kaltura sandbox, then lib/run-cases.js imports the credential, the examples and
#      test/e2e/cases/*, runs every case and prints `N passed, N failed`.
# Logs: test/e2e/.work/run/ (kept after the run). Options (env): E2E_CASES=name1,name2 runs only
# cases whose name contains one of these; E2E_KEEP=1 keeps the n8n user folder.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUN_DIR="$E2E_WORK_DIR/run"
SANDBOX_PID=""
cleanup() {
	local code=$?
	trap '' PIPE # see start.sh: never die half-way through the cleanup
	stop_children
	if [ "$code" -ne 0 ] && [ -f "$RUN_DIR/sandbox.log" ]; then show_tail "$RUN_DIR/sandbox.log" 20; fi
	# Binary data of the big-file cases; logs stay for reading.
	[ "${E2E_KEEP:-}" = 1 ] || rm -rf "$RUN_DIR/n8n/.n8n/storage" "$RUN_DIR/n8n/files" "$RUN_DIR/media" "$RUN_DIR/sandbox-data"
	exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T_START=$(date +%s)
bash "$E2E_ROOT/setup.sh"

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"

log "building and packing $PACKAGE_NAME (log: ${RUN_DIR#"$REPO_ROOT"/}/build.log)"
TGZ=$(build_and_pack "$RUN_DIR" "$RUN_DIR/build.log")
log "packed $(basename "$TGZ") ($(du -k "$TGZ" | cut -f1) KiB)"

log "starting the Kaltura sandbox"
(cd "$REPO_ROOT" && exec setsid npm run sandbox -- --port 0 --data-dir "$RUN_DIR/sandbox-data" --processing-ms 300) \
	>"$RUN_DIR/sandbox.log" 2>&1 &
SANDBOX_PID=$!
track_child "$SANDBOX_PID"
SANDBOX_URL=$(wait_for_line "$SANDBOX_PID" "$RUN_DIR/sandbox.log" 'Kaltura sandbox listening on http://127\.0\.0\.1:[0-9]+' 90 |
	sed 's/.* on //')
log "sandbox at $SANDBOX_URL"

n8n_env "$RUN_DIR/n8n"
log "installing the tarball as a community package into ${N8N_USER_FOLDER#"$REPO_ROOT"/}/.n8n/nodes"
install_community_package "$TGZ" "$RUN_DIR/build.log"

log "running the e2e cases"
set +e
E2E_RUN_DIR="$RUN_DIR" SANDBOX_URL="$SANDBOX_URL" E2E_PACKAGE_TGZ="$TGZ" "$NODE24" "$E2E_ROOT/lib/run-cases.js"
CODE=$?
set -e
log "e2e stage finished in $(($(date +%s) - T_START)) s (logs: ${RUN_DIR#"$REPO_ROOT"/}/logs)"
exit "$CODE"
