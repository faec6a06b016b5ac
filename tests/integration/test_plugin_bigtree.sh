# A big project: 1,000 modules under src/lib/ must not hide the entry script from the
# JavaScript plugins' source scans (verify would not find the init and roll back).
. "$(dirname "$0")/lib.sh"
P="$T/web"
cp -r "$WIZ_TEST_SRC/workbench/apps/javascript-web/saas-dashboard" "$P"
rm -rf "$P/node_modules" "$P/dist"
mkdir -p "$P/src/lib"
for i in $(seq -w 1 1000); do printf 'export const v%s = %d;\n' "$i" "$((10#$i))" >"$P/src/lib/m$i.js"; done
git -C "$P" init -q && git -C "$P" add -A && git -C "$P" -c user.email=t@e -c user.name=t commit -qm init
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --api-key 0123456789abcdef0123456789abcdef --install-dir "$P"
grep -q 'VITE_AMPLITUDE_API_KEY' "$P/src/main.js" || fail "no init in src/main.js"
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --api-key 0123456789abcdef0123456789abcdef --install-dir "$P"
assert_contains "$OUT$ERR" "already set up"
echo "bigtree ok"
