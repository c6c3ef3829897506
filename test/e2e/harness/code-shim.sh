#!/usr/bin/env bash
# The `code` executable that @vscode/test-electron spawns: runs the suite in code-server instead (codeCli.ts).
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
exec node --import "$root/node_modules/tsx/dist/loader.mjs" "$root/test/e2e/harness/codeCli.ts" "$@"
