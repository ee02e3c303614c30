#!/usr/bin/env bash
# Install what gmtls needs on Debian/Ubuntu, only what is missing.
#   tools/install-deps.sh build   compiler, make, cmake (enough for `make` and `make demo`)
#   tools/install-deps.sh test    plus the oracles and checkers the test suite uses:
#                                 OpenSSL 3 (CLI + libcrypto), valgrind, Node.js + npm, clang
set -euo pipefail
what=${1:-build}
pkgs=(build-essential cmake make pkg-config)
if [ "$what" = test ]; then
  pkgs+=(libssl-dev openssl valgrind nodejs npm clang libclang-rt-dev python3 xxd)
fi
missing=()
for p in "${pkgs[@]}"; do
  case "$p" in
    # Node.js may come from a distribution that bundles npm (Debian's npm package then conflicts):
    # what matters is the command.
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "gmtls: please install: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "gmtls: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
