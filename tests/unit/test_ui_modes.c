/* Classic (numbered questions, answers line by line), CI (defaults or exit 12 naming
 * the flag, timestamped log lines) and the --debug run log (redacted, 0600). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/ui.h"

struct rig {
    struct wiz_app app;
    FILE *in, *out;
};

static void rig_open(struct rig *r, enum wiz_ui_mode mode, const char *input)
{
    memset(r, 0, sizeof *r);
    wiz_ctx_init(&r->app.ctx);
    wiz_opts_defaults(&r->app.opts);
    r->in = tmpfile();
    r->out = tmpfile();
    assert_non_null(r->in);
    assert_non_null(r->out);
    fputs(input, r->in);
    rewind(r->in);
    assert_int_equal(wiz_ui_open(&r->app, mode, r->in, r->out), WIZ_OK);
    assert_int_equal(wiz_ui_begin(&r->app), WIZ_OK);
}

/* returns owned: free() */
static char *rig_output(struct rig *r)
{
    fflush(r->out);
    long n = ftell(r->out);
    char *buf = calloc(1, (size_t)n + 1);
    rewind(r->out);
    assert_int_equal(fread(buf, 1, (size_t)n, r->out), (size_t)n);
    return buf;
}

static void rig_close(struct rig *r)
{
    wiz_ui_finish(&r->app, WIZ_OK);
    fclose(r->in);
    fclose(r->out);
}

static const char *const envs[] = {"Acme / Web / Production", "Acme / Web / Development", "Beta / App / Staging"};

static void classic_numbered_choice(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, WIZ_UI_CLASSIC, "7\nbanana\n2\n\ny\nAda Lovelace\n");
    int out = -1;
    assert_int_equal(wiz_ui_choose(&r.app, "Which environment?", envs, 3, -1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 1);
    out = -1;
    assert_int_equal(wiz_ui_choose(&r.app, "Which zone?", envs, 3, 2, "--zone", &out), WIZ_OK);
    assert_int_equal(out, 2); /* empty line: the default */
    bool yes = false;
    assert_int_equal(wiz_ui_confirm(&r.app, "Apply?", false, &yes), WIZ_OK);
    assert_true(yes);
    char *name = NULL;
    assert_int_equal(wiz_ui_ask_text(&r.app, "Full name", "--full-name", &name), WIZ_OK);
    assert_string_equal(name, "Ada Lovelace");
    free(name);
    char *o = rig_output(&r);
    assert_non_null(strstr(o, "1. Which environment?\n   1) Acme / Web / Production\n   2) Acme / Web / Development\n"));
    assert_non_null(strstr(o, "Answer 1-3: "));
    assert_non_null(strstr(o, "Please answer with a number from 1 to 3."));
    assert_non_null(strstr(o, "2. Which zone?"));
    assert_non_null(strstr(o, "Answer 1-3 [3]: "));
    assert_non_null(strstr(o, "3. Apply?\nAnswer [y/N]: "));
    assert_null(strstr(o, "\033[")); /* no escape sequences in classic */
    free(o);
    rig_close(&r);
}

static void classic_eof_and_slash(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, WIZ_UI_CLASSIC, "/region eu\n/nosuch\n1\n");
    int out = -1;
    assert_int_equal(wiz_ui_choose(&r.app, "Which environment?", envs, 3, -1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 0);
    assert_int_equal(r.app.opts.zone, WIZ_ZONE_EU);
    assert_true(r.app.opts.zone_set);
    /* end of input without a default: exit 12 naming the flag */
    enum wiz_rc rc = wiz_ui_choose(&r.app, "Which environment?", envs, 3, -1, "--app-id", &out);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "--app-id"));
    char *o = rig_output(&r);
    assert_non_null(strstr(o, "zone: eu"));
    assert_non_null(strstr(o, "unknown command /nosuch"));
    free(o);
    rig_close(&r);
}

static void classic_exit_command_cancels(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, WIZ_UI_CLASSIC, "/exit\n1\n");
    int out = -1;
    enum wiz_rc rc = wiz_ui_choose(&r.app, "Which environment?", envs, 3, -1, "--app-id", &out);
    assert_int_equal(rc, WIZ_ECANCEL);
    assert_int_equal(wiz_rc_exit_code(rc), 130);
    rig_close(&r);
}

static void ci_defaults_or_exit_12(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, WIZ_UI_CI, "1\n"); /* CI never reads stdin */
    int out = -1;
    assert_int_equal(wiz_ui_choose(&r.app, "Which environment?", envs, 3, 1, "--app-id", &out), WIZ_OK);
    assert_int_equal(out, 1);
    bool yes = false;
    assert_int_equal(wiz_ui_confirm(&r.app, "Apply?", true, &yes), WIZ_OK);
    assert_true(yes);
    enum wiz_rc rc = wiz_ui_choose(&r.app, "Which environment?", envs, 3, -1, "--app-id", &out);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_int_equal(wiz_rc_exit_code(rc), 12);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "pass --app-id"));
    char *t = NULL;
    rc = wiz_ui_ask_text(&r.app, "Email", "--email", &t);
    assert_int_equal(rc, WIZ_EINPUT);
    assert_non_null(strstr(wiz_errmsg(&r.app.ctx), "--email"));
    wiz_ui_status(&r.app, "Fetching projects");
    wiz_ui_url(&r.app, "Open", "http://127.0.0.1:1/very/long/url");
    char *o = rig_output(&r);
    /* every line: 2026-01-02T03:04:05.678Z level message */
    int lines = 0;
    for (char *save = NULL, *l = strtok_r(o, "\n", &save); l; l = strtok_r(NULL, "\n", &save), lines++) {
        assert_true(strlen(l) > 30);
        assert_true(l[4] == '-' && l[10] == 'T' && l[23] == 'Z' && l[24] == ' ');
    }
    assert_int_equal(lines, 5);
    free(o);
    char *o2 = rig_output(&r);
    assert_non_null(strstr(o2, "info  Which environment? Acme / Web / Development (the recommended one of 3; pass --app-id"));
    assert_non_null(strstr(o2, "info  Fetching projects\n"));
    assert_non_null(strstr(o2, " http://127.0.0.1:1/very/long/url\n"));
    free(o2);
    rig_close(&r);
}

static void debug_run_log_is_redacted(void **state)
{
    (void)state;
    char home[] = "/tmp/wiz-ui-home.XXXXXX";
    assert_non_null(mkdtemp(home));
    setenv("HOME", home, 1);
    struct rig r;
    memset(&r, 0, sizeof r);
    wiz_ctx_init(&r.app.ctx);
    wiz_opts_defaults(&r.app.opts);
    r.app.opts.debug = r.app.ctx.debug = true;
    r.in = tmpfile();
    r.out = tmpfile();
    assert_int_equal(wiz_ui_open(&r.app, WIZ_UI_CI, r.in, r.out), WIZ_OK);
    assert_int_equal(wiz_ui_begin(&r.app), WIZ_OK);
    const char *path = wiz_ui_log_path(&r.app);
    assert_non_null(path);
    char *want = NULL;
    assert_true(asprintf(&want, "%s/.amplitude/wizard/runs/%s/log.txt", home, wiz_ui_run_id(&r.app)) > 0);
    assert_string_equal(path, want);
    wiz_debug(&r.app.ctx, "POST /oauth2/token grant_type=refresh_token&refresh_token=r1-SECRET&client_id=x");
    wiz_debug(&r.app.ctx, "reply {\"access_token\":\"a1-SECRET\",\"id_token\":\"eyJhbGciOiJub25lIn0.eyJleHAiOjF9.\"}");
    wiz_ui_status(&r.app, "Authorization: Bearer b1-SECRET");
    char *o = rig_output(&r); /* debug lines never reach the CI output */
    assert_null(strstr(o, "oauth2"));
    assert_non_null(strstr(o, "Bearer [REDACTED]")); /* screens and CI logs are redacted too */
    free(o);
    struct stat st;
    assert_int_equal(stat(want, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    rig_close(&r);
    FILE *f = fopen(want, "r");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_null(strstr(buf, "SECRET"));
    assert_null(strstr(buf, "eyJ"));
    assert_non_null(strstr(buf, "refresh_token=[REDACTED]&client_id=x"));
    assert_non_null(strstr(buf, "debug POST /oauth2/token"));
    assert_non_null(strstr(buf, "Bearer [REDACTED]"));
    free(want);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classic_numbered_choice),
        cmocka_unit_test(classic_eof_and_slash),
        cmocka_unit_test(classic_exit_command_cancels),
        cmocka_unit_test(ci_defaults_or_exit_12),
        cmocka_unit_test(debug_run_log_is_redacted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
