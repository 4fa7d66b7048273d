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
# The agent benchmark (bench/agent.ts) compares with FusionInventory and reads peak RSS from time.
command -v fusioninventory-agent >/dev/null 2>&1 || missing+=(fusioninventory-agent)
[ -x /usr/bin/time ] || missing+=(time)
# The GLPI agent in ../shared/peers/glpi-agent runs from source on these Perl modules (most of the
# others come with fusioninventory-agent).
for pkg in libdata-uuid-perl libcpanel-json-xs-perl libdatetime-perl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The console's end-to-end tests drive Debian's Chromium through playwright-core (headless).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
