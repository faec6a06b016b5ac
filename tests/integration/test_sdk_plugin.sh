#!/usr/bin/env bash
# The SDK as a third-party author gets it: `cmake --install` into a temp prefix, then a C
# plugin built with pkg-config only and a Lua plugin, both from `plugins new`, used by
# the installed binary through AMPLI_WIZARD_PLUGIN_PATH.
source "$(dirname "$0")/lib.sh"
PREFIX="$T/prefix"
cmake --install "$WIZ_BUILD" --prefix "$PREFIX" >"$T/install.log" 2>&1 || { cat "$T/install.log" >&2; fail "cmake --install failed"; }
W="$PREFIX/bin/ampli-wizard"
[ -x "$W" ] || fail "no installed binary"
[ -f "$PREFIX/include/ampli/plugin.h" ] || fail "header not installed"
[ -f "$PREFIX/lib/ampli-wizard/plugins/sdk/text.lua" ] || fail "Lua SDK not installed"
[ -f "$PREFIX/share/doc/ampli-wizard/plugins.md" ] || fail "author guide not installed"
PC=$(find "$PREFIX" -name ampli-wizard-plugin.pc | head -1)
[ -n "$PC" ] || fail "no pkg-config file"
export PKG_CONFIG_PATH="$(dirname "$PC")"
[ "$(pkg-config --variable=abi ampli-wizard-plugin)" = "1.3" ] || fail "pc abi"
unset AMPLI_WIZARD_BUILTIN_PLUGINS
mkdir -p "$T/src" "$T/plug"; chmod 755 "$T/plug"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plug"

# C: skeleton -> compile against the installed SDK only -> setup
expect_rc 0 "$W" plugins new myfw --lang c --install-dir "$T/src"
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags ampli-wizard-plugin) -shared -fPIC \
   -o "$T/plug/myfw.so" "$T/src/myfw/myfw.c" || fail "skeleton does not compile against the SDK"
make -s -C "$T/src/myfw" >/dev/null || fail "skeleton Makefile"
[ -f "$T/src/myfw/myfw.so" ] || fail "Makefile built nothing"
syms=$(nm -D --defined-only "$T/plug/myfw.so")
grep -v ' wiz_plugin_entry_v1$' <<<"$syms" | grep -q ' T ' && fail "skeleton exports more than the entry point"
expect_rc 0 "$W" plugins list --ci
assert_contains "$OUT" "myfw"
P="$T/proj-c"; mkdir -p "$P"
printf '{\n  "name": "p",\n  "dependencies": {\n    "myfw": "1.0.0"\n  }\n}\n' > "$P/package.json"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: myfw"
expect_rc 0 "$W" setup --api-key SDKKEY --framework myfw --ci --skip-install --install-dir "$P"
grep -q '^AMPLITUDE_API_KEY=SDKKEY$' "$P/.env" || fail "C plugin did not set the key"
grep -q '"@amplitude/analytics-node": "^1.3.0"' "$P/package.json" || fail "C plugin did not add the dependency"
# the skeletons claim a framework listed in devDependencies too (SvelteKit's and Astro's way)
P="$T/proj-c-dev"; mkdir -p "$P"
printf '{ "name": "pd", "devDependencies": { "myfw": "1.0.0" } }\n' > "$P/package.json"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: myfw"

# Lua: skeleton (uses the installed Lua SDK through import) -> setup
expect_rc 0 "$W" plugins new myluafw --lang lua --install-dir "$T/src"
# the hint works as printed from any directory: an absolute path, and the plugin is found
HINT=$(printf '%s\n' "$OUT" | sed -n 's/^use it: *//p')
case "$HINT" in "AMPLI_WIZARD_PLUGIN_PATH=/"*) ;; *) fail "plugins new: the hint is not absolute: $OUT" ;; esac
(cd / && env "${HINT%% *}" "$W" plugins list) | grep -q myluafw || fail "plugins new: the printed hint does not find the plugin"
cp "$T/src/myluafw/myluafw.lua" "$T/plug/"
P="$T/proj-lua"; mkdir -p "$P"
printf '{"name":"q","dependencies":{"myluafw":"2.0.0"}}\n' > "$P/package.json"
printf '# Q\n' > "$P/README.md"
expect_rc 0 "$W" setup --api-key LUASDK --ci --skip-install --install-dir "$P"
grep -q '^AMPLITUDE_API_KEY=LUASDK$' "$P/.env" || fail "Lua plugin did not set the key"
grep -q '^## Analytics$' "$P/README.md" || fail "Lua plugin (text SDK) did not edit README"
P="$T/proj-lua-dev"; mkdir -p "$P"
printf '{"name":"qd","devDependencies":{"myluafw":"2.0.0"}}\n' > "$P/package.json"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: myluafw"
assert_contains "$OUT" "package.json depends on myluafw 2.0.0"
expect_rc 2 "$W" plugins new myluafw --lang cobol --install-dir "$T/src"
expect_rc 13 "$W" plugins new myluafw --lang lua --install-dir "$T/src"
echo "sdk: all checks passed"
