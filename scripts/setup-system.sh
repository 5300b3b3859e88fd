#!/usr/bin/env bash
# What the tests need from the system, installed when missing: the one setup path for the README's
# `npm test` (its first step) and for `.ci/run` (before `npm ci`, so keytar builds against
# libsecret). It checks first, so it takes a second when everything is there.
# Debian/Ubuntu (apt); elsewhere it names what is missing and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v dbus-run-session >/dev/null 2>&1 || need_apt+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need_apt+=(gnome-keyring)
pkg-config --exists libsecret-1 2>/dev/null || need_apt+=(libsecret-1-dev pkg-config)
# Debian FFmpeg 5.1 (has xfade) stands in for a user-set FFmpeg in the compose parity test.
command -v /usr/bin/ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v Xvfb >/dev/null 2>&1 || need_apt+=(xvfb)
# The offline voice is the system's speech engine (Zapcut bundles none); on Linux a user-installed
# espeak-ng (GPL-3.0, a separate program — never inside the app). The voice tests run it.
command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng)
fc-list 2>/dev/null | grep -qi 'Noto Color Emoji' || need_apt+=(fonts-noto-color-emoji)

if [ ${#need_apt[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: the tests need ${need_apt[*]} (Debian package names); install them with your package manager, then run npm test again" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "setup: the tests need ${need_apt[*]}; run as root or: apt-get install ${need_apt[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing ${need_apt[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need_apt[@]}"
fi

# keytar is optional: `npm install` on a machine without libsecret's headers skipped it. Now that
# they are here, build it, so the keychain tests run against the real OS keychain.
if [ -d node_modules ] && ! node -e "require('keytar')" >/dev/null 2>&1; then
  echo "setup: building the OS keychain module (keytar) now that libsecret is installed"
  # Against the running Node's own headers when it ships them (the Node `npm run setup` fetched does):
  # node-gyp would otherwise download them.
  nodedir=$(node -p "require('path').resolve(process.execPath, '../..')")
  if [ -f "$nodedir/include/node/common.gypi" ]; then export npm_config_nodedir="$nodedir"; fi
  # npm drops an optional package whose build failed, and `npm rebuild` of a missing one does nothing.
  if [ -d node_modules/keytar ]; then npm rebuild keytar >/dev/null; else npm install --no-save --no-audit --no-fund keytar >/dev/null; fi
  node -e "require('keytar')" || { echo "setup: keytar still does not load; the keychain tests will say why" >&2; }
fi

# The first Chromium start on a machine that never ran it builds the font cache and a profile
# (seen over 30 s on a fresh machine, longer than a test's first navigation was allowed). Do it
# once here, timed, in this HOME, so the suites start warm; their navigation bound
# (test/support/chromium.ts) still fits a cold start.
t0=$(date +%s)
fc-cache >/dev/null 2>&1 || true
if timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --dump-dom 'data:text/html,<p>Zapcut warm-up</p>' >/dev/null 2>&1; then
  echo "setup: Chromium warmed in $(( $(date +%s) - t0 )) s"
else
  echo "setup: Chromium did not start within 300 s (the browser suites will say why)"
fi
