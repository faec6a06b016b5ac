#!/usr/bin/env bash
# The project chosen now wins: setup again with another key (another --app-id, --api-key
# or picked project) replaces the key where the app reads it, the plan shows the old and
# the new key masked, a run with the same key changes nothing, and undo brings the old one
# back. On apps of each plugin kind (C: next-js, vue; Lua: javascript-node, javascript-web,
# flask, django).
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
A=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1; B=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2
for app in next-js/15-pages-router-saas vue/movies javascript-node/express-todo javascript-web/saas-dashboard \
           flask/flask3-social-media django/django3-saas; do
  d="$T/$(basename "$app")"; cp -r "$WIZ_TEST_SRC/workbench/apps/$app" "$d"; rm -rf "$d/node_modules"
  git -C "$d" init -q && git -C "$d" add -A && git -C "$d" -c user.email=t@e -c user.name=t commit -qm init
  envf=$(jq -r .env_file "$d/.wizard-ci/expect.json"); var=$(jq -r .env_var "$d/.wizard-ci/expect.json")
  expect_rc 0 "$W" setup --api-key "$A" --ci --skip-install --install-dir "$d"
  grep -qx "$var=$A" "$d/$envf" || fail "$app: first key not written"
  expect_rc 0 "$W" setup --api-key "$B" --ci --skip-install --dry-run --install-dir "$d"
  assert_contains "$OUT" "-$var=aaaa...aaa1"
  assert_contains "$OUT" "+$var=bbbb...bbb2"
  assert_not_contains "$OUT" "$B"
  expect_rc 0 "$W" setup --api-key "$B" --ci --skip-install --install-dir "$d"
  grep -qx "$var=$B" "$d/$envf" || fail "$app: the new key did not replace the old: $(grep "$var" "$d/$envf")"
  expect_rc 0 "$W" setup --api-key "$B" --ci --skip-install --install-dir "$d"
  assert_contains "$OUT" "needs no change"
  expect_rc 0 "$W" undo --install-dir "$d"
  grep -qx "$var=$A" "$d/$envf" || fail "$app: undo did not bring the old key back"
done
echo ok
