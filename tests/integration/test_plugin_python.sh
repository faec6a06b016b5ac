#!/usr/bin/env bash
# The Python plugins (lua/plugins/django, flask, fastapi, python) on the real workbench apps and
# on small synthetic projects:
# - each app copied to a temp git repo: detected as its expect.json says, set up with --api-key,
#   exactly the expected files created/changed, key in no tracked file, .env ignored, one client
#   creation, a second run plans nothing; then workbench/apps/python-check on the set-up copy with
#   the amplitude-analytics stand-in package posting to the stand-in server (its tests and start
#   check pass, and the server received events carrying the key); undo restores byte for byte;
# - synthetic: detection order, eu zone, an existing setup left alone, a half-done setup
#   completed, dry run, a single-file Flask app with 2-space indentation, a Pipfile project.
. "$(dirname "$0")/lib.sh"
SRC=${WIZ_TEST_SRC:?}
PY=/usr/bin/python3
"$PY" -c 'import django, flask, flask_login, fastapi, uvicorn, httpx, dotenv, pytest' 2>"$T/imp" ||
  fail "Debian Python packages missing ($(cat "$T/imp")): run scripts/install-deps runtime"
export PYTHONDONTWRITEBYTECODE=1 LC_ALL=C

start_standin
unset AMPLI_WIZARD_SERVER # --api-key needs no sign-in; the stand-in only receives events here
INGEST="$STANDIN_URL/2/httpapi"
KEY=$(curl -sS "$STANDIN_URL/__stand-in/orgs" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["workspaces"][0]["environments"][0]["app"]["apiKey"])')
[ ${#KEY} -ge 16 ] || fail "no key from the stand-in"

# repo DIR: makes DIR a git repo with one commit of everything in it
repo() { git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.email=t@t -c user.name=t commit -qm init; }
setup() { expect_rc "${RC:-0}" "$WIZ_BIN" setup --ci --skip-install --api-key "$KEY" --install-dir "$@"; }
# one_client DIR: exactly one Amplitude(...) construction in the project's Python files
one_client() {
  local n
  n=$(grep -rhoE '(^|[^A-Za-z0-9_])Amplitude\(' --include='*.py' "$1" | wc -l)
  [ "$n" -eq 1 ] || fail "$1: $n Amplitude( constructions, wanted 1"
}
# key_nowhere DIR: the key is in no file git would track (.env is ignored)
key_nowhere() {
  local f
  while IFS= read -r f; do
    ! grep -qF "$KEY" "$1/$f" || fail "$1: the key is in tracked/trackable file $f"
  done < <(git -C "$1" ls-files -co --exclude-standard)
  git -C "$1" check-ignore -q .env || fail "$1: .env is not git-ignored"
  grep -qx "AMPLITUDE_API_KEY=$KEY" "$1/.env" || fail "$1: .env lacks AMPLITUDE_API_KEY"
}

# ---- the four workbench apps ------------------------------------------------------------
for app in django/django3-saas flask/flask3-social-media fastapi/fastapi3-ai-saas python/meeting-summarizer; do
  name=${app#*/}
  d="$T/$name"
  cp -a "$SRC/workbench/apps/$app" "$d"
  find "$d" -name __pycache__ -prune -exec rm -rf {} +
  repo "$d"
  cp -a "$d" "$T/$name.orig"
  exp="$d/.wizard-ci/expect.json"
  fw=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["framework"])' "$exp")

  expect_rc 0 "$WIZ_BIN" detect --install-dir "$d"
  assert_contains "$OUT" "framework: $fw"
  assert_contains "$OUT" "plugin: $fw 1.0.0 (lua"

  setup "$d"
  assert_contains "$OUT" "Amplitude is set up for $fw"
  # created and changed files exactly as expect.json says (.gitignore only when it must)
  git -C "$d" status --porcelain --untracked-files=all >"$T/status"
  "$PY" - "$exp" "$T/status" <<'PY' || fail "$app: files changed differ from expect.json"
import json, sys
exp = json.load(open(sys.argv[1]))
changed, created = set(), set()
for line in open(sys.argv[2]):
    code, path = line[:2], line[3:].rstrip("\n")
    (created if code == "??" else changed).add(path)
want_changed = set(exp["changes"])
may = set(exp.get("may_change", []))
want_created = set(exp["creates"]) - {exp["env_file"]}   # .env is ignored, so not listed
bad = []
if not want_changed <= changed: bad.append("not changed: %s" % sorted(want_changed - changed))
if changed - want_changed - may: bad.append("changed unexpectedly: %s" % sorted(changed - want_changed - may))
if created != want_created: bad.append("created %s, wanted %s" % (sorted(created), sorted(want_created)))
untouched = set(exp["untouched"]) & (changed | created)
if untouched: bad.append("touched: %s" % sorted(untouched))
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY
  [ -f "$d/$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["init_file"])' "$exp")" ] || fail "$app: no init file"
  depf="$d/$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["dependency_file"])' "$exp")"
  grep -q amplitude-analytics "$depf" || fail "$app: dependency not added"
  # the app loads its own .env (python-dotenv): python-check below exports nothing
  grep -qi "python-dotenv" "$depf" || fail "$app: python-dotenv not added to $depf"
  key_nowhere "$d"
  one_client "$d"

  # idempotent
  setup "$d"
  assert_contains "$OUT" "already set up"

  # the set-up app compiles, passes its tests, starts as its README says (nothing exported:
  # the key reaches it only through the .env the generated code loads), and its events reach
  # the stand-in
  curl -sS -X DELETE "$STANDIN_URL/__stand-in/events" >/dev/null
  expect_rc 0 env AMPLITUDE_SERVER_URL="$INGEST" "$SRC/workbench/apps/python-check" "$d"
  assert_contains "$OUT" "python-check: OK"
  curl -sS "$STANDIN_URL/__stand-in/events" >"$T/events"
  "$PY" - "$T/events" "$KEY" "$exp" <<'PY' || fail "$app: no event from the set-up app reached the stand-in"
import json, sys
events, key = json.load(open(sys.argv[1])), sys.argv[2]
start = json.load(open(sys.argv[3]))["start"]
mine = [e for e in events if e.get("api_key") == key]
assert mine, "no event carries the key: %r" % events[:3]
assert all(len(e.get("device_id") or e.get("user_id") or "") >= 5 for e in mine)
if start["kind"] == "server":
    # by route pattern, never the raw URL; a per-visitor id (the cookie's), not one per host
    assert any(e["event_properties"].get("route") for e in mine), mine
    assert all("path" not in e["event_properties"] for e in mine), mine
    assert all(len(e.get("device_id") or "") == 32 for e in mine), mine
else:
    assert any(e["event_properties"].get("command") == "summarize.py" and e["event_properties"]["exit_status"] == 0
               for e in mine), mine
PY

  # undo restores the tree byte for byte
  expect_rc 0 "$WIZ_BIN" undo --install-dir "$d"
  [ -z "$(git -C "$d" status --porcelain)" ] || fail "$app: undo left $(git -C "$d" status --porcelain)"
  diff -r --exclude=.git --exclude=.amplitude "$T/$name.orig" "$d" >"$T/diff" || fail "$app: undo differs: $(head -20 "$T/diff")"
done

# ---- detection order ---------------------------------------------------------------------
det() { expect_rc 0 "$WIZ_BIN" detect --install-dir "$1"; assert_contains "$OUT" "framework: $2"; }
mkdir -p "$T/d1" && printf 'flask>=2\nfastapi\n' >"$T/d1/requirements.txt" && det "$T/d1" flask
mkdir -p "$T/d2" && printf 'fastapi\n' >"$T/d2/requirements.txt" && det "$T/d2" fastapi
mkdir -p "$T/d3" && printf 'import django\n' >"$T/d3/manage.py" && printf 'flask\n' >"$T/d3/requirements.txt" && det "$T/d3" django
mkdir -p "$T/d4" && printf 'flask-login  # not flask itself\nrequests\n' >"$T/d4/requirements.txt" && det "$T/d4" python
mkdir -p "$T/d5" && printf '[project]\nname = "x"\n' >"$T/d5/pyproject.toml" &&
  printf 'from fastapi import FastAPI\napp = FastAPI()\n' >"$T/d5/api.py" && det "$T/d5" fastapi
mkdir -p "$T/d6" && printf 'print("no marker")\n' >"$T/d6/x.py"
expect_rc 2 "$WIZ_BIN" detect --install-dir "$T/d6"
assert_contains "$ERR" "could not tell which framework"

# ---- eu zone: Config(server_zone="EU") that the SDK accepts, events still sent ------------
d="$T/eu"; cp -a "$SRC/workbench/apps/python/meeting-summarizer" "$d"; repo "$d"
setup "$d" --zone eu
grep -q 'Config(flush_interval_millis=1000, server_zone="EU", server_url=' "$d/meeting_summarizer/amplitude.py" ||
  fail "eu: no EU zone in $(grep Config "$d/meeting_summarizer/amplitude.py")"
curl -sS -X DELETE "$STANDIN_URL/__stand-in/events" >/dev/null
(cd "$d" && expect_rc 0 env PYTHONPATH="$SRC/workbench/python-amplitude" AMPLITUDE_SERVER_URL="$INGEST" "$PY" summarize.py samples/standup.txt)
assert_contains "$(curl -sS "$STANDIN_URL/__stand-in/events")" '"event_type":"Command Run"'
# without the URL override the EU zone's own endpoint is the one configured
(cd "$d" && expect_rc 0 env -u AMPLITUDE_SERVER_URL PYTHONPATH="$SRC/workbench/python-amplitude" AMPLITUDE_API_KEY="$KEY" "$PY" -c '
from meeting_summarizer import amplitude
c = amplitude.get_client()
assert c.configuration.server_url == "https://api.eu.amplitude.com/2/httpapi", c.configuration.server_url
')

# ---- dry run writes nothing ---------------------------------------------------------------
d="$T/dry"; cp -a "$SRC/workbench/apps/flask/flask3-social-media" "$d"; repo "$d"
setup "$d" --dry-run
assert_contains "$OUT" "dry run:"
assert_contains "$OUT" "+from chirp.amplitude import analytics"
assert_contains "$OUT" "+    analytics.init_app(app)"
[ -z "$(git -C "$d" status --porcelain --ignored)" ] || fail "dry run wrote: $(git -C "$d" status --porcelain --ignored)"

# ---- an existing setup is recognised: only the dependency and the key are planned ----------
d="$T/existing"; mkdir -p "$d"
printf 'requests\n' >"$d/requirements.txt"
cat >"$d/main.py" <<'EOF'
import os

from amplitude import Amplitude, BaseEvent

client = Amplitude(os.environ["AMPLITUDE_API_KEY"])


def main():
    client.track(BaseEvent("Ran", device_id="device-12345"))
    client.shutdown()


if __name__ == "__main__":
    main()
EOF
repo "$d"
setup "$d"
git -C "$d" status --porcelain --untracked-files=all >"$T/status"
[ "$(cut -c4- "$T/status" | sort | tr '\n' ' ')" = ".gitignore requirements.txt " ] ||
  fail "existing setup: changed $(cat "$T/status")"
one_client "$d"
setup "$d"
assert_contains "$OUT" "already set up"

# ---- a half-done setup is completed, not duplicated ---------------------------------------
d="$T/half"; cp -a "$SRC/workbench/apps/django/django3-saas" "$d"; repo "$d"
setup "$d"
git -C "$d" -c user.email=t@t -c user.name=t commit -qam "set up" && git -C "$d" add saas/amplitude.py &&
  git -C "$d" -c user.email=t@t -c user.name=t commit -qm module
git -C "$d" show HEAD~2:saas/settings.py >"$d/saas/settings.py" # the middleware and key lines lost
git -C "$d" show HEAD~2:requirements.txt >"$d/requirements.txt"
cp "$d/saas/amplitude.py" "$T/half.module"
setup "$d"
git -C "$d" status --porcelain >"$T/status"
[ -z "$(git -C "$d" status --porcelain)" ] || fail "half-done: not completed to the same result: $(git -C "$d" diff)"
cmp -s "$d/saas/amplitude.py" "$T/half.module" || fail "half-done: module rewritten"
one_client "$d"

# ---- single-file Flask app, 2-space indentation, single quotes: compiles and sends ---------
d="$T/mini"; mkdir -p "$d"
printf 'flask\n' >"$d/requirements.txt"
cat >"$d/app.py" <<'EOF'
from flask import Flask

app = Flask(__name__)


@app.route('/')
def index():
  return 'hi'


if __name__ == '__main__':
  app.run()
EOF
repo "$d"
setup "$d"
grep -q '^from amplitude_client import analytics$' "$d/app.py" || fail "mini: import missing: $(cat "$d/app.py")"
grep -q '^analytics.init_app(app)$' "$d/app.py" || fail "mini: init_app missing"
grep -q "^  def init_app(self, app):$" "$d/amplitude_client.py" || fail "mini: not 2-space indented"
grep -q "os.environ.get('AMPLITUDE_API_KEY')" "$d/amplitude_client.py" || fail "mini: quotes not kept"
curl -sS -X DELETE "$STANDIN_URL/__stand-in/events" >/dev/null
# a visitor cookie, no event for a 404, and no flush needed: the SDK's exit hook sends them
(cd "$d" && expect_rc 0 env PYTHONPATH="$SRC/workbench/python-amplitude" AMPLITUDE_SERVER_URL="$INGEST" \
  AMPLITUDE_API_KEY="$KEY" "$PY" -c '
from app import app
c = app.test_client()
r = c.get("/")
assert r.data == b"hi"
assert "amp_device_id=" in r.headers.get("Set-Cookie", ""), r.headers
assert c.get("/nope").status_code == 404
assert "amp_device_id=" not in c.get("/").headers.get("Set-Cookie", "")  # the cookie is kept
')
EV=$(curl -sS "$STANDIN_URL/__stand-in/events")
assert_contains "$EV" '"route":"/"'
[ "$(printf '%s' "$EV" | jq '[.[] | select(.event_type == "Request Handled")] | length')" -eq 2 ] || fail "mini: not two events (the 404 tracked?): $EV"
[ "$(printf '%s' "$EV" | jq '[.[] | .device_id] | unique | length')" -eq 1 ] || fail "mini: the cookie's id is not kept: $EV"
setup "$d"
assert_contains "$OUT" "already set up"

# ---- Django's signed-in user: its id on the event (one person across devices), visitors by
# the cookie only; database ids below Amplitude's default minimum length are accepted
d="$T/djuser"; mkdir -p "$d"; "$PY" -m django startproject mysite "$d"; repo "$d"
setup "$d"
cat >>"$d/mysite/urls.py" <<'EOF2'

from types import SimpleNamespace
from django.http import HttpResponse


def me(request):  # stands in for a view behind login: django.contrib.auth sets request.user
    request.user = SimpleNamespace(is_authenticated=True, pk=42)
    return HttpResponse("me")


def hello(request):
    return HttpResponse("hello")


urlpatterns += [path("me/", me), path("hello/", hello)]
EOF2
curl -sS -X DELETE "$STANDIN_URL/__stand-in/events" >/dev/null
(cd "$d" && expect_rc 0 env PYTHONPATH="$SRC/workbench/python-amplitude" AMPLITUDE_SERVER_URL="$INGEST" \
  AMPLITUDE_API_KEY="$KEY" DJANGO_SETTINGS_MODULE=mysite.settings "$PY" -c '
import django
django.setup()
from django.test import Client
c = Client(HTTP_HOST="localhost")
assert c.get("/me/").status_code == 200
assert c.get("/hello/").status_code == 200
')
EV=$(curl -sS "$STANDIN_URL/__stand-in/events")
[ "$(printf '%s' "$EV" | jq -r '[.[] | select(.event_properties.route == "/me/")][0].user_id')" = 42 ] \
  || fail "django: the signed-in user's id is not on the event: $EV"
[ "$(printf '%s' "$EV" | jq -r '[.[] | select(.event_properties.route == "/hello/")][0] | has("user_id")')" = false ] \
  || fail "django: a visitor got a user id: $EV"
[ "$(curl -sS "$STANDIN_URL/__stand-in/requests" | jq '[.[] | select(.path == "/2/httpapi") | select([.json.events[]?.event_properties.route] | index("/me/")) | .json.options.min_id_length] | length > 0 and all(. == 1)')" = true ] \
  || fail "django: the SDK does not send min_id_length 1"

# ---- Flask-Login's current user: its id on the event; an anonymous visitor has none -------
d="$T/flogin"; mkdir -p "$d"
printf 'flask\nflask-login\n' >"$d/requirements.txt"
cat >"$d/app.py" <<'EOF2'
from flask import Flask
from flask_login import LoginManager, UserMixin, login_user

app = Flask(__name__)
app.secret_key = "test"
login = LoginManager(app)


class User(UserMixin):
    def __init__(self, uid):
        self.id = uid


@login.user_loader
def load_user(uid):
    return User(uid)


@app.route("/login")
def do_login():
    login_user(User("7"))
    return "in"


@app.route("/page")
def page():
    return "page"
EOF2
repo "$d"
setup "$d"
curl -sS -X DELETE "$STANDIN_URL/__stand-in/events" >/dev/null
(cd "$d" && expect_rc 0 env PYTHONPATH="$SRC/workbench/python-amplitude" AMPLITUDE_SERVER_URL="$INGEST" \
  AMPLITUDE_API_KEY="$KEY" "$PY" -c '
from app import app
anon = app.test_client()
assert anon.get("/page").data == b"page"
c = app.test_client()
assert c.get("/login").data == b"in"
assert c.get("/page").data == b"page"
')
EV=$(curl -sS "$STANDIN_URL/__stand-in/events")
[ "$(printf '%s' "$EV" | jq '[.[] | select(.event_properties.route == "/page" and .user_id == "7")] | length')" -eq 1 ] \
  || fail "flask-login: the signed-in user's id is not on exactly one event: $EV"
[ "$(printf '%s' "$EV" | jq '[.[] | select(.event_properties.route == "/page" and (has("user_id") | not))] | length')" -eq 1 ] \
  || fail "flask-login: the anonymous visit got a user id: $EV"

# ---- Pipfile project: [packages] gets the dependency ---------------------------------------
d="$T/pipenv"; mkdir -p "$d"
printf '[packages]\nrequests = "*"\n\n[dev-packages]\npytest = "*"\n' >"$d/Pipfile"
printf 'def main():\n    print("x")\n\n\nif __name__ == "__main__":\n    main()\n' >"$d/main.py"
repo "$d"
setup "$d"
"$PY" - "$d/Pipfile" <<'PY' || fail "pipenv: $(cat "$d/Pipfile")"
import sys
t = open(sys.argv[1]).read()
pk = t.split("[packages]")[1].split("[dev-packages]")[0]
assert 'amplitude-analytics = ">=1.1.1,<2"' in pk, t
PY
grep -q '^from amplitude_client import track_run$' "$d/main.py" || fail "pipenv: main.py not instrumented"
grep -q '^@track_run$' "$d/main.py" || fail "pipenv: no decorator"
expect_rc 0 "$PY" -m py_compile "$d/main.py" "$d/amplitude_client.py"

# ---- Django with split settings and django-environ: the key read with env(), quotes kept --
d="$T/split"; mkdir -p "$d/config/settings"
printf 'Django>=3.2\ndjango-environ\n' >"$d/requirements.txt"
printf 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n' >"$d/manage.py"
: >"$d/config/__init__.py"; : >"$d/config/settings/__init__.py"
cat >"$d/config/settings/base.py" <<'EOF'
import environ

env = environ.Env()

SECRET_KEY = env('SECRET_KEY', default='x')

MIDDLEWARE = [
    'django.middleware.common.CommonMiddleware'
]
EOF
printf 'from .base import *  # noqa\n\nDEBUG = True\n' >"$d/config/settings/local.py"
repo "$d"
setup "$d"
grep -q "^AMPLITUDE_API_KEY = env('AMPLITUDE_API_KEY', default='')$" "$d/config/settings/base.py" ||
  fail "split: key not read with env(): $(cat "$d/config/settings/base.py")"
grep -q "^    'django.middleware.common.CommonMiddleware',$" "$d/config/settings/base.py" || fail "split: comma not added"
grep -q "^    'config.amplitude.AmplitudeMiddleware',$" "$d/config/settings/base.py" || fail "split: middleware not added"
! grep -q "^import os" "$d/config/settings/base.py" || fail "split: os imported needlessly"
grep -q "getattr(settings, 'AMPLITUDE_API_KEY', '')" "$d/config/amplitude.py" || fail "split: module quotes"
[ "$(git -C "$d" status --porcelain --untracked-files=all | cut -c4- | sort | tr '\n' ' ')" = \
  ".gitignore config/amplitude.py config/settings/base.py requirements.txt " ] || fail "split: $(git -C "$d" status --porcelain)"
expect_rc 0 "$PY" -m py_compile "$d/config/settings/base.py" "$d/config/amplitude.py"

# ---- FastAPI with lifespan=: the flush goes after the lifespan's yield (on_event would not run)
d="$T/lifespan"; mkdir -p "$d"
printf 'fastapi\n' >"$d/requirements.txt"
cat >"$d/main.py" <<'EOF'
from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/")
def root():
    return {"ok": True}
EOF
repo "$d"
setup "$d"
grep -A1 '^    yield$' "$d/main.py" | grep -q '^    flush_events()$' || fail "lifespan: no flush after yield: $(cat "$d/main.py")"
! grep -q 'on_event' "$d/main.py" || fail "lifespan: on_event used beside lifespan="
grep -q '^@app.middleware("http")$' "$d/main.py" || fail "lifespan: no middleware"
expect_rc 0 "$PY" -m py_compile "$d/main.py" "$d/amplitude_client.py"
# ---- setuptools projects: the SDK goes where `pip install -e .` reads it (setup.cfg's
# install_requires, else setup.py's literal list), never into a new requirements.txt ------
d="$T/setupcfg"; mkdir -p "$d/app"
printf '[metadata]\nname = app\n\n[options]\npackages = find:\ninstall_requires =\n    flask>=2\n' >"$d/setup.cfg"
printf 'from setuptools import setup\nsetup()\n' >"$d/setup.py"
printf 'from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n' >"$d/app/__init__.py"
repo "$d"
setup "$d"
[ ! -e "$d/requirements.txt" ] || fail "setup.cfg project: a requirements.txt was created"
# the install hint is a command a shell runs as shown (the version ranges quoted)
assert_contains "$OUT" "pip install 'amplitude-analytics>=1.1.1,<2' 'python-dotenv>=1.0'"
grep -qx "    amplitude-analytics>=1.1.1,<2" "$d/setup.cfg" || fail "setup.cfg: $(cat "$d/setup.cfg")"
grep -qx "    python-dotenv>=1.0" "$d/setup.cfg" || fail "setup.cfg: no python-dotenv: $(cat "$d/setup.cfg")"
git -C "$d" diff --quiet -- setup.py || fail "setup.py changed beside setup.cfg"
d="$T/setuppy"; mkdir -p "$d/app"
printf "from setuptools import setup\n\nsetup(\n    name='app',\n    install_requires=[\n        'flask>=2',\n    ],\n)\n" >"$d/setup.py"
printf 'from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n' >"$d/app/__init__.py"
repo "$d"
setup "$d"
[ ! -e "$d/requirements.txt" ] || fail "setup.py project: a requirements.txt was created"
grep -qF '        "amplitude-analytics>=1.1.1,<2",' "$d/setup.py" || fail "setup.py: $(cat "$d/setup.py")"
"$PY" -c 'import ast,sys; ast.parse(open(sys.argv[1]).read())' "$d/setup.py" || fail "setup.py does not parse"
# ---- a plain-Python program whose main() serves HTTP (http.server): a run event would come
# only at shutdown, so it is refused with the reason, before anything is written ------------
d="$T/stdlib-server"; mkdir -p "$d"
printf 'requests\n' >"$d/requirements.txt"
cat >"$d/main.py" <<'EOF'
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


def main():
    HTTPServer(("127.0.0.1", 8000), Handler).serve_forever()


if __name__ == "__main__":
    main()
EOF
repo "$d"
RC=10 setup "$d"
assert_contains "$ERR" "plugin python: plan failed: main.py serves HTTP until it is stopped (serve_forever)"
assert_not_contains "$ERR" "python.lua:"; assert_not_contains "$ERR" "stack traceback"   # one line for users
[ -z "$(git -C "$d" status --porcelain)" ] || fail "stdlib server: files written: $(git -C "$d" status --porcelain)"
echo "ok"
