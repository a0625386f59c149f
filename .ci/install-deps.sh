#!/usr/bin/env bash
# Installs the system packages the tests need. Idempotent: installs only what is missing.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    apt-get update
    apt_updated=true
  fi
  apt-get install -y --no-install-recommends "$@"
}

# --- PostgreSQL server binaries (initdb, pg_ctl, postgres) ------------------------------------
# The embedded server (Inventory.Storage.Postgres) runs its own private cluster from these; the
# package's own cluster is not wanted: it is stopped and kept from autostarting, so it holds no port.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null; then
  apt_install postgresql

  if command -v pg_lsclusters > /dev/null; then
    pg_lsclusters --no-header 2> /dev/null | while read -r version cluster _; do
      pg_ctlcluster "$version" "$cluster" stop --force || true
      if [ -f "/etc/postgresql/$version/$cluster/start.conf" ]; then
        echo manual > "/etc/postgresql/$version/$cluster/start.conf" || true
      fi
    done || true
  fi
  service postgresql stop > /dev/null 2>&1 || true
fi

# --- Chromium (end-to-end tests) -------------------------------------------------------------
# tests/Inventory.EndToEnd.Tests drives Debian's Chromium through Playwright's bundled node driver (shipped in the
# NuGet package) with an explicit executable path: Playwright never downloads a browser of its own.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-liberation
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
