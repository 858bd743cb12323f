#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the vault's PostgreSQL lane.
#   scripts/postgres-test-server.sh start <dir> [port]   prints: export TEST_POSTGRES_URL=...
#   scripts/postgres-test-server.sh stop <dir>
# Installs Debian's server package when it is missing (needs root then).
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster folder}; port=${3:-55432}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
	if [ -z "$(bindir)" ]; then
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
	fi
	bin=$(bindir)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U vault --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
	echo "export TEST_POSTGRES_URL=postgres://vault@127.0.0.1:$port/postgres"
	;;
stop)
	bin=$(bindir)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
	;;
esac
