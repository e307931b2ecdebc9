#!/bin/sh
# Installs the caro binary for this machine from a GitHub release, after
# checking its SHA-256 against the release's SHA256SUMS.
#
#   curl -fsSL https://github.com/wildcard/caro/releases/latest/download/install.sh | sh
#
# Settings (environment):
#   CARO_VERSION        release tag to install (default: the latest release)
#   CARO_INSTALL_DIR    where to put `caro` (default: $HOME/.local/bin)
#   CARO_REPO           GitHub owner/name (default: wildcard/caro)
#   CARO_DOWNLOAD_BASE  base URL holding the assets (overrides the two above)
#
#   sh install.sh --asset-for <uname -s> <uname -m>   prints the asset name only
set -eu

fail() {
  echo "caro install: $*" >&2
  exit 1
}

asset_for() {
  case "$1" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    *) fail "no prebuilt caro for the OS '$1' (Linux and macOS here; Windows: install.ps1)" ;;
  esac
  case "$2" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) fail "no prebuilt caro for the CPU '$2' (x86_64 and arm64)" ;;
  esac
  echo "caro-$os-$arch"
}

if [ "${1:-}" = "--asset-for" ]; then
  asset_for "${2:-}" "${3:-}"
  exit 0
fi

asset=$(asset_for "$(uname -s)" "$(uname -m)")
repo=${CARO_REPO:-wildcard/caro}
if [ -n "${CARO_DOWNLOAD_BASE:-}" ]; then
  base=$CARO_DOWNLOAD_BASE
elif [ -n "${CARO_VERSION:-}" ]; then
  base="https://github.com/$repo/releases/download/$CARO_VERSION"
else
  base="https://github.com/$repo/releases/latest/download"
fi
install_dir=${CARO_INSTALL_DIR:-${HOME:?HOME is not set}/.local/bin}

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 -o "$2" "$1" || fail "cannot download $1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1" || fail "cannot download $1"
  else
    fail "needs curl or wget"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "needs sha256sum or shasum to verify the download"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fetch "$base/$asset" "$work/$asset"
fetch "$base/SHA256SUMS" "$work/SHA256SUMS"
expected=$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS has no line for $asset"
actual=$(sha256_of "$work/$asset")
[ "$expected" = "$actual" ] || fail "checksum mismatch for $asset (expected $expected, got $actual); nothing installed"

mkdir -p "$install_dir"
chmod 755 "$work/$asset"
mv "$work/$asset" "$install_dir/caro"
echo "caro installed to $install_dir/caro ($asset, sha256 $actual)"
case ":${PATH:-}:" in
  *":$install_dir:"*) ;;
  *) echo "note: $install_dir is not on your PATH" ;;
esac
