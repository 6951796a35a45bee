#!/usr/bin/env bash
# `npm start`: a real n8n editor on http://localhost:5678 with this package loaded, the Kaltura
# sandbox running, a ready "Kaltura sandbox" credential and the example workflows imported.
#
# Real Kaltura instead of the sandbox: set KALTURA_SERVICE_URL, KALTURA_PARTNER_ID and
# KALTURA_ADMIN_SECRET (optionally KALTURA_USER_ID); the credential is then called "Kaltura".
# Sign-in (local only): N8N_START_OWNER_EMAIL / N8N_START_OWNER_PASSWORD, defaults below.
# Other settings: N8N_PORT (5678). State is kept in test/e2e/.work/start between runs.
# Ctrl-C stops n8n and the sandbox.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

START_DIR="$E2E_WORK_DIR/start"
PORT=${N8N_PORT:-5678}
OWNER_EMAIL=${N8N_START_OWNER_EMAIL:-owner@example.com}
OWNER_PASSWORD=${N8N_START_OWNER_PASSWORD:-Kaltura-sandbox-1}
N8N_PID=""

cleanup() {
	local code=$?
	# Stop the children before printing anything: after Ctrl-C, whatever reads our output (a pipe,
	# npm) may be gone already, and a write would kill this script with SIGPIPE.
	trap - EXIT INT TERM
	trap '' PIPE
	if [ ${#CHILD_PIDS[@]} -gt 0 ]; then
		stop_children
		log "stopped n8n and the sandbox" 2>/dev/null || true
	fi
	exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$E2E_ROOT/setup.sh"
mkdir -p "$START_DIR"

if node -e "const s=require('net').connect($PORT,'127.0.0.1');s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));"; then
	die "port $PORT is already in use (another n8n?). Stop it or set N8N_PORT."
fi

log "building and packing $PACKAGE_NAME"
TGZ=$(build_and_pack "$START_DIR" "$START_DIR/build.log")

SANDBOX_URL=""
if [ -n "${KALTURA_SERVICE_URL:-}" ] && [ -n "${KALTURA_PARTNER_ID:-}" ] && [ -n "${KALTURA_ADMIN_SECRET:-}" ]; then
	log "using the real Kaltura at $KALTURA_SERVICE_URL (partner $KALTURA_PARTNER_ID); no sandbox"
else
	log "starting the Kaltura sandbox (data kept in ${START_DIR#"$REPO_ROOT"/}/sandbox-data)"
	(cd "$REPO_ROOT" && exec setsid npm run sandbox -- --port "${SANDBOX_PORT:-0}" --data-dir "$START_DIR/sandbox-data") \
		>"$START_DIR/sandbox.log" 2>&1 &
	track_child $!
	SANDBOX_URL=$(wait_for_line "$!" "$START_DIR/sandbox.log" 'Kaltura sandbox listening on http://127\.0\.0\.1:[0-9]+' 90 |
		sed 's/.* on //')
	log "sandbox at $SANDBOX_URL"
fi

n8n_env "$START_DIR/n8n"
export N8N_PORT=$PORT N8N_HOST=localhost N8N_EDITOR_BASE_URL="http://localhost:$PORT/" WEBHOOK_URL="http://localhost:$PORT/"
log "installing the package into ${N8N_USER_FOLDER#"$REPO_ROOT"/}/.n8n/nodes"
install_community_package "$TGZ" "$START_DIR/build.log"

log "importing the credential and the example workflows"
E2E_START_DIR="$START_DIR" SANDBOX_URL="$SANDBOX_URL" "$NODE24" "$E2E_ROOT/lib/start-import.js" |
	sed 's/^/[e2e]   /'

# The owner account comes from the environment, so the editor opens at the sign-in page
# instead of the first-run "set up owner account" screen.
export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true N8N_INSTANCE_OWNER_EMAIL="$OWNER_EMAIL"
export N8N_INSTANCE_OWNER_FIRST_NAME=Kaltura N8N_INSTANCE_OWNER_LAST_NAME=Admin
N8N_INSTANCE_OWNER_PASSWORD_HASH=$(OWNER_PASSWORD="$OWNER_PASSWORD" "$NODE24" -e \
	"process.stdout.write(require('$RUNNER_DIR/node_modules/bcryptjs').hashSync(process.env.OWNER_PASSWORD, 10))")
export N8N_INSTANCE_OWNER_PASSWORD_HASH

log "starting n8n (log: ${START_DIR#"$REPO_ROOT"/}/n8n.log)"
setsid "$N8N_CLI" start >>"$START_DIR/n8n.log" 2>&1 &
N8N_PID=$!
track_child "$N8N_PID"
T0=$(date +%s)
until "$NODE24" -e "fetch('http://127.0.0.1:$PORT/healthz/readiness').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
	kill -0 "$N8N_PID" 2>/dev/null || { show_tail "$START_DIR/n8n.log"; die "n8n exited during startup"; }
	[ $(($(date +%s) - T0)) -lt 180 ] || { show_tail "$START_DIR/n8n.log"; die "n8n was not ready after 180 s"; }
	sleep 0.5
done

if [ -n "$SANDBOX_URL" ]; then
	KALTURA_LINE="sandbox at $SANDBOX_URL (partner 100), credential \"Kaltura sandbox\""
else
	KALTURA_LINE="$KALTURA_SERVICE_URL (partner $KALTURA_PARTNER_ID), credential \"Kaltura\""
fi
if [ -n "${N8N_START_OWNER_PASSWORD:-}" ]; then PASSWORD_HINT='(from N8N_START_OWNER_PASSWORD)'; else PASSWORD_HINT=$OWNER_PASSWORD; fi
cat <<EOF

  n8n is ready:  http://localhost:$PORT
  sign in:       $OWNER_EMAIL / $PASSWORD_HINT   (local account, set by npm start)
  Kaltura:       $KALTURA_LINE
  examples:      Overview → Workflows (imported from examples/)
  files:         Read/Write Files from Disk may use $N8N_RESTRICT_FILE_ACCESS_TO

  Press Ctrl-C to stop n8n${SANDBOX_URL:+ and the sandbox}.

EOF
wait "$N8N_PID"
