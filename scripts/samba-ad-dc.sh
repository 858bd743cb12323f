#!/usr/bin/env bash
# Starts a throwaway Samba Active Directory domain controller on loopback for tests and demos:
# realm EXAMPLE.TEST (domain EXAMPLE, host dc1), LDAP only (ports 389/636, global catalog 3268/3269).
#   scripts/samba-ad-dc.sh start <dir> [ip]   prints: export AD_URL=ldaps://<ip>:636 AD_BIND_DN=...
#                                             AD_BIND_PASSWORD=... AD_BASE_DN=... AD_CA_FILE=<dir>/ca.pem
#                                             (also kept in <dir>/env.sh)
#   scripts/samba-ad-dc.sh stop <dir>         safe to call when nothing runs
# Needs root: Samba's DC runs as root and binds ports below 1024. Installs Debian's samba
# packages when they are missing. Every start provisions a new domain with a new password.
# The ports are fixed, so one DC per IP: ip (default 127.0.0.1) may be any other 127.x.y.z to run
# a second one; start fails when something already answers on that IP rather than use it.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?DC folder}; ip=${3:-127.0.0.1}

realm=EXAMPLE.TEST
base_dn=DC=example,DC=test
admin_dn="CN=Administrator,CN=Users,$base_dn"
packages=(samba samba-ad-dc samba-ad-provision ldap-utils openssl)

log() { echo "samba-ad-dc: $*" >&2; }
die() { log "$*"; exit 1; }

# Whether pid is our samba, not a stale number reused by another process. Samba rewrites its
# command line ("samba: root process"), so recognise it by its name and its log as stdout.
is_ours() {
	[ "$(cat "/proc/$1/comm" 2>/dev/null)" = samba ] && [ "$(readlink "/proc/$1/fd/1")" = "$dir/samba.log" ]
}

# The pid in <dir>/samba.pid when that process is still running.
running_pid() {
	local pid
	pid=$(cat "$dir/samba.pid" 2>/dev/null) || return 1
	[ -n "$pid" ] && is_ours "$pid" && echo "$pid"
}

port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$ip/$1" 2>/dev/null; }

install_missing() {
	local missing=() p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return
	log "installing ${missing[*]}"
	# samba-ad-provision (the AD schema) is only a Recommends of samba-ad-dc: name it explicitly.
	apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A tiny CA and a server certificate for the IP and localhost: Samba's own certificate names
# dc1.example.test, which clients connecting to ldaps://127.0.0.1 cannot verify.
make_tls() {
	local tls=$dir/tls
	mkdir -p "$tls" && chmod 700 "$tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=Samba test DC CA" \
		-keyout "$tls/ca.key" -out "$dir/ca.pem" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
	openssl x509 -req -in "$tls/server.csr" -CA "$dir/ca.pem" -CAkey "$tls/ca.key" -CAserial "$tls/ca.srl" -CAcreateserial -days 365 \
		-extfile <(printf 'subjectAltName=IP:%s,DNS:localhost\nextendedKeyUsage=serverAuth\n' "$ip") \
		-out "$tls/server.pem" 2>/dev/null
	chmod 600 "$tls/ca.key" "$tls/server.key" # Samba refuses a key file others can read
	chmod 644 "$dir/ca.pem"
}

start() {
	[ "$(id -u)" = 0 ] || die "needs root (Samba's DC runs as root and listens on ports 389/636)"
	[[ $ip =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "ip must be a loopback address (127.x.y.z), not $ip"
	local pid
	if [ -d "$dir" ] && dir=$(cd "$dir" && pwd) && pid=$(running_pid); then die "a DC from $dir is already running (pid $pid): run '$0 stop $dir' first"; fi
	local port
	for port in 636 389; do
		if port_answers "$port"; then
			die "something already listens on $ip:$port (another DC?); the ports are fixed, so stop it first"
		fi
	done
	install_missing

	mkdir -p "$dir" && chmod 755 "$dir"
	dir=$(cd "$dir" && pwd)
	# A fresh domain on every start: drop what an earlier start left.
	rm -rf "$dir/domain" "$dir/tls" "$dir/ca.pem" "$dir/env.sh" "$dir/samba.pid"
	mkdir -p "$dir/domain/run"
	# Complex (upper, lower, digit, symbol) so the domain's default password policy accepts it.
	local password
	password="Dc1-$(openssl rand -hex 12)"

	log "provisioning $realm into $dir/domain (log: $dir/provision.log)"
	# interfaces = ip/8: a plain 127.0.0.2 is "not found" (only 127.0.0.1 sits on lo); with the
	# loopback net Samba binds the address itself.
	# --configfile=/dev/null: without it provisioning copies the host's /etc/samba/smb.conf settings.
	# The xattr_tdb options let provisioning store NT ACLs where the sandbox forbids security.* xattrs.
	if ! samba-tool domain provision --configfile=/dev/null --targetdir="$dir/domain" \
		--realm="$realm" --domain=EXAMPLE --host-name=dc1 --server-role=dc --dns-backend=NONE \
		--use-rfc2307 --adminpass="$password" \
		--option="vfs objects = dfs_samba4 acl_xattr xattr_tdb" --option="xattr_tdb:file = $dir/domain/xattr.tdb" \
		--option="interfaces = $ip/8" --option="bind interfaces only = yes" \
		--option="server services = ldap" >"$dir/provision.log" 2>&1; then
		tail -20 "$dir/provision.log" >&2
		die "provisioning failed (full log: $dir/provision.log)"
	fi

	make_tls
	# Settings provisioning does not carry into smb.conf. Strong auth off lets plain-LDAP simple
	# binds work too (otherwise result code 8); the pid and socket folders keep the DC inside <dir>.
	sed -i "/^\[global\]/a\\
	ldap server require strong auth = no\\
	tls enabled = yes\\
	tls keyfile = $dir/tls/server.key\\
	tls certfile = $dir/tls/server.pem\\
	tls cafile = $dir/ca.pem\\
	pid directory = $dir/domain/run\\
	ncalrpc dir = $dir/domain/run/ncalrpc\\
	log file = $dir/samba.log" "$dir/domain/etc/smb.conf"

	# Tests change passwords back and forth; keep complexity on as a real domain has it.
	samba-tool domain passwordsettings set -s "$dir/domain/etc/smb.conf" \
		--min-pwd-age=0 --history-length=0 --complexity=on >>"$dir/provision.log" 2>&1 \
		|| die "setting the password policy failed (log: $dir/provision.log)"

	log "starting samba (log: $dir/samba.log)"
	setsid samba -i -M single -s "$dir/domain/etc/smb.conf" </dev/null >"$dir/samba.log" 2>&1 &
	echo $! >"$dir/samba.pid"

	local ldap_env=(env LDAPTLS_CACERT="$dir/ca.pem" LDAPTLS_REQCERT=demand)
	local deadline=$((SECONDS + 30))
	until "${ldap_env[@]}" ldapsearch -x -H "ldaps://$ip:636" -o nettimeout=2 -b '' -s base \
		defaultNamingContext >/dev/null 2>&1; do
		if ! running_pid >/dev/null; then
			tail -20 "$dir/samba.log" >&2
			die "samba exited before LDAPS answered (log: $dir/samba.log)"
		fi
		if [ $SECONDS -ge $deadline ]; then
			tail -20 "$dir/samba.log" >&2
			stop
			die "LDAPS on $ip:636 did not answer within 30 s (log: $dir/samba.log)"
		fi
		sleep 0.3
	done

	# The OUs the tests and the demo work under.
	"${ldap_env[@]}" ldapadd -x -H "ldaps://$ip:636" -D "$admin_dn" -y <(printf %s "$password") >/dev/null <<-EOF \
		|| die "creating the Provisioning OUs failed"
	dn: OU=Provisioning,$base_dn
	objectClass: organizationalUnit

	dn: OU=Users,OU=Provisioning,$base_dn
	objectClass: organizationalUnit

	dn: OU=Disabled,OU=Provisioning,$base_dn
	objectClass: organizationalUnit

	dn: OU=Groups,OU=Provisioning,$base_dn
	objectClass: organizationalUnit
	EOF

	(
		umask 077 # env.sh holds the password
		cat >"$dir/env.sh" <<-EOF
		export AD_URL=ldaps://$ip:636
		export AD_BIND_DN='$admin_dn'
		export AD_BIND_PASSWORD='$password'
		export AD_BASE_DN='$base_dn'
		export AD_CA_FILE='$dir/ca.pem'
		EOF
	)
	log "ready: $realm on ldaps://$ip:636 (pid $(cat "$dir/samba.pid"))"
	cat "$dir/env.sh"
}

stop() {
	local pid
	if ! pid=$(running_pid); then
		rm -f "$dir/samba.pid"
		return 0
	fi
	kill "$pid"
	local i
	for i in $(seq 50); do
		is_ours "$pid" || break
		sleep 0.2
	done
	if is_ours "$pid"; then kill -9 "$pid"; fi
	rm -f "$dir/samba.pid"
	log "stopped pid $pid"
}

case "$cmd" in
start) start ;;
stop) dir=$(cd "$dir" 2>/dev/null && pwd) || exit 0; stop ;;
*) die "usage: $0 start <dir> [ip] | stop <dir>" ;;
esac
