/* Agent mode: every emitted line parses back as the v:1 envelope with its required
 * fields, questions become needs_input, answers come back as JSON lines on stdin,
 * a missing answer is exit 12 naming the flag, missing auth is exit 3 auth_required. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

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
    static const char *const types[] = {"lifecycle", "log", "status", "progress", "prompt", "needs_input",
                                        "diagnostic", "result", "error", NULL};
    static const char *const levels[] = {"error", "warn", "info", "debug", NULL};
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
        assert_true(json_is_object(json_object_get(o, "data")));
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

static json_t *find(json_t *events, const char *type, const char *kind, size_t nth)
{
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        if (strcmp(json_string_value(json_object_get(e, "type")), type) != 0)
            continue;
        const char *k = json_string_value(json_object_get(json_object_get(e, "data"), "kind"));
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
    wiz_ui_file_change(app, "src/amplitude.ts", "create");
    wiz_ui_diagnostic(app, 1, "framework_ambiguous", "both %s and %s match", "vue", "javascript_web");
    const char *steps[] = {"npm run dev", NULL};
    wiz_ui_summary(app, "Amplitude is set up", steps);
    enum wiz_rc rc = wiz_ui_fail(app, WIZ_EAUTH, "auth_required", "token_expired", "the stored sign-in expired");
    assert_int_equal(wiz_ui_finish(app, rc), WIZ_EAUTH);
    assert_int_equal(wiz_rc_exit_code(rc), 3);
    assert_null(app->ui);

    json_t *ev = rig_events(&r);
    assert_int_equal(json_array_size(ev), 13);
    json_t *e = json_array_get(ev, 0);
    assert_string_equal(json_string_value(json_object_get(e, "type")), "lifecycle");
    assert_string_equal(dstr(e, "phase"), "start");
    e = find(ev, "status", NULL, 0);
    assert_non_null(strstr(json_string_value(json_object_get(e, "message")), "[REDACTED]"));
    assert_null(strstr(json_string_value(json_object_get(e, "message")), "eyJ"));
    e = find(ev, "log", NULL, 0);
    assert_string_equal(json_string_value(json_object_get(e, "message")), "a log line");
    assert_null(find(ev, "log", NULL, 1)); /* debug stays off stdout */
    assert_string_equal(dstr(find(ev, "status", "header", 0), "zone"), "eu");
    assert_string_equal(dstr(find(ev, "prompt", "open_url", 0), "url"), "http://127.0.0.1:13222/oauth2/auth?state=1");
    assert_string_equal(dstr(find(ev, "progress", NULL, 0), "state"), "started");
    assert_string_equal(dstr(find(ev, "progress", NULL, 1), "state"), "failed");
    assert_non_null(strstr(dstr(find(ev, "result", "plan", 0), "diff"), "+b"));
    e = find(ev, "result", "file_change", 0);
    assert_string_equal(dstr(e, "path"), "src/amplitude.ts");
    assert_string_equal(dstr(e, "action"), "create");
    assert_string_equal(dstr(find(ev, "diagnostic", NULL, 0), "code"), "framework_ambiguous");
    e = find(ev, "result", "summary", 0);
    assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(e, "data"), "nextSteps"), 0)),
                        "npm run dev");
    e = find(ev, "error", NULL, 0);
    assert_string_equal(dstr(e, "code"), "auth_required");
    assert_string_equal(dstr(e, "reason"), "token_expired");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(e, "data"), "exitCode")), 3);
    assert_string_equal(json_string_value(json_object_get(e, "level")), "error");
    e = json_array_get(ev, json_array_size(ev) - 1);
    assert_string_equal(dstr(e, "phase"), "end");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(e, "data"), "exitCode")), 3);
    json_decref(ev);
    rig_close(&r);
}

static void answers_from_stdin(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, "{\"answer\": 1}\n\"EU\"\nnot json\n{\"id\":\"app-id\",\"answer\":\"222\"}\n"
                 "{\"answer\": false}\n{\"answer\": \"ada@example.com\"}\n{\"id\":\"other\",\"answer\":0}\n");
    struct wiz_app *app = &r.app;
    const char *zones[] = {"us", "eu"};
    const char *apps[] = {"Acme / Prod", "Acme / Dev"};
    const char *ids[] = {"111", "222"};
    int out = -1;
    assert_int_equal(wiz_ui_choose(app, "Zone?", zones, 2, 0, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 1);
    out = -1;
    assert_int_equal(wiz_ui_choose(app, "Zone again?", zones, 2, -1, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 1); /* label, case-insensitive */
    out = -1;
    /* "not json" is refused with a diagnostic, then the next line answers by value */
    assert_int_equal(wiz_ui_choose_values(app, "Which app?", apps, ids, 2, -1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 1);
    bool yes = true;
    assert_int_equal(wiz_ui_confirm(app, "Apply?", true, &yes), WIZ_OK);
    assert_false(yes);
    char *email = NULL;
    assert_int_equal(wiz_ui_ask_text(app, "Email", "--email", &email), WIZ_OK);
    assert_string_equal(email, "ada@example.com");
    free(email);
    /* wrong id, then EOF: the default is taken */
    out = -1;
    assert_int_equal(wiz_ui_choose(app, "Zone once more?", zones, 2, 0, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 0);
    wiz_ui_finish(app, WIZ_OK);

    json_t *ev = rig_events(&r);
    json_t *e = find(ev, "needs_input", NULL, 2);
    json_t *d = json_object_get(e, "data");
    assert_string_equal(json_string_value(json_object_get(d, "id")), "app-id");
    assert_string_equal(json_string_value(json_object_get(d, "kind")), "choice");
    assert_string_equal(json_string_value(json_array_get(json_object_get(d, "resumeFlags"), 0)), "--app-id");
    json_t *c1 = json_array_get(json_object_get(d, "choices"), 1);
    assert_string_equal(json_string_value(json_object_get(c1, "label")), "Acme / Dev");
    assert_string_equal(json_string_value(json_object_get(c1, "value")), "222");
    assert_string_equal(json_string_value(json_object_get(c1, "resume")), "--app-id 222");
    assert_true(json_is_null(json_object_get(d, "default")));
    e = find(ev, "diagnostic", NULL, 0);
    assert_string_equal(dstr(e, "code"), "invalid_answer");
    assert_non_null(find(ev, "needs_input", NULL, 3)); /* asked again after the bad line */
    e = find(ev, "needs_input", NULL, 4);
    assert_string_equal(dstr(e, "kind"), "confirm");
    assert_true(json_is_true(json_object_get(json_object_get(e, "data"), "default")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(e, "data"), "resumeFlags"), 0)),
                        "--yes");
    e = find(ev, "needs_input", NULL, 5);
    assert_string_equal(dstr(e, "kind"), "text");
    json_decref(ev);
    rig_close(&r);
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
    assert_int_equal(json_integer_value(json_object_get(json_object_get(e, "data"), "exitCode")), 12);
    json_decref(ev);
    rig_close(&r);
}

/* A command that never touched the UI still reports its failure as an event. */
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
    assert_int_equal(lines, 3); /* lifecycle start, error, lifecycle end */
    fclose(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(envelope_every_event),
        cmocka_unit_test(answers_from_stdin),
        cmocka_unit_test(no_answer_names_the_flag),
        cmocka_unit_test(failure_without_ui_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
