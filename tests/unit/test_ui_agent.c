/* Agent mode speaks Amplitude's wizard's contract (amplitude/wizard src/lib/agent-events.ts):
 * every line is its v:1 envelope, every data.event carries the registry's data_version and
 * envelope type, questions are needs_input v3 answered by {"appId": ...} on stdin (or
 * this wizard's older forms), no answer takes the recommended choice with decision_auto,
 * a missing answer without one is exit 12 naming the flag, missing auth is exit 3 with
 * auth_required, and run_completed is last. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/agent_events.h"
#include "ui/ui.h"

#include <unistd.h>

struct rig {
    struct wiz_app app;
    FILE *in, *out;
};

static void rig_open(struct rig *r, const char *stdin_text)
{
    memset(r, 0, sizeof *r);
    wiz_ctx_init(&r->app.ctx);
    wiz_opts_defaults(&r->app.opts);
    r->in = tmpfile(); /* what the agent sends, then end of input */
    assert_non_null(r->in);
    fputs(stdin_text, r->in);
    rewind(r->in);
    r->out = tmpfile();
    assert_non_null(r->in);
    assert_non_null(r->out);
    assert_int_equal(wiz_ui_open(&r->app, WIZ_UI_AGENT, r->in, r->out), WIZ_OK);
    assert_int_equal(wiz_ui_begin(&r->app), WIZ_OK);
}

/* Parses every line of out; checks the envelope; returns the array of events. */
static json_t *rig_events(struct rig *r)
{
    static const char *const types[] = {"lifecycle", "log",        "status", "progress", "session_state", "prompt",
                                        "needs_input", "diagnostic", "result", "error",    NULL};
    static const char *const levels[] = {"error", "warn", "info", "success", NULL};
    rewind(r->out);
    json_t *all = json_array();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    const char *run_id = NULL;
    while ((n = getline(&line, &cap, r->out)) > 0) {
        assert_true(line[n - 1] == '\n');
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            fail_msg("not JSON: %s (%s)", line, err.text);
        assert_true(json_is_object(o));
        assert_int_equal(json_integer_value(json_object_get(o, "v")), 1);
        const char *req[] = {"@timestamp", "type", "message", "session_id", "run_id", "level"};
        for (size_t i = 0; i < 6; i++)
            if (!json_is_string(json_object_get(o, req[i])))
                fail_msg("field %s missing or not a string in %s", req[i], line);
        /* a discriminated event: its registry entry decides the type and data_version */
        const char *ev = json_string_value(json_object_get(json_object_get(o, "data"), "event"));
        if (ev) {
            const struct wiz_agent_event_info *info = NULL;
            for (int k = 0; k < WIZ_AEV_COUNT; k++)
                if (strcmp(wiz_agent_event_info((enum wiz_agent_event)k)->name, ev) == 0)
                    info = wiz_agent_event_info((enum wiz_agent_event)k);
            if (!info)
                fail_msg("unregistered event %s", ev);
            assert_string_equal(json_string_value(json_object_get(o, "type")), info->type);
            assert_int_equal(json_integer_value(json_object_get(o, "data_version")), info->data_version);
        } else {
            assert_null(json_object_get(o, "data_version"));
        }
        const char *ts = json_string_value(json_object_get(o, "@timestamp"));
        assert_int_equal(strlen(ts), 24); /* 2026-01-02T03:04:05.678Z */
        assert_int_equal(ts[23], 'Z');
        bool ok = false;
        for (size_t i = 0; types[i]; i++)
            ok |= strcmp(types[i], json_string_value(json_object_get(o, "type"))) == 0;
        assert_true(ok);
        ok = false;
        for (size_t i = 0; levels[i]; i++)
            ok |= strcmp(levels[i], json_string_value(json_object_get(o, "level"))) == 0;
        assert_true(ok);
        /* one run id for the whole run */
        if (!run_id)
            run_id = json_string_value(json_object_get(o, "run_id"));
        else
            assert_string_equal(run_id, json_string_value(json_object_get(o, "run_id")));
        json_array_append_new(all, o);
    }
    free(line);
    return all;
}

static void rig_close(struct rig *r)
{
    if (r->app.ui)
        wiz_ui_finish(&r->app, WIZ_OK);
    fclose(r->in);
    fclose(r->out);
}

/* The nth event of type whose data.event (or data.kind, or data.field) is kind. */
static json_t *find(json_t *events, const char *type, const char *kind, size_t nth)
{
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        if (strcmp(json_string_value(json_object_get(e, "type")), type) != 0)
            continue;
        json_t *d = json_object_get(e, "data");
        const char *k = json_string_value(json_object_get(d, "event"));
        if (!k)
            k = json_string_value(json_object_get(d, "kind"));
        if (!k)
            k = json_string_value(json_object_get(d, "field"));
        if (kind && (!k || strcmp(k, kind) != 0))
            continue;
        if (nth-- == 0)
            return e;
    }
    return NULL;
}

static const char *dstr(json_t *e, const char *key)
{
    return json_string_value(json_object_get(json_object_get(e, "data"), key));
}

static json_t *dget(json_t *e, const char *key)
{
    return json_object_get(json_object_get(e, "data"), key);
}

static void envelope_every_event(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, "");
    struct wiz_app *app = &r.app;
    wiz_ui_status(app, "Signing in with token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig");
    wiz_info(&app->ctx, "a log line");
    wiz_debug(&app->ctx, "a debug line that must not reach stdout");
    wiz_ui_header(app, "ada@example.com", WIZ_ZONE_EU);
    wiz_ui_url(app, "Open this URL", "http://127.0.0.1:13222/oauth2/auth?state=1");
    wiz_ui_progress_begin(app, "Fetching projects");
    wiz_ui_progress_end(app, false);
    wiz_ui_diff(app, "plan", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n");
    wiz_ui_file_planned(app, "src/amplitude.ts", "create");
    wiz_ui_file_change(app, "src/amplitude.ts", "create");
    wiz_ui_diagnostic(app, 1, "framework_ambiguous", "both %s and %s match", "vue", "javascript_web");
    const char *steps[] = {"npm run dev", NULL};
    wiz_ui_summary(app, "Amplitude is set up", steps);
    app->opts.zone = WIZ_ZONE_EU;
    enum wiz_rc rc = wiz_ui_fail(app, WIZ_EAUTH, "auth_required", "token_expired", "the stored sign-in expired");
    assert_int_equal(wiz_ui_finish(app, rc), WIZ_EAUTH);
    assert_int_equal(wiz_rc_exit_code(rc), 3);
    assert_null(app->ui);

    json_t *ev = rig_events(&r);
    assert_int_equal(json_array_size(ev), 16);
    json_t *e = json_array_get(ev, 0);
    assert_string_equal(json_string_value(json_object_get(e, "type")), "lifecycle");
    assert_string_equal(dstr(e, "event"), "start_run");
    e = find(ev, "status", NULL, 0);
    assert_non_null(strstr(json_string_value(json_object_get(e, "message")), "[REDACTED]"));
    assert_null(strstr(json_string_value(json_object_get(e, "message")), "eyJ"));
    assert_null(json_object_get(e, "data")); /* plain status: free-form, no data */
    e = find(ev, "log", NULL, 0);
    assert_string_equal(json_string_value(json_object_get(e, "message")), "a log line");
    assert_null(find(ev, "log", NULL, 1)); /* debug stays off stdout */
    assert_string_equal(dstr(find(ev, "status", "header", 0), "zone"), "eu");
    assert_string_equal(dstr(find(ev, "session_state", "loginUrl", 0), "value"),
                        "http://127.0.0.1:13222/oauth2/auth?state=1");
    assert_string_equal(dstr(find(ev, "prompt", NULL, 0), "url"), "http://127.0.0.1:13222/oauth2/auth?state=1");
    assert_string_equal(dstr(find(ev, "status", "spinner", 0), "state"), "start");
    assert_string_equal(dstr(find(ev, "status", "spinner", 1), "state"), "failed");
    assert_non_null(strstr(dstr(find(ev, "status", "plan", 0), "diff"), "+b"));
    e = find(ev, "progress", "file_change_planned", 0);
    assert_string_equal(dstr(e, "path"), "src/amplitude.ts");
    assert_string_equal(dstr(e, "operation"), "create");
    e = find(ev, "result", "file_change_applied", 0);
    assert_string_equal(dstr(e, "path"), "src/amplitude.ts");
    assert_string_equal(dstr(e, "operation"), "create");
    assert_string_equal(dstr(find(ev, "diagnostic", NULL, 0), "code"), "framework_ambiguous");
    e = find(ev, "status", "summary", 0);
    assert_string_equal(json_string_value(json_array_get(dget(e, "nextSteps"), 0)), "npm run dev");
    e = find(ev, "lifecycle", "auth_required", 0);
    assert_string_equal(dstr(e, "reason"), "token_expired");
    assert_string_equal(json_string_value(json_array_get(dget(e, "loginCommand"), 1)), "login");
    assert_string_equal(json_string_value(json_array_get(dget(e, "loginCommand"), 3)), "eu"); /* --zone eu */
    e = find(ev, "error", "run_error", 0);
    assert_string_equal(dstr(e, "code"), "auth_required");
    assert_string_equal(dstr(e, "reason"), "token_expired");
    assert_string_equal(dstr(e, "recoverable"), "human_required");
    assert_int_equal(json_integer_value(dget(e, "exitCode")), 3);
    assert_string_equal(json_string_value(json_object_get(e, "level")), "error");
    e = json_array_get(ev, json_array_size(ev) - 1);
    assert_string_equal(dstr(e, "event"), "run_completed");
    assert_string_equal(dstr(e, "outcome"), "error");
    assert_int_equal(json_integer_value(dget(e, "exitCode")), 3);
    assert_non_null(strstr(dstr(e, "reason"), "expired"));
    assert_true(json_integer_value(dget(e, "durationMs")) >= 0);
    json_decref(ev);
    rig_close(&r);
}

/* Answers in Amplitude's shape ({"<responseSchema key>": value}) and this wizard's older
 * ones; confirmations never read stdin; no answer takes the recommended choice. */
static void answers_from_stdin(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, "{\"region\":\"eu\"}\n\"EU\"\n{\"appId\":\"222\"}\n{\"id\":\"email\",\"answer\":\"ada@example.com\"}\n"
                 "not json\n{}\n");
    struct wiz_app *app = &r.app;
    const char *zones[] = {"us", "eu"};
    const char *apps[] = {"Acme / Prod", "Acme / Dev"};
    const char *ids[] = {"111", "222"};
    int out = -1;
    assert_int_equal(wiz_ui_choose(app, "Zone?", zones, 2, 0, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 1); /* Amplitude's form, by value */
    out = -1;
    assert_int_equal(wiz_ui_choose(app, "Zone again?", zones, 2, -1, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 1); /* a bare label, case-insensitive */
    out = -1;
    assert_int_equal(wiz_ui_choose_values(app, "Which app?", apps, ids, 2, -1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 1);
    bool yes = false;
    assert_int_equal(wiz_ui_confirm(app, "Apply?", true, &yes), WIZ_OK); /* resolved at once */
    assert_true(yes);
    char *email = NULL;
    assert_int_equal(wiz_ui_ask_text(app, "Email", "--email", &email), WIZ_OK);
    assert_string_equal(email, "ada@example.com");
    free(email);
    /* not JSON, {} and end of input: the recommended choice, each with decision_auto */
    for (int i = 0; i < 3; i++) {
        out = -1;
        assert_int_equal(wiz_ui_choose_values(app, "Which app now?", apps, ids, 2, 0, "--app-id", &out), WIZ_OK);
        assert_int_equal(out, 0);
        assert_true(wiz_ui_last_auto(app));
    }
    wiz_ui_finish(app, WIZ_OK);

    json_t *ev = rig_events(&r);
    json_t *e = find(ev, "needs_input", NULL, 2);
    assert_string_equal(dstr(e, "code"), "environment_selection");
    assert_string_equal(dstr(e, "decisionId"), "dec_003");
    assert_string_equal(dstr(e, "event"), "needs_input");
    json_t *c1 = json_array_get(dget(e, "choices"), 1);
    assert_string_equal(json_string_value(json_object_get(c1, "label")), "Acme / Dev");
    assert_string_equal(json_string_value(json_object_get(c1, "value")), "222");
    assert_string_equal(json_string_value(json_array_get(json_object_get(c1, "resumeFlags"), 1)), "222");
    assert_string_equal(json_string_value(json_object_get(json_array_get(dget(e, "resumeFlags"), 0), "value")), "111");
    json_t *rs = dget(e, "responseSchema");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(rs, "properties"), "appId"),
                                                           "pattern")),
                        "^\\d+$");
    assert_null(dget(e, "recommended")); /* no default: nothing recommended */
    assert_string_equal(json_string_value(json_object_get(dget(e, "manualEntry"), "flag")), "--app-id");
    assert_string_equal(json_string_value(json_object_get(dget(e, "ui"), "component")), "searchable_select");
    e = find(ev, "needs_input", NULL, 3);
    assert_string_equal(dstr(e, "code"), "confirm");
    assert_string_equal(dstr(e, "recommended"), "yes");
    json_t *auto1 = find(ev, "lifecycle", "decision_auto", 0);
    assert_string_equal(dstr(auto1, "decisionId"), "dec_004");
    assert_string_equal(dstr(auto1, "value"), "yes");
    assert_string_equal(dstr(auto1, "reason"), "back_compat");
    e = find(ev, "needs_input", NULL, 4);
    assert_string_equal(dstr(e, "code"), "email");
    assert_string_equal(json_string_value(json_object_get(dget(e, "ui"), "component")), "text_input");
    for (int i = 1; i <= 3; i++) {
        json_t *a = find(ev, "lifecycle", "decision_auto", (size_t)i);
        assert_non_null(a);
        assert_string_equal(dstr(a, "value"), "111");
        assert_string_equal(dstr(a, "code"), "environment_selection");
    }
    assert_non_null(strstr(json_string_value(json_object_get(find(ev, "log", NULL, 0), "message")), "not JSON"));
    assert_string_equal(dstr(find(ev, "status", "answer", 2), "value"), "222");
    json_decref(ev);
    rig_close(&r);
}

/* A selector that matches nothing ends the run (never a guess); --confirm-app refuses
 * the recommended fallback. */
static void mismatch_and_confirm_app(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, "{\"appId\":\"999\"}\n");
    const char *apps[] = {"Acme / Prod", "Acme / Dev"};
    const char *ids[] = {"111", "222"};
    int out = -1;
    enum wiz_rc rc = wiz_ui_choose_values(&r.app, "Which app?", apps, ids, 2, 0, "--app-id", &out);
    assert_int_equal(rc, WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "matches none"));
    wiz_ui_finish(&r.app, rc);
    json_t *ev = rig_events(&r);
    assert_string_equal(dstr(find(ev, "error", "run_error", 0), "code"), "invalid_answer");
    assert_null(find(ev, "lifecycle", "decision_auto", 0));
    json_decref(ev);
    rig_close(&r);

    rig_open(&r, "");
    r.app.opts.confirm_app = true;
    rc = wiz_ui_choose_values(&r.app, "Which app?", apps, ids, 2, 0, "--app-id", &out);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "--app-id"));
    wiz_ui_finish(&r.app, rc);
    ev = rig_events(&r);
    json_t *e = find(ev, "error", "run_error", 0);
    assert_string_equal(dstr(e, "recoverable"), "reinvoke_with_flag");
    json_t *cmd = json_object_get(dget(e, "suggestedAction"), "command");
    assert_string_equal(json_string_value(json_array_get(cmd, json_array_size(cmd) - 1)), "--app-id");
    json_decref(ev);
    rig_close(&r);
}

/* While it waits on stdin, Amplitude's heartbeat; then the timeout takes the default. */
static void heartbeat_while_waiting(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0); /* the writer stays open and silent */
    struct rig r;
    memset(&r, 0, sizeof r);
    wiz_ctx_init(&r.app.ctx);
    wiz_opts_defaults(&r.app.opts);
    r.in = fdopen(p[0], "r");
    r.out = tmpfile();
    assert_non_null(r.in);
    assert_int_equal(wiz_ui_open(&r.app, WIZ_UI_AGENT, r.in, r.out), WIZ_OK);
    setenv("AMPLI_WIZARD_INPUT_TIMEOUT_MS", "350", 1);
    setenv("AMPLI_WIZARD_HEARTBEAT_MS", "100", 1);
    const char *apps[] = {"Acme / Prod", "Acme / Dev"};
    int out = -1;
    wiz_ui_status(&r.app, "Fetching your projects");
    assert_int_equal(wiz_ui_choose(&r.app, "Which app?", apps, 2, 1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 1);
    unsetenv("AMPLI_WIZARD_INPUT_TIMEOUT_MS");
    unsetenv("AMPLI_WIZARD_HEARTBEAT_MS");
    wiz_ui_finish(&r.app, WIZ_OK);
    json_t *ev = rig_events(&r);
    json_t *hb = find(ev, "progress", "heartbeat", 0);
    assert_non_null(hb);
    assert_string_equal(json_string_value(json_array_get(dget(hb, "statuses"), 0)), "Fetching your projects");
    assert_non_null(find(ev, "lifecycle", "decision_auto", 0));
    assert_string_equal(dstr(json_array_get(ev, json_array_size(ev) - 1), "outcome"), "success");
    json_decref(ev);
    rig_close(&r);
    close(p[1]);
}

static void no_answer_names_the_flag(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, "");
    const char *envs[] = {"Production", "Development"};
    int out = -1;
    enum wiz_rc rc = wiz_ui_choose(&r.app, "Which environment?", envs, 2, -1, "--app-id", &out);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_int_equal(wiz_rc_exit_code(rc), 12);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "--app-id"));
    char *text = NULL;
    rc = wiz_ui_ask_text(&r.app, "Full name", "--full-name", &text);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_null(text);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "--full-name"));
    wiz_ui_finish(&r.app, rc);
    json_t *ev = rig_events(&r);
    json_t *e = find(ev, "error", NULL, 0);
    assert_string_equal(dstr(e, "code"), "input_required");
    assert_int_equal(json_integer_value(dget(e, "exitCode")), 12);
    json_t *cmd = json_object_get(dget(e, "suggestedAction"), "command");
    assert_string_equal(json_string_value(json_array_get(cmd, json_array_size(cmd) - 1)), "--full-name");
    json_decref(ev);
    rig_close(&r);
}

/* A command that never touched the UI still reports its failure as events. */
static void failure_without_ui_is_reported(void **state)
{
    (void)state;
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    wiz_opts_defaults(&app.opts);
    app.opts.agent = true;
    FILE *out = tmpfile();
    assert_int_equal(wiz_ui_open(&app, WIZ_UI_AGENT, stdin, out), WIZ_OK);
    enum wiz_rc rc = wiz_fail(&app.ctx, WIZ_EAUTH, "not signed in");
    assert_int_equal(wiz_ui_finish(&app, rc), WIZ_EAUTH);
    rewind(out);
    char buf[4096];
    int lines = 0;
    bool saw_error = false;
    while (fgets(buf, sizeof buf, out)) {
        json_t *o = json_loads(buf, 0, NULL);
        assert_non_null(o);
        if (strcmp(json_string_value(json_object_get(o, "type")), "error") == 0) {
            saw_error = true;
            json_t *d = json_object_get(o, "data");
            assert_string_equal(json_string_value(json_object_get(d, "code")), "auth_required");
            assert_string_equal(json_string_value(json_object_get(d, "reason")), "no_stored_credentials");
        }
        json_decref(o);
        lines++;
    }
    assert_true(saw_error);
    assert_int_equal(lines, 4); /* start_run, auth_required, run_error, run_completed */
    fclose(out);
}

int main(void)
{
    setenv("AMPLI_WIZARD_INPUT_TIMEOUT_MS", "2000", 1); /* a stray wait never hangs the suite */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(envelope_every_event),     cmocka_unit_test(answers_from_stdin),
        cmocka_unit_test(mismatch_and_confirm_app), cmocka_unit_test(no_answer_names_the_flag),
        cmocka_unit_test(failure_without_ui_is_reported),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    const struct CMUnitTest later[] = {cmocka_unit_test(heartbeat_while_waiting)};
    return rc | cmocka_run_group_tests(later, NULL, NULL);
}
