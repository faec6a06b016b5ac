# Helpers for the javascript-web / javascript-node plugin tests (sourced after lib.sh).
# Projects live under $T; setup runs with --api-key (no sign-in) and --skip-install.
W="$WIZ_BIN"
APPS="$WIZ_TEST_SRC/workbench/apps"
KEY=0123456789abcdef0123456789abcdef
export NO_COLOR=1
export AMPLI_WIZARD_PLUGIN_PATH=""   # the built-in plugins only
unset AMPLI_WIZARD_BUILTIN_PLUGINS || true
git_() { git -c user.email=t@example.com -c user.name=t "$@"; }

# commit DIR: makes DIR a git repository with everything committed
commit() { (cd "$1" && git_ init -q . && git_ add -A && git_ commit -qm init); }

# app NAME DIR/APP: a committed copy of a workbench app at $T/NAME
app() { rm -rf "$T/$1"; cp -r "$APPS/$2" "$T/$1"; commit "$T/$1"; }

# tree DIR: checksums of every file but git's and the wizard's run records
tree() { (cd "$1" && find . -path ./.git -prune -o -path ./.amplitude -prune -o -type f -print | sort | xargs -r sha256sum); }

# setup DIR [args]: a setup that must succeed
setup() { local d=$1; shift; expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$d" "$@"; }

# detected DIR: the framework id detect reports ("" when none)
detected() {
  set +e
  "$W" detect --ci --install-dir "$1" >"$T/det.out" 2>"$T/det.err"
  set -e
  sed -n 's/^framework: //p' "$T/det.out"
}

# count FILE TEXT: lines of FILE holding TEXT literally
count() { grep -cF -- "$2" "$1" || true; }

# settled DIR BEFORE: a second setup plans nothing, undo restores BEFORE byte for byte
settled() {
  local before_second; before_second=$(tree "$1")
  setup "$1"
  assert_contains "$OUT$ERR" "already set up"
  [ "$(tree "$1")" = "$before_second" ] || fail "$1: the second setup changed files"
  expect_rc 0 "$W" undo --ci --install-dir "$1"
  [ "$(tree "$1")" = "$2" ] || fail "$1: undo did not restore the tree: $(diff <(echo "$2") <(tree "$1"))"
  [ -z "$(git -C "$1" status --porcelain)" ] || fail "$1: git sees changes after undo: $(git -C "$1" status --porcelain)"
}
