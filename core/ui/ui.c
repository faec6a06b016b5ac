/* The UI dispatcher: chooses the mode once, keeps the run's UI state in app->ui,
 * and turns each public call into a question or an event for the chosen front end. */
#include "redact.h"
#include "ui_priv.h"

#include <sys/random.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum wiz_ui_mode wiz_ui_mode_pick(const struct wiz_opts *opts)
{
    const char *ag = getenv("AMPLITUDE_WIZARD_AGENT");
    if (opts->agent || (ag && strcmp(ag, "1") == 0))
        return WIZ_UI_AGENT;
    if (opts->ci || opts->yes)
        return WIZ_UI_CI;
    if (opts->classic)
        return WIZ_UI_CLASSIC;
    if (isatty(0) && isatty(1)) {
        const char *term = getenv("TERM");
        return (term && strcmp(term, "dumb") == 0) ? WIZ_UI_CLASSIC : WIZ_UI_INTERACTIVE;
    }
    return opts->auto_agent ? WIZ_UI_AGENT : WIZ_UI_CI;
}

const char *wiz_ui_mode_name(enum wiz_ui_mode m)
{
    static const char *const names[] = {"interactive", "classic", "ci", "agent"};
    return (unsigned)m < 4 ? names[m] : "unknown";
}

static void hex(char *out, const unsigned char *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* run id: UTC time then random hex, so run directories sort by start time */
static void make_ids(struct wiz_ui *ui)
{
    /* ids, not secrets: the kernel's getrandom, so a run that needs no crypto never
     * starts OpenSSL's generator (11% of a setup's instructions) */
    unsigned char r[16];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
        memset(r, 0, sizeof r);
    char h[33];
    hex(h, r, 4);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char ts[20];
    strftime(ts, sizeof ts, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(ui->run_id, sizeof ui->run_id, "%.16s-%.8s", ts, h);
    /* an agent may pass its own session id to tie resumed runs together */
    const char *sid = getenv("AMPLI_WIZARD_SESSION_ID");
    if (sid && sid[0] && strlen(sid) < sizeof ui->session_id) {
        snprintf(ui->session_id, sizeof ui->session_id, "%s", sid);
        return;
    }
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40); /* shaped as a UUID v4 */
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
    hex(h, r, 16);
    snprintf(ui->session_id, sizeof ui->session_id, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

enum wiz_rc wiz_ui_open(struct wiz_app *app, enum wiz_ui_mode mode, FILE *in, FILE *out)
{
    if (app->ui)
        return WIZ_OK;
    struct wiz_ui *ui = calloc(1, sizeof *ui);
    if (!ui)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    ui->slash = wiz_slash_new();
    if (!ui->slash || wiz_ui_slash_builtins(ui->slash) != WIZ_OK) {
        wiz_slash_free(ui->slash);
        free(ui);
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    }
    ui->mode = mode;
    ui->in = in;
    ui->out = out;
    ui->start_ms = wiz_ui_now_ms();
    if (mode == WIZ_UI_AGENT) {
        /* the answer reader polls the descriptor: no stdio buffer may hide a line */
        setvbuf(in, NULL, _IONBF, 0);
        if (out == stdout) {
            /* only NDJSON on stdout: the events get their own copy of it, and the
             * process's stdout (a plugin's printf, a package manager) goes to stderr */
            fflush(stdout);
            int fd = dup(STDOUT_FILENO);
            FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
            if (f && dup2(STDERR_FILENO, STDOUT_FILENO) >= 0) {
                ui->out = ui->own_out = f;
            } else if (f) {
                fclose(f);
            } else if (fd >= 0) {
                close(fd);
            }
        }
    }
    make_ids(ui);
    app->ui = ui;
    if (mode == WIZ_UI_INTERACTIVE && wiz_ui_iv_open(app, ui) != WIZ_OK)
        ui->mode = WIZ_UI_CLASSIC; /* not a usable terminal after all */
    return WIZ_OK;
}

struct wiz_ui *wiz_ui_state(struct wiz_app *app)
{
    if (!app->ui) {
        /* --json in CI: stdout is the JSON alone, the log lines go to stderr */
        enum wiz_ui_mode m = wiz_ui_mode_pick(&app->opts);
        wiz_ui_open(app, m, stdin, m == WIZ_UI_CI && app->opts.json ? stderr : stdout);
    }
    return app->ui;
}

enum wiz_ui_mode wiz_ui_mode(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    return ui ? ui->mode : wiz_ui_mode_pick(&app->opts);
}

enum wiz_rc wiz_ui_begin(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    if (app->opts.debug && !ui->log && wiz_ui_runlog_open(app, ui) != WIZ_OK) {
        fprintf(stderr, "ampli-wizard: warning: no debug log: %s\n", wiz_errmsg(&app->ctx));
        app->ctx.rc = WIZ_OK;
        app->ctx.errmsg[0] = '\0';
    }
    if (app->ctx.log != wiz_ui_log_sink) {
        ui->prev_log = app->ctx.log;
        ui->prev_log_ud = app->ctx.log_ud;
        app->ctx.log = wiz_ui_log_sink;
        app->ctx.log_ud = app;
    }
    if (ui->log)
        wiz_ui_runlog(ui, 2, "run started");
    return WIZ_OK;
}

void wiz_ui_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return;
    if (ui->log && ev->msg && ev->kind != WIZ_EV_LOG)
        wiz_ui_runlog(ui, ev->level, ev->msg);
    /* tokens never reach a screen or a CI log either */
    struct wiz_ui_ev clean = *ev;
    char *msg = ev->msg ? wiz_redact(ev->msg) : NULL;
    if (msg)
        clean.msg = msg;
    /* no escape sequence from a server, plugin or project reaches a terminal (agent mode
     * writes JSON, which escapes them) */
    char *smsg = NULL, *sa = NULL, *sb = NULL;
    if (ui->mode != WIZ_UI_AGENT) {
        bool lines = ev->kind == WIZ_EV_DIFF || ev->kind == WIZ_EV_LOG || ev->kind == WIZ_EV_DIAG;
        if (clean.msg && (smsg = wiz_safe_text(clean.msg, lines)))
            clean.msg = smsg;
        if (clean.a && (sa = wiz_safe_text(clean.a, false)))
            clean.a = sa;
        if (clean.b && (sb = wiz_safe_text(clean.b, ev->kind == WIZ_EV_DIFF)))
            clean.b = sb;
    }
    switch (ui->mode) {
    case WIZ_UI_INTERACTIVE: wiz_ui_iv_emit(app, &clean); break;
    case WIZ_UI_CLASSIC: wiz_ui_classic_emit(app, &clean); break;
    case WIZ_UI_CI: wiz_ui_ci_emit(app, &clean); break;
    case WIZ_UI_AGENT: wiz_ui_agent_emit(app, &clean); break;
    }
    free(smsg), free(sa), free(sb);
    free(msg);
}

static const char *default_code(enum wiz_rc rc)
{
    switch (rc) {
    case WIZ_EUSAGE: return "invalid_arguments";
    case WIZ_EAUTH: return "auth_required";
    case WIZ_ENET: return "network_error";
    case WIZ_EINTEGRATION: return "integration_failed";
    case WIZ_ENAMETAKEN: return "project_name_taken";
    case WIZ_EINPUT: return "input_required";
    case WIZ_EWRITE: return "write_refused";
    case WIZ_ELOCK: return "lock_held";
    case WIZ_EINTERNAL: return "internal_error";
    case WIZ_ECANCEL: return "cancelled";
    default: return "error";
    }
}

enum wiz_rc wiz_ui_finish(struct wiz_app *app, enum wiz_rc rc)
{
    /* agent mode must report a failure even when the command never touched the UI */
    if (!app->ui && !(rc != WIZ_OK && wiz_ui_mode_pick(&app->opts) == WIZ_UI_AGENT))
        return rc;
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return rc;
    if (rc != WIZ_OK) {
        const char *code = ui->err_code ? ui->err_code : default_code(rc);
        const char *reason = ui->err_reason;
        if (!reason && rc == WIZ_EAUTH)
            reason = "no_stored_credentials";
        struct wiz_ui_ev ev = {.kind = WIZ_EV_ERROR, .level = 0, .msg = wiz_errmsg(&app->ctx), .a = code,
                               .b = reason, .code = wiz_rc_exit_code(rc)};
        wiz_ui_emit(app, &ev);
    }
    struct wiz_ui_ev end = {.kind = WIZ_EV_END, .level = 2, .msg = rc ? "run failed" : "run finished",
                            .a = ui->log_path, .b = rc ? wiz_errmsg(&app->ctx) : NULL, .code = wiz_rc_exit_code(rc),
                            .ok = rc == WIZ_OK};
    wiz_ui_emit(app, &end); /* agent: run_completed, exactly once, also after a silent command */
    if (ui->log_path && ui->mode != WIZ_UI_AGENT)
        fprintf(stderr, "debug log: %s\n", ui->log_path);
    if (ui->log)
        fclose(ui->log);
    if (ui->tty)
        wiz_ui_iv_close(ui);
    if (app->ctx.log == wiz_ui_log_sink) {
        app->ctx.log = ui->prev_log;
        app->ctx.log_ud = ui->prev_log_ud;
    }
    wiz_slash_free(ui->slash);
    free(ui->log_path);
    free(ui->plan);
    free(ui->progress_step);
    free(ui->err_code);
    free(ui->err_reason);
    for (int i = 0; i < ui->nrecent; i++)
        free(ui->recent[i]);
    free(ui->missing_flag);
    free(ui->pending);
    json_decref(ui->scope);
    if (ui->own_out)
        fclose(ui->own_out);
    free(ui);
    app->ui = NULL;
    return rc;
}

enum wiz_rc wiz_ui_fail(struct wiz_app *app, enum wiz_rc rc, const char *code, const char *reason,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->ctx.errmsg, sizeof app->ctx.errmsg, fmt, ap);
    va_end(ap);
    app->ctx.rc = rc;
    struct wiz_ui *ui = wiz_ui_state(app);
    if (ui) {
        free(ui->err_code);
        free(ui->err_reason);
        ui->err_code = wiz_strdup(code);
        ui->err_reason = wiz_strdup(reason);
    }
    return rc;
}

/* ---- questions ---- */

static enum wiz_rc ask(struct wiz_app *app, struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    ui->questions++;
    char idbuf[32];
    if (q->resume_flag) {
        const char *f = q->resume_flag;
        while (*f == '-')
            f++;
        q->id = f;
    } else {
        snprintf(idbuf, sizeof idbuf, "question-%d", ui->questions);
        q->id = idbuf;
    }
    if (ui->log)
        wiz_ui_runlog(ui, 2, q->text);
    ui->last_auto = false;
    enum wiz_rc rc = WIZ_EINTERNAL;
    switch (ui->mode) {
    case WIZ_UI_INTERACTIVE: rc = wiz_ui_iv_ask(app, q, idx, text); break;
    case WIZ_UI_CLASSIC: rc = wiz_ui_classic_ask(app, q, idx, text); break;
    case WIZ_UI_CI: rc = wiz_ui_ci_ask(app, q, idx, text); break;
    case WIZ_UI_AGENT: rc = wiz_ui_agent_ask(app, q, idx, text); break;
    }
    if (q->id == idbuf) /* the caller's question must not keep a pointer into this frame */
        q->id = NULL;
    return rc;
}

bool wiz_ui_last_auto(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    return ui && ui->last_auto;
}

enum wiz_rc wiz_ui_no_answer(struct wiz_app *app, const struct wiz_ui_q *q, int *idx)
{
    if (q->kind == WIZ_Q_CONFIRM) {
        *idx = q->default_yes || app->opts.yes;
        return WIZ_OK;
    }
    if (q->kind == WIZ_Q_CHOICE && q->default_idx >= 0 && q->default_idx < q->n) {
        *idx = q->default_idx;
        if (app->ui)
            app->ui->last_auto = true;
        return WIZ_OK;
    }
    if (q->resume_flag)
        return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: input required, pass %s", q->text, q->resume_flag);
    return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: input required and no flag answers it", q->text);
}

enum wiz_rc wiz_ui_choose_meta(struct wiz_app *app, const char *question, const char *const *labels,
                               const char *const *values, json_t *const *metas, int n, int default_idx,
                               const char *resume_flag, int *out)
{
    if (n <= 0)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "%s: nothing to choose from", question);
    struct wiz_ui_q q = {.kind = WIZ_Q_CHOICE, .text = question, .labels = labels, .values = values, .n = n,
                         .default_idx = default_idx < n ? default_idx : -1, .resume_flag = resume_flag,
                         .metas = metas};
    return ask(app, &q, out, NULL);
}

enum wiz_rc wiz_ui_choose_values(struct wiz_app *app, const char *question, const char *const *labels,
                                 const char *const *values, int n, int default_idx,
                                 const char *resume_flag, int *out)
{
    return wiz_ui_choose_meta(app, question, labels, values, NULL, n, default_idx, resume_flag, out);
}

enum wiz_rc wiz_ui_choose(struct wiz_app *app, const char *question, const char *const *labels, int n,
                          int default_idx, const char *resume_flag, int *out)
{
    return wiz_ui_choose_values(app, question, labels, NULL, n, default_idx, resume_flag, out);
}

enum wiz_rc wiz_ui_ask_text(struct wiz_app *app, const char *question, const char *resume_flag, char **out)
{
    struct wiz_ui_q q = {.kind = WIZ_Q_TEXT, .text = question, .default_idx = -1, .resume_flag = resume_flag};
    int unused = 0;
    *out = NULL;
    return ask(app, &q, &unused, out);
}

enum wiz_rc wiz_ui_confirm(struct wiz_app *app, const char *question, bool default_yes, bool *out)
{
    struct wiz_ui_q q = {.kind = WIZ_Q_CONFIRM, .text = question, .default_idx = -1, .default_yes = default_yes};
    int yes = default_yes;
    enum wiz_rc rc = ask(app, &q, &yes, NULL);
    if (rc == WIZ_OK)
        *out = yes != 0;
    return rc;
}

void wiz_ui_question_stale(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (ui)
        ui->stale = true;
}

enum wiz_rc wiz_ui_prompt(struct wiz_app *app, const char *hint)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return WIZ_OK;
    if (ui->mode == WIZ_UI_INTERACTIVE)
        return wiz_ui_iv_prompt(app, hint);
    if (ui->mode == WIZ_UI_CLASSIC)
        return wiz_ui_classic_prompt(app, hint);
    return WIZ_OK;
}
