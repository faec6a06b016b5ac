/* Slash commands: parsing, unique-prefix lookup, registration of engine callbacks,
 * dispatch with arguments, the built-ins (/region, /diff, /exit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/slash.h"
#include "ui/ui.h"

static void parse_lines(void **state)
{
    (void)state;
    char name[16];
    const char *args;
    size_t alen;
    assert_true(wiz_slash_parse("/login", name, sizeof name, &args, &alen));
    assert_string_equal(name, "login");
    assert_int_equal(alen, 0);
    assert_true(wiz_slash_parse("  /Region   eu  ", name, sizeof name, &args, &alen));
    assert_string_equal(name, "region");
    assert_int_equal(alen, 2);
    assert_memory_equal(args, "eu", 2);
    assert_true(wiz_slash_parse("/undo last run", name, sizeof name, &args, &alen));
    assert_int_equal(alen, 8);
    assert_true(wiz_slash_parse("/", name, sizeof name, &args, &alen));
    assert_string_equal(name, "");
    assert_false(wiz_slash_parse("login", name, sizeof name, &args, &alen));
    assert_false(wiz_slash_parse("", name, sizeof name, &args, &alen));
    assert_false(wiz_slash_parse("a/b", name, sizeof name, &args, &alen));
    /* a name longer than the buffer is cut, not overflowed */
    char small[4];
    assert_true(wiz_slash_parse("/whoami", small, sizeof small, &args, &alen));
    assert_string_equal(small, "who");
}

static enum wiz_rc noop(struct wiz_app *app, const char *args, void *ud)
{
    (void)app;
    (void)args;
    (void)ud;
    return WIZ_OK;
}

static void prefixes(void **state)
{
    (void)state;
    struct wiz_slash_table *t = wiz_slash_new();
    assert_int_equal(wiz_slash_add(t, "login", "", noop, NULL), WIZ_OK);
    assert_int_equal(wiz_slash_add(t, "logout", "", noop, NULL), WIZ_OK);
    assert_int_equal(wiz_slash_add(t, "help", "", noop, NULL), WIZ_OK);
    assert_string_equal(wiz_slash_resolve(t, "he"), "help");
    assert_string_equal(wiz_slash_resolve(t, "login"), "login"); /* exact beats prefix of logout */
    assert_null(wiz_slash_resolve(t, "log"));                    /* ambiguous */
    assert_string_equal(wiz_slash_resolve(t, "logo"), "logout");
    assert_null(wiz_slash_resolve(t, "x"));
    assert_null(wiz_slash_resolve(t, ""));
    assert_int_equal(wiz_slash_add(t, "Bad", "", noop, NULL), WIZ_EINTERNAL);
    assert_int_equal(wiz_slash_add(t, "", "", noop, NULL), WIZ_EINTERNAL);
    wiz_slash_free(t);
}

struct calls {
    int n;
    char last[64];
};

static enum wiz_rc record(struct wiz_app *app, const char *args, void *ud)
{
    (void)app;
    struct calls *c = ud;
    c->n++;
    snprintf(c->last, sizeof c->last, "%s", args);
    return WIZ_OK;
}

static enum wiz_rc failing(struct wiz_app *app, const char *args, void *ud)
{
    (void)args;
    (void)ud;
    return wiz_fail(&app->ctx, WIZ_ENET, "could not reach the server");
}

static char *read_all(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    char *buf = calloc(1, (size_t)n + 1);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    return buf;
}

/* The prompt line (classic mode: the same table as interactive) runs what the engine
 * registered, shows errors and goes on, and stops at /exit with WIZ_ECANCEL. */
static void registered_callbacks(void **state)
{
    (void)state;
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    wiz_opts_defaults(&app.opts);
    FILE *in = tmpfile(), *out = tmpfile();
    fputs("/login now please\n/undo\n/whoami\n/diff\n/he\n/exit\n/login\n/diff\nnot a command\n\n", in);
    rewind(in);
    assert_int_equal(wiz_ui_open(&app, WIZ_UI_CLASSIC, in, out), WIZ_OK);
    struct calls login = {0};
    assert_int_equal(wiz_ui_slash_register(&app, "login", NULL, record, &login), WIZ_OK);
    assert_int_equal(wiz_ui_slash_register(&app, "undo", NULL, failing, NULL), WIZ_OK);
    assert_int_equal(wiz_ui_slash_register(&app, "Login", NULL, record, &login), WIZ_EINTERNAL);
    assert_int_equal(wiz_ui_prompt(&app, "type a command"), WIZ_ECANCEL);
    assert_int_equal(login.n, 1);
    assert_string_equal(login.last, "now please");
    wiz_ui_diff(&app, "plan", "+++ b/.env\n+AMPLITUDE_API_KEY=k\n");
    /* a line that is no command ends the idle prompt and answers the next question */
    assert_int_equal(wiz_ui_prompt(&app, NULL), WIZ_OK);
    assert_int_equal(login.n, 2);
    assert_string_equal(login.last, "");
    char *answer = NULL;
    assert_int_equal(wiz_ui_ask_text(&app, "your name", NULL, &answer), WIZ_OK);
    assert_string_equal(answer, "not a command");
    free(answer);
    assert_int_equal(wiz_ui_prompt(&app, NULL), WIZ_OK); /* the empty line ends it */
    char *o = read_all(out);
    assert_non_null(strstr(o, "error: could not reach the server"));
    assert_non_null(strstr(o, "/whoami is not available in this run"));
    assert_non_null(strstr(o, "no plan yet"));
    assert_non_null(strstr(o, "  /region   show the zone")); /* /he ran /help */
    assert_non_null(strstr(o, "current plan:\n+++ b/.env\n+AMPLITUDE_API_KEY=k\n"));
    assert_null(strstr(o, "Type /help for the commands"));
    free(o);
    wiz_ui_finish(&app, WIZ_OK);
    fclose(in);
    fclose(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_lines),
        cmocka_unit_test(prefixes),
        cmocka_unit_test(registered_callbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
