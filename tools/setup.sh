#!/usr/bin/env bash
# Installs what the tests need on a machine that has only Node, npm and Debian's apt:
# Deno (from npm) and the Debian packages the end-to-end tests drive for real (and the agent
# benchmark compares with).
set -euo pipefail

DENO_VERSION=2.9.6
if ! command -v deno >/dev/null 2>&1 || ! deno --version | head -1 | grep -q "deno ${DENO_VERSION} "; then
  echo "setup: installing deno ${DENO_VERSION} from npm"
  npm install --global --no-audit --no-fund "deno@${DENO_VERSION}"
fi

missing=()
command -v ocsinventory-agent >/dev/null 2>&1 || missing+=(ocsinventory-agent)
# The registry tests run FusionInventory for real (its names, two agents on one host); the agent
# benchmark (bench/agent.ts) compares with it and reads peak RSS from time.
command -v fusioninventory-agent >/dev/null 2>&1 || missing+=(fusioninventory-agent)
# The GLPI agent in ../shared/peers/glpi-agent (tests/glpi_agent_test.ts) runs on Debian's Perl
# modules: most come with fusioninventory-agent, these three are its own.
perl -MData::UUID -e1 >/dev/null 2>&1 || missing+=(libdata-uuid-perl)
perl -MCpanel::JSON::XS -e1 >/dev/null 2>&1 || missing+=(libcpanel-json-xs-perl)
perl -MDateTime -e1 >/dev/null 2>&1 || missing+=(libdatetime-perl)
[ -x /usr/bin/time ] || missing+=(time)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The console's end-to-end tests drive Debian's Chromium through playwright-core (headless).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# OCS servers as sources (tests/ocs_source_test.ts, bench/ocs_source.ts): a throw-away MariaDB and
# the real OCS communication server (Apache + mod_perl), its schema shipped by ocsinventory-reports.
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
[ -f /etc/apache2/conf-available/ocsinventory-server.conf ] || missing+=(ocsinventory-server)
[ -f /usr/share/ocsinventory-reports/files/ocsbase_new.sql ] || missing+=(ocsinventory-reports)
# The disk-full and read-only start-up tests mount a small tmpfs in a private mount namespace.
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v mount >/dev/null 2>&1 || missing+=(mount)
# The storage tests start throw-away PostgreSQL clusters (tests/_helpers/postgres.ts) from
# Debian's server binaries; no PostgreSQL service is started or assumed.
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # The OCS packages offer to create their database through dbconfig-common: declined, so the
  # install neither asks nor needs a running MariaDB (the tests start their own).
  printf '%s\n' \
    "ocsinventory-server ocsinventory-server/dbconfig-install boolean false" \
    "ocsinventory-reports ocsinventory-reports/dbconfig-install boolean false" |
    $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
