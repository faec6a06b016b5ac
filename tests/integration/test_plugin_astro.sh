#!/usr/bin/env bash
# astro Lua plugin: the trail-notes workbench app (create-astro's basics shape) and synthetic
# Astro projects: the minimal template (one page writes <head>), the blog template (every
# page's <head> renders BaseHead.astro), several heads with nothing shared (refused, nothing
# written), an existing CDN snippet, EU zone, dry run, second run, undo.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/trail"; app trail astro/trail-notes
before=$(tree "$P")
[ "$(detected "$P")" = astro ] || fail "trail-notes not detected as astro: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "package.json has astro ^5.18.2 and astro.config.mjs exists"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+				initAll(import.meta.env.PUBLIC_AMPLITUDE_API_KEY, {"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
L="$P/src/layouts/Layout.astro"
# the script is head's last child, indented with the layout's tabs
s=$(grep -n '^		<script>$' "$L" | cut -d: -f1); e=$(grep -n '^	</head>$' "$L" | cut -d: -f1)
[ -n "$s" ] && [ "$(grep -n '^		</script>$' "$L" | cut -d: -f1)" = $((e - 1)) ] || fail "script not head's last child: $(cat "$L")"
grep -qx "			import { initAll } from '@amplitude/unified';" "$L" || fail "import: $(cat "$L")"
grep -qx "			if (import.meta.env.PUBLIC_AMPLITUDE_API_KEY) {" "$L" || fail "no key guard: $(cat "$L")"
grep -qxF "						serverUrl: import.meta.env.PUBLIC_AMPLITUDE_SERVER_URL || undefined," "$L" || fail "serverUrl: $(cat "$L")"
! grep -q 'is:inline' "$L" || fail "the script must be processed (bundled), not inline"
[ "$(grep -c 'initAll(' "$L")" = 1 ] || fail "not one init"
[ "$(cat "$P/.env")" = "PUBLIC_AMPLITUDE_API_KEY=$KEY" ] || fail ".env: $(cat "$P/.env")"
git -C "$P" check-ignore -q .env || fail ".env not ignored"
! git -C "$P" grep -q "$KEY" || fail "key in a tracked file"
for f in astro.config.mjs tsconfig.json src/pages/index.astro src/components/TrailCard.astro .gitignore; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
settled "$P" "$before"

# --- EU zone ---
P="$T/trail-eu"; app trail-eu astro/trail-notes
setup "$P" --zone eu
grep -qF "					serverZone: 'EU'," "$P/src/layouts/Layout.astro" || fail "EU zone: $(cat "$P/src/layouts/Layout.astro")"

# --- the minimal template: no layout, the one page writes <head> (two-space indent) ---
P="$T/min"; mkdir -p "$P/src/pages"
printf '{ "name": "min", "type": "module", "dependencies": { "astro": "^5.18.2" } }\n' >"$P/package.json"
cat >"$P/src/pages/index.astro" <<'EOF'
---
const greeting = '</head> is only text here';
---

<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Astro</title>
  </head>
  <body>
    <h1>{greeting}</h1>
  </body>
</html>
EOF
commit "$P"; before=$(tree "$P")
setup "$P"
I="$P/src/pages/index.astro"
[ "$(sed -n 9p "$I")" = "    <script>" ] && [ "$(sed -n 10p "$I")" = "      import { initAll } from '@amplitude/unified';" ] \
  || fail "minimal page: $(cat "$I")"
[ "$(sed -n 2p "$I")" = "const greeting = '</head> is only text here';" ] || fail "frontmatter changed: $(cat "$I")"
settled "$P" "$before"

# --- the blog template: pages write their own <head>, each renders BaseHead ---
P="$T/blog"; mkdir -p "$P/src/pages/blog" "$P/src/components" "$P/src/layouts"
printf '{ "name": "blog", "type": "module", "dependencies": { "astro": "^5.18.2" } }\n' >"$P/package.json"
printf -- '---\nconst { title } = Astro.props;\n---\n\n<meta charset="utf-8" />\n<title>{title}</title>\n' >"$P/src/components/BaseHead.astro"
for f in src/pages/index.astro src/pages/blog/index.astro src/layouts/BlogPost.astro; do
  rel=$(dirname "$f" | sed 's#[^/]*#..#g')
  printf -- "---\nimport BaseHead from '%s/components/BaseHead.astro';\n---\n\n<html>\n\t<head>\n\t\t<BaseHead title=\"x\" />\n\t</head>\n\t<body><slot /></body>\n</html>\n" \
    "${rel#../}" >"$P/$f"
done
sed -i "s#'../components#'../components#" "$P/src/pages/index.astro"
commit "$P"; before=$(tree "$P")
setup "$P"
B="$P/src/components/BaseHead.astro"
[ "$(grep -c 'initAll(' "$B")" = 1 ] || fail "BaseHead.astro has no init: $(cat "$B")"
[ "$(git -C "$P" diff --name-only -- src | tr '\n' ' ')" = "src/components/BaseHead.astro " ] || fail "edited: $(git -C "$P" diff --name-only)"
settled "$P" "$before"

# --- several heads, nothing shared: refused with the files named, nothing written ---
P="$T/many"; mkdir -p "$P/src/pages"
printf '{ "name": "many", "type": "module", "dependencies": { "astro": "^5.18.2" } }\n' >"$P/package.json"
printf '<html><head><title>a</title></head><body></body></html>\n' >"$P/src/pages/a.astro"
printf '<html><head><title>b</title></head><body></body></html>\n' >"$P/src/pages/b.astro"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "several .astro files write <head> (src/pages/a.astro, src/pages/b.astro)"
[ "$(tree "$P")" = "$before" ] || fail "a refused setup wrote files"

# --- Amplitude's CDN snippet already in the layout: no package, no second init ---
P="$T/cdn"; mkdir -p "$P/src/layouts"
printf '{ "name": "cdn", "type": "module", "dependencies": { "astro": "^5.18.2" } }\n' >"$P/package.json"
cat >"$P/src/layouts/Layout.astro" <<'EOF'
<html>
  <head>
    <script is:inline src="https://cdn.amplitude.com/script/KEY.js"></script>
    <script is:inline>window.amplitude.init('KEY', { autocapture: true });</script>
  </head>
  <body><slot /></body>
</html>
EOF
commit "$P"; before=$(tree "$P")
setup "$P"
[ "$(tree "$P")" = "$before" ] || fail "the CDN setup was changed: $(git -C "$P" status --porcelain)"

echo "astro plugin: all checks passed"
