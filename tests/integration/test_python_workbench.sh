#!/usr/bin/env bash
# The Python side of the workbench, before any wizard run:
# - the amplitude-analytics stand-in package passes its own unit tests,
# - it talks to the real stand-in server's /2/httpapi (accepted events recorded, bad ids and a
#   wrong key refused the way the real SDK sees them),
# - each Python example app compiles, passes its own tests and starts (workbench/apps/python-check),
#   and python-check leaves the app directories exactly as they were.
# Needs Debian's /usr/bin/python3 with the runtime set: scripts/install-deps runtime.
. "$(dirname "$0")/lib.sh"
SRC=${WIZ_TEST_SRC:?}
PY=/usr/bin/python3
"$PY" -c 'import django, flask, fastapi, uvicorn, httpx, dotenv, pytest' 2>"$T/imp" ||
  fail "Debian Python packages missing ($(cat "$T/imp")): run scripts/install-deps runtime"

# 1. the stand-in package's unit tests
expect_rc 0 "$PY" -m unittest discover -s "$SRC/workbench/python-amplitude/tests"

# 2. against the stand-in server
start_standin
KEY=$(curl -sS "$STANDIN_URL/__stand-in/orgs" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["workspaces"][0]["environments"][0]["app"]["apiKey"])')
cat >"$T/send.py" <<'PY'
import logging, sys
from amplitude import Amplitude, BaseEvent, Config
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
url, key = sys.argv[1], sys.argv[2]
codes = []
client = Amplitude(key, configuration=Config(server_url=url, callback=lambda e, c, m: codes.append((e.event_type, c))))
client.track(BaseEvent("Python Check", user_id="python-user-1", event_properties={"n": 1}))
client.track(BaseEvent("Short Id", device_id="abc"))
client.track(BaseEvent("No Id"))
client.flush()[0].result(timeout=30)  # the server refuses "Short Id"; "Python Check" is queued again
client.flush()[0].result(timeout=30)
client.shutdown()
print(sorted(codes))
bad = Amplitude("0123456789abcdef0123456789abcdef", configuration=Config(server_url=url))
bad.track(BaseEvent("Wrong Key", device_id="device-12345"))
bad.shutdown()
PY
expect_rc 0 env PYTHONPATH="$SRC/workbench/python-amplitude" "$PY" "$T/send.py" "$STANDIN_URL/2/httpapi" "$KEY"
# The server refuses the short id; the batch's other event is re-sent by the next flush.
assert_contains "$OUT" "[('Python Check', 200), ('Short Id', 400)]"
assert_contains "$ERR" "Invalid event body"
assert_contains "$ERR" "Invalid API Key"
EVENTS=$(curl -sS "$STANDIN_URL/__stand-in/events")
assert_contains "$EVENTS" '"event_type":"Python Check"'
assert_contains "$EVENTS" '"library":"amplitude-python/'
assert_not_contains "$EVENTS" "Short Id"
assert_not_contains "$EVENTS" "Wrong Key"
assert_not_contains "$EVENTS" "No Id"

# 3. the example apps, untouched by the check itself
before=$(git -C "$SRC" status --porcelain --ignored -- workbench/apps/django workbench/apps/flask workbench/apps/fastapi workbench/apps/python)
for app in django/django3-saas flask/flask3-social-media fastapi/fastapi3-ai-saas python/meeting-summarizer; do
  expect_rc 0 "$SRC/workbench/apps/python-check" "$SRC/workbench/apps/$app"
  assert_contains "$OUT" "python-check: OK $app"
done
after=$(git -C "$SRC" status --porcelain --ignored -- workbench/apps/django workbench/apps/flask workbench/apps/fastapi workbench/apps/python)
[ "$before" = "$after" ] || fail "python-check changed the app trees: $after"

# 4. python-check fails when an app is broken (a copy with a failing view)
cp -a "$SRC/workbench/apps/flask/flask3-social-media" "$T/broken"
sed -i "s/return jsonify(status='ok')/raise RuntimeError('broken')/" "$T/broken/chirp/api.py"
expect_rc 1 "$SRC/workbench/apps/python-check" "$T/broken"
assert_contains "$ERR" "FAIL at test"
echo "ok"
