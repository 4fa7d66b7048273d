#!/usr/bin/env bash
# The one test command: installs what is missing, then runs fmt check, lint, type check and
# every test (deno task ok).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
deno task ok
