#!/usr/bin/env bash
# Installs the pinned real n8n (test/e2e/runner/package-lock.json: n8n 2.40.7, its Node 24 runtime
# from the npm registry, the community-package scanner) into test/e2e/.work/runner (or $E2E_RUNNER_HOME).
# Needs only Node >= 20 with npm and the npm registry. Idempotent: a second run takes about a second.
#
# Why these steps:
# - `npm ci --ignore-scripts`: n8n's tree has install scripts that download sources from outside
#   the npm registry (@confluentinc/kafka-javascript fetches zlib/openssl) and fail offline.
# - sqlite3 is then the only native module n8n needs that must be built (isolated-vm and the others
#   ship prebuilds). It is N-API, so the build is cached outside the clone and reused.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

[ "$NODE24_PKG" != unsupported ] || die "the e2e runner supports Linux x64/arm64 only (Node 24 comes from npm's $NODE24_PKG package)"
command -v npm >/dev/null || die "npm is needed (Node >= 20 with npm)"
mkdir -p "$E2E_WORK_DIR"
LOG="$E2E_WORK_DIR/setup.log"

if runner_ready && "$NODE24" -e "require('$RUNNER_DIR/node_modules/sqlite3')" 2>/dev/null; then
	log "n8n runner ready (cached): n8n $("$NODE24" -p "require('$RUNNER_DIR/node_modules/n8n/package.json').version"), node $("$NODE24" -v)"
	exit 0
fi
: >"$LOG"

# --- 1. npm ci of the runner lockfile ---------------------------------------------------------
log "installing the pinned n8n + Node 24 into ${RUNNER_DIR#"$REPO_ROOT"/} (first run: ~5 min, ~3 GB)"
log "  npm log: ${LOG#"$REPO_ROOT"/}"
mkdir -p "$RUNNER_DIR"
cp "$RUNNER_MANIFEST_DIR/package.json" "$RUNNER_MANIFEST_DIR/package-lock.json" "$RUNNER_DIR/"
(
	cd "$RUNNER_DIR"
	exec npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=warn
) >>"$LOG" 2>&1 &
NPM_PID=$!
track_child "$NPM_PID"
trap 'stop_children' EXIT
while kill -0 "$NPM_PID" 2>/dev/null; do
	for _ in $(seq 1 75); do
		kill -0 "$NPM_PID" 2>/dev/null || break
		sleep 0.2
	done
	kill -0 "$NPM_PID" 2>/dev/null || break
	size=$(du -sm "$RUNNER_DIR/node_modules" 2>/dev/null | cut -f1 || true)
	log "  ... npm ci running: ${size:-0} of ~3000 MB unpacked"
done
if ! wait "$NPM_PID"; then
	CHILD_PIDS=()
	show_tail "$LOG" 60
	die "npm ci of the e2e runner failed"
fi
CHILD_PIDS=()
[ -x "$NODE24" ] || die "Node 24 missing after npm ci ($NODE24_PKG not installed?)"
log "installed: node $("$NODE24" -v), n8n $("$NODE24" -p "require('$RUNNER_DIR/node_modules/n8n/package.json').version")"

# --- 2. sqlite3 native module (N-API): cached build or one compile ---------------------------
SQLITE_DIR="$RUNNER_DIR/node_modules/sqlite3"
SQLITE_VERSION=$("$NODE24" -p "require('$SQLITE_DIR/package.json').version")
SQLITE_CACHE="$E2E_CACHE_DIR/sqlite3-$SQLITE_VERSION-$NODE24_PKG"
if [ -f "$SQLITE_CACHE/build/Release/node_sqlite3.node" ]; then
	log "sqlite3 $SQLITE_VERSION: reusing the cached native build from $SQLITE_CACHE"
	rm -rf "$SQLITE_DIR/build"
	cp -R "$SQLITE_CACHE/build" "$SQLITE_DIR/build"
fi
if ! "$NODE24" -e "require('$SQLITE_DIR')" 2>/dev/null; then
	log "sqlite3 $SQLITE_VERSION: building the native module for Node 24 (about 1 min)"
	(
		cd "$RUNNER_DIR"
		export PATH="$NODE24_DIR/bin:$PATH"
		# Node 24's own headers (the package ships them), whatever nodedir a user npmrc sets.
		export npm_config_nodedir="$NODE24_DIR" JOBS=max
		exec npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts
	) >>"$LOG" 2>&1 || {
		show_tail "$LOG" 60
		die "building sqlite3 failed (needs python3, make and a C++ compiler)"
	}
	rm -rf "$SQLITE_CACHE" && mkdir -p "$SQLITE_CACHE"
	cp -R "$SQLITE_DIR/build" "$SQLITE_CACHE/build"
fi

# --- 3. sanity: the native modules n8n loads at runtime, and the CLI itself ------------------
"$NODE24" -e "require('$SQLITE_DIR'); require('$RUNNER_DIR/node_modules/isolated-vm')" >>"$LOG" 2>&1 ||
	{ show_tail "$LOG"; die "native modules do not load under Node 24"; }
N8N_VERSION=$(PATH="$NODE24_DIR/bin:$PATH" "$N8N_CLI" --version 2>>"$LOG" | tail -n 1)
runner_stamp >"$RUNNER_DIR/node_modules/.e2e-setup-stamp"
log "n8n runner ready: n8n $N8N_VERSION on node $("$NODE24" -v)"
