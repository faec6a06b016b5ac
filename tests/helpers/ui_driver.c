/* Test helper: drives the UI interface in the mode the flags choose, one step per
 * group of arguments, so integration tests (pipes, tmux) exercise the real front ends.
 *   ui_driver [--agent|--ci|--yes|--classic|--debug|--zone Z] STEP...
 * Steps (results go to stderr as "RESULT ..." so agent stdout stays pure NDJSON):
 *   choose Q LABELS DEFAULT FLAG     LABELS "a|b|c", DEFAULT -1 for none, FLAG "-" for none
 *   choosev Q LABELS VALUES DEFAULT FLAG
 *   text Q FLAG | confirm Q y|n | status MSG | header USER ZONE | progress STEP 1|0
 *   spin STEP SECONDS (spinner for a while; Ctrl-C tests) | url LABEL URL
 *   diff TITLE TEXT ("\n" escapes) | file PATH ACTION (planned, then applied) | diag LEVEL CODE MSG
 *   log LEVEL MSG | summary TITLE STEPS | prompt HINT | slash (fake /login etc.)
 *   fail RC CODE REASON MSG        (ends the run with that rc) */
#include "cli/cli.h"
#include "ui/slash.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* returns owned array of n strings split on '|': free each and the array */
static char **split(const char *s, int *n)
{
    char *copy = strdup(s);
    char **out = calloc(strlen(s) + 2, sizeof *out);
    *n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
        out[(*n)++] = strdup(tok);
    free(copy);
    return out;
}

static void free_split(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static enum wiz_rc fake_cmd(struct wiz_app *app, const char *args, void *ud)
{
    fprintf(stderr, "CALLED %s [%s]\n", (const char *)ud, args);
    wiz_ui_status(app, "fake /%s ran", (const char *)ud);
    return strcmp((const char *)ud, "undo") == 0 && strcmp(args, "fail") == 0
               ? wiz_fail(&app->ctx, WIZ_ERR, "undo failed on purpose")
               : WIZ_OK;
}

static char *unescape(const char *s)
{
    char *o = strdup(s), *w = o;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *w++ = '\n';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
    return o;
}

#define NEED(k)                                                                                                \
    do {                                                                                                       \
        if (i + (k) >= argc) {                                                                                 \
            fprintf(stderr, "ui_driver: %s needs %d arguments\n", argv[i], k);                                 \
            return 2;                                                                                          \
        }                                                                                                      \
    } while (0)

static enum wiz_rc step(struct wiz_app *app, int argc, char **argv, int *ip)
{
    int i = *ip;
    const char *s = argv[i];
    enum wiz_rc rc = WIZ_OK;
    if (strcmp(s, "choose") == 0 || strcmp(s, "choosev") == 0) {
        bool v = s[6] == 'v';
        NEED(v ? 5 : 4);
        int n, nv = 0, out = -1;
        char **labels = split(argv[i + 2], &n);
        char **values = v ? split(argv[i + 3], &nv) : NULL;
        int d = atoi(argv[i + (v ? 4 : 3)]);
        const char *flag = argv[i + (v ? 5 : 4)];
        rc = wiz_ui_choose_values(app, argv[i + 1], (const char *const *)labels, (const char *const *)values, n, d,
                                  strcmp(flag, "-") ? flag : NULL, &out);
        if (rc == WIZ_OK)
            fprintf(stderr, "RESULT choose %d %s\n", out, labels[out]);
        free_split(labels, n);
        if (values)
            free_split(values, nv);
        i += v ? 5 : 4;
    } else if (strcmp(s, "text") == 0) {
        NEED(2);
        char *t = NULL;
        rc = wiz_ui_ask_text(app, argv[i + 1], strcmp(argv[i + 2], "-") ? argv[i + 2] : NULL, &t);
        if (rc == WIZ_OK)
            fprintf(stderr, "RESULT text %s\n", t);
        free(t);
        i += 2;
    } else if (strcmp(s, "confirm") == 0) {
        NEED(2);
        bool yes = false;
        rc = wiz_ui_confirm(app, argv[i + 1], argv[i + 2][0] == 'y', &yes);
        if (rc == WIZ_OK)
            fprintf(stderr, "RESULT confirm %s\n", yes ? "yes" : "no");
        i += 2;
    } else if (strcmp(s, "status") == 0) {
        NEED(1);
        wiz_ui_status(app, "%s", argv[++i]);
    } else if (strcmp(s, "header") == 0) {
        NEED(2);
        enum wiz_zone z = WIZ_ZONE_US;
        wiz_zone_parse(&z, argv[i + 2]);
        wiz_ui_header(app, strcmp(argv[i + 1], "-") ? argv[i + 1] : NULL, z);
        i += 2;
    } else if (strcmp(s, "progress") == 0) {
        NEED(2);
        wiz_ui_progress_begin(app, argv[i + 1]);
        wiz_ui_progress_end(app, atoi(argv[i + 2]) != 0);
        i += 2;
    } else if (strcmp(s, "spin") == 0) {
        NEED(2);
        wiz_ui_progress_begin(app, argv[i + 1]);
        fprintf(stderr, "SPINNING\n");
        sleep((unsigned)atoi(argv[i + 2]));
        wiz_ui_progress_end(app, true);
        i += 2;
    } else if (strcmp(s, "url") == 0) {
        NEED(2);
        wiz_ui_url(app, argv[i + 1], argv[i + 2]);
        i += 2;
    } else if (strcmp(s, "diff") == 0) {
        NEED(2);
        char *d = unescape(argv[i + 2]);
        wiz_ui_diff(app, argv[i + 1], d);
        free(d);
        i += 2;
    } else if (strcmp(s, "file") == 0) {
        NEED(2);
        wiz_ui_file_planned(app, argv[i + 1], argv[i + 2]);
        wiz_ui_file_change(app, argv[i + 1], argv[i + 2]);
        i += 2;
    } else if (strcmp(s, "diag") == 0) {
        NEED(3);
        wiz_ui_diagnostic(app, atoi(argv[i + 1]), argv[i + 2], "%s", argv[i + 3]);
        i += 3;
    } else if (strcmp(s, "log") == 0) {
        NEED(2);
        wiz_log(&app->ctx, atoi(argv[i + 1]), "%s", argv[i + 2]);
        i += 2;
    } else if (strcmp(s, "summary") == 0) {
        NEED(2);
        int n;
        char **steps = split(argv[i + 2], &n);
        wiz_ui_summary(app, argv[i + 1], (const char *const *)steps);
        free_split(steps, n);
        i += 2;
    } else if (strcmp(s, "prompt") == 0) {
        NEED(1);
        rc = wiz_ui_prompt(app, argv[++i]);
    } else if (strcmp(s, "slash") == 0) {
        static const char *const names[] = {"login", "logout", "whoami", "undo"};
        for (size_t k = 0; k < 4 && rc == WIZ_OK; k++)
            rc = wiz_ui_slash_register(app, names[k], NULL, fake_cmd, (void *)names[k]);
    } else if (strcmp(s, "fail") == 0) {
        NEED(4);
        rc = wiz_ui_fail(app, (enum wiz_rc)atoi(argv[i + 1]), argv[i + 2], strcmp(argv[i + 3], "-") ? argv[i + 3] : NULL,
                         "%s", argv[i + 4]);
        i += 4;
    } else {
        fprintf(stderr, "ui_driver: unknown step '%s'\n", s);
        return WIZ_EUSAGE;
    }
    *ip = i;
    return rc;
}

int main(int argc, char **argv)
{
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    wiz_opts_defaults(&app.opts);
    app.opts.auto_agent = true; /* the driver stands for a run such as setup */
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *f = argv[i] + 2;
        if (strcmp(f, "agent") == 0)
            app.opts.agent = true;
        else if (strcmp(f, "ci") == 0)
            app.opts.ci = true;
        else if (strcmp(f, "yes") == 0)
            app.opts.yes = true;
        else if (strcmp(f, "classic") == 0)
            app.opts.classic = true;
        else if (strcmp(f, "debug") == 0)
            app.opts.debug = app.ctx.debug = true;
        else if (strcmp(f, "zone") == 0 && i + 1 < argc)
            app.opts.zone_set = wiz_zone_parse(&app.opts.zone, argv[++i]) == 0;
        else {
            fprintf(stderr, "ui_driver: unknown flag %s\n", argv[i]);
            return 2;
        }
    }
    enum wiz_rc rc = wiz_ui_begin(&app);
    fprintf(stderr, "MODE %s\n", wiz_ui_mode_name(wiz_ui_mode(&app)));
    for (; rc == WIZ_OK && i < argc; i++)
        rc = step(&app, argc, argv, &i);
    if (rc == WIZ_OK && app.opts.zone_set)
        fprintf(stderr, "RESULT zone %s\n", wiz_zone_name(app.opts.zone));
    rc = wiz_ui_finish(&app, rc);
    if (rc != WIZ_OK && rc != WIZ_ECANCEL)
        fprintf(stderr, "ampli-wizard: %s\n", wiz_errmsg(&app.ctx));
    return wiz_rc_exit_code(rc);
}
