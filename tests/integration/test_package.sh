#!/usr/bin/env bash
# The install a user gets (issue 17 item 12): CPack's .deb and .tar.gz of this build,
# the .deb installed into a clean root with `dpkg --root`, the tarball unpacked, and each
# used with no build tree: the built-in plugins and the Lua SDK come from the package
# (found relative to the executable), no build or source path is inside, and a signed-in
# `setup` against the stand-in wires a copy of a workbench app.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
command -v dpkg >/dev/null || fail "dpkg is needed (Debian); scripts/install-deps installs it"
command -v cpack >/dev/null || fail "cpack is needed (cmake); scripts/install-deps installs it"

cpack --config "$WIZ_BUILD/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1 \
  || { cat "$T/cpack.log" >&2; fail "cpack failed"; }
DEB=$(ls "$T"/pkg/ampli-wizard_*.deb); TGZ=$(ls "$T"/pkg/ampli-wizard-*.tar.gz)
dpkg-deb -f "$DEB" Depends | grep -q 'libcurl4' || fail "the .deb does not depend on libcurl4 (dlopen()ed)"
dpkg-deb -f "$DEB" Depends | grep -q 'libjansson4' || fail "the .deb misses the shlibs dependencies"

# a clean root with an empty dpkg database; the libraries themselves are the host's
R="$T/root"
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: >"$R/var/lib/dpkg/status"
dpkg --root="$R" --force-not-root --force-depends --log=/dev/null -i "$DEB" >"$T/dpkg.log" 2>&1 \
  || { cat "$T/dpkg.log" >&2; fail "dpkg -i into a clean root failed"; }
grep -q '^Package: ampli-wizard$' "$R/var/lib/dpkg/status" || fail "dpkg did not record the package"
mkdir -p "$T/tgz" && tar -xzf "$TGZ" -C "$T/tgz"
TOP=$(ls -d "$T"/tgz/ampli-wizard-*)

unset AMPLI_WIZARD_BUILTIN_PLUGINS AMPLI_WIZARD_PLUGIN_PATH
for W in "$R/usr/bin/ampli-wizard" "$TOP/bin/ampli-wizard"; do
  root=${W%/bin/ampli-wizard}
  [ -f "$root/share/man/man1/ampli-wizard.1" ] || fail "$root: no man page"
  [ -f "$root/include/ampli/plugin.h" ] || fail "$root: no plugin header"
  [ -f "$root/lib/ampli-wizard/plugins/sdk/js.lua" ] || fail "$root: no Lua SDK"
  # nothing names the build tree or the checkout (the binary and the plugins). The ASan+UBSan
  # build of make check embeds source paths in UBSan's diagnostics by design and is never
  # packaged for users: this check is the plain build's (make check runs both builds).
  if ! grep -q '^WIZ_SANITIZE:BOOL=ON$' "$WIZ_BUILD/CMakeCache.txt"; then
    for f in "$W" "$root"/lib/ampli-wizard/plugins/*.so; do
      if grep -qaF "$WIZ_BUILD" "$f" || grep -qaF "$SRC/" "$f"; then fail "$f names the build tree"; fi
    done
  fi
  # hardened as Debian's own packages (CMakeLists.txt): PIE, full RELRO, no executable stack
  # (outputs read whole first: under pipefail `tool | grep -q` fails when grep stops early)
  dyn=$(readelf -d "$W"); seg=$(readelf -lW "$W")
  grep -q 'FLAGS_1.*NOW.*PIE' <<<"$dyn" || fail "$W: not PIE with BIND_NOW"
  grep -q GNU_RELRO <<<"$seg" || fail "$W: no RELRO segment"
  [[ $(grep GNU_STACK <<<"$seg") == *RWE* ]] && fail "$W: executable stack"
  expect_rc 0 "$W" --version
  expect_rc 0 "$W" plugins list --ci
  for p in next-js vue react-router javascript-web javascript-node django flask fastapi python; do
    printf '%s\n' "$OUT" | grep -q "^$p .* ok .*$root/lib/ampli-wizard/plugins/$p\." \
      || fail "$root: built-in plugin $p not loaded from the package: $OUT"
  done
  assert_not_contains "$OUT" "$WIZ_BUILD"
done

# a signed-in setup from the installed .deb, with nothing of the build tree on its way
W="$R/usr/bin/ampli-wizard"
start_standin --email pkg@example.com
export BROWSER="$WIZ_BUILD/follow-browser"
expect_rc 0 "$W" login --ci
P="$T/app"
cp -r "$SRC/workbench/apps/next-js/15-app-router-todo" "$P"
rm -rf "$P/node_modules" "$P/.next"
expect_rc 0 "$W" setup --ci --skip-install --install-dir "$P"
grep -q '"@amplitude/unified"' "$P/package.json" || grep -q '"@amplitude/analytics-browser"' "$P/package.json" \
  || fail "setup from the package did not add the SDK"
grep -q '^NEXT_PUBLIC_AMPLITUDE_API_KEY=.' "$P/.env.local" || fail "setup from the package wrote no key"
expect_rc 0 "$W" undo --ci --install-dir "$P"
echo "package: all checks passed"
