# shellcheck shell=bash
# Helpers shared by the dev/testbed scripts. Sourced, never run.

tb_log() { printf '[%s] %s\n' "${TB_TAG:-testbed}" "$*" >&2; }
tb_die() {
  printf '[%s] ERROR: %s\n' "${TB_TAG:-testbed}" "$*" >&2
  exit 1
}

# Milliseconds since the epoch, and "S.mmm" seconds elapsed since a value of it.
tb_now_ms() { echo $(($(date +%s%N) / 1000000)); }
tb_since() {
  local d=$(($(tb_now_ms) - $1))
  printf '%d.%03d' $((d / 1000)) $((d % 1000))
}

# A process that exists and is not a zombie (this machine's init reaps orphans slowly).
tb_alive() {
  local st
  st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "${st%% *}" != Z ]
}

tb_need_root() {
  [ "$(id -u)" -eq 0 ] || tb_die "must run as root (network namespaces, bridges, loop devices)"
}

# Debian packages among "$@" that are not installed.
tb_missing_pkgs() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null | awk '$2 == "installed" {print $1}' || true)
  local p
  for p in "$@"; do
    grep -qxF "$p" <<<"$installed" || echo "$p"
  done
}

# Install the packages among "$@" that are missing, without recommends, waiting for the dpkg lock.
# A policy-rc.d that answers 101 is in place during the install, so package scripts do not start
# system-wide daemons (libvirtd, virtlogd, sshd, ...) in the root namespace. An existing policy-rc.d
# that already denies is left alone; any other is put back afterwards.
tb_apt_install() {
  local missing
  mapfile -t missing < <(tb_missing_pkgs "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || tb_die "missing packages (${missing[*]}) and no apt-get to install them"
  tb_log "installing Debian packages: ${missing[*]}"
  local t0 log
  t0=$(tb_now_ms)
  log=$(mktemp /tmp/nubis-testbed-apt.XXXXXX)
  (
    prc=/usr/sbin/policy-rc.d
    backup=""
    ours=0
    if ! { [ -f "$prc" ] && grep -qE '^[[:space:]]*exit[[:space:]]+101' "$prc"; }; then
      if [ -e "$prc" ]; then
        backup=$(mktemp /tmp/nubis-testbed-policy-rc.XXXXXX)
        cp -a "$prc" "$backup"
      fi
      printf '#!/bin/sh\n# nubis dev/testbed: no daemon starts from package scripts\nexit 101\n' >"$prc"
      chmod 755 "$prc"
      ours=1
    fi
    # shellcheck disable=SC2317 # called by the trap
    restore() {
      if [ "$ours" = 1 ]; then
        if [ -n "$backup" ]; then mv -f "$backup" "$prc"; else rm -f "$prc"; fi
      fi
    }
    trap restore EXIT
    apt_install() {
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold \
        install -y -q --no-install-recommends "${missing[@]}"
    }
    apt_install >"$log" 2>&1 ||
      { apt-get -o DPkg::Lock::Timeout=600 update -q >>"$log" 2>&1 && apt_install >>"$log" 2>&1; }
  ) || tb_die "apt-get install failed, see $log"
  rm -f "$log"
  tb_log "packages installed in $(tb_since "$t0") s"
  tb_warn_root_daemons
}

# Warn (never kill: we did not start them) about daemons running in our (root) network namespace that
# would get in the way of the test hosts.
tb_warn_root_daemons() {
  local rootns p exe
  rootns=$(readlink /proc/$$/ns/net) # the namespace this script runs in
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/ns/net" 2>/dev/null)" = "$rootns" ] || continue
    exe=$(readlink "$p/exe" 2>/dev/null) || continue
    case "$exe" in
      */libvirtd | */virtlogd | */virtqemud | */dnsmasq)
        tb_log "WARNING: ${exe##*/} (pid ${p#/proc/}) runs in the root namespace; it was not started by this script"
        ;;
    esac
  done
}
