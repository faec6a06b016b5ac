/* Agent front end: one JSON object per line on stdout in Amplitude's wizard's envelope
 * {"v":1,"@timestamp","type","message","session_id","run_id","level","data_version","data"}
 * with its data.event discriminators (agent_events.h is the registry; docs/agent-ndjson.md
 * the guide). Questions are needs_input events answered by one JSON line on stdin, as
 * there: {"appId":"123"} for the environment, the recommended choice when nothing comes
 * (with a decision_auto event), confirmations resolved at once. Nothing else is ever
 * written to stdout in this mode: ui.c points the process's stdout at stderr. */
#include "agent_events.h"
#include "redact.h"
#include "ui_priv.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <unistd.h>

#define HEARTBEAT_MS 10000     /* Amplitude's cadence: absence for 30 s means stalled */
#define INPUT_TIMEOUT_MS 60000 /* Amplitude's wizard waits as long for a stdin answer */

static const char *level_name(int level)
{
    static const char *const names[] = {"error", "warn", "info", "info"};
    return names[level < 0 ? 0 : level > 3 ? 3 : level];
}

long long wiz_ui_now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Writes one envelope to f; steals data (NULL: no data member); version 0: none. */
static void put_to(struct wiz_ui *ui, FILE *f, const char *type, const char *level, const char *msg, int version,
                   json_t *data)
{
    char ts[40];
    wiz_ui_timestamp(ts, sizeof ts);
    char *clean = wiz_redact(msg ? msg : "");
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "v", 1, "@timestamp", ts, "type", type, "message",
                          clean ? clean : "", "session_id", ui->session_id, "run_id", ui->run_id, "level", level);
    free(clean);
    if (o && version > 0)
        json_object_set_new(o, "data_version", json_integer(version));
    if (o && data)
        json_object_set_new(o, "data", data);
    else
        json_decref(data);
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(o);
    if (!line)
        return;
    fputs(line, f);
    fputc('\n', f);
    fflush(f);
    free(line);
}

static void lifecycle_start(struct wiz_app *app, struct wiz_ui *ui);

static void put(struct wiz_app *app, struct wiz_ui *ui, const char *type, int level, const char *msg, json_t *data)
{
    lifecycle_start(app, ui);
    put_to(ui, ui->out, type, level_name(level), msg, 0, data);
}

/* A registered event: its envelope type and data_version come from the registry. */
static void put_event_to(struct wiz_ui *ui, FILE *f, enum wiz_agent_event ev, const char *level, const char *msg,
                         json_t *data)
{
    const struct wiz_agent_event_info *info = wiz_agent_event_info(ev);
    if (!data)
        data = json_object();
    if (data)
        json_object_set_new(data, "event", json_string(info->name));
    put_to(ui, f, info->type, level, msg, info->data_version, data);
}

static void put_event(struct wiz_app *app, struct wiz_ui *ui, enum wiz_agent_event ev, const char *level,
                      const char *msg, json_t *data)
{
    lifecycle_start(app, ui);
    put_event_to(ui, ui->out, ev, level, msg, data);
}

static void lifecycle_start(struct wiz_app *app, struct wiz_ui *ui)
{
    if (ui->started)
        return;
    ui->started = true;
    if (!ui->start_ms)
        ui->start_ms = wiz_ui_now_ms();
    json_t *d = json_pack("{s:s, s:s, s:I}", "version", WIZ_VERSION, "mode", "agent", "pid", (json_int_t)getpid());
    if (d && app->cmd_name)
        json_object_set_new(d, "command", json_string(app->cmd_name));
    put_event_to(ui, ui->out, WIZ_AEV_start_run, "info", "run_started", d);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *wiz_ui_json_strs(const char *const *v)
{
    json_t *a = json_array();
    for (; a && v && *v; v++)
        json_array_append_new(a, json_string(*v));
    return a;
}

/* The argv that re-runs this command ("ampli-wizard setup --install-dir x ..."), plus
 * extra (may be NULL). Values of secret flags are left out. */
static json_t *rerun_argv(struct wiz_app *app, const char *const *extra)
{
    json_t *a = json_array();
    json_array_append_new(a, json_string("ampli-wizard"));
    for (int i = 1; i < app->argc && app->argv; i++) {
        const char *s = app->argv[i];
        json_array_append_new(a, json_string(s));
        if (strcmp(s, "--api-key") == 0 && i + 1 < app->argc) {
            json_array_append_new(a, json_string("<api-key>"));
            i++;
        }
    }
    for (; extra && *extra; extra++)
        json_array_append_new(a, json_string(*extra));
    return a;
}

/* The last few status lines, carried by heartbeats. */
static void remember_status(struct wiz_ui *ui, const char *msg)
{
    if (!msg)
        return;
    char *copy = wiz_strdup(msg);
    if (!copy)
        return;
    if (ui->nrecent == WIZ_UI_RECENT) {
        free(ui->recent[0]);
        memmove(ui->recent, ui->recent + 1, (WIZ_UI_RECENT - 1) * sizeof ui->recent[0]);
        ui->nrecent--;
    }
    ui->recent[ui->nrecent++] = copy;
}

static void heartbeat(struct wiz_app *app, struct wiz_ui *ui)
{
    long long elapsed = wiz_ui_now_ms() - ui->start_ms;
    json_t *st = json_array();
    for (int i = 0; st && i < ui->nrecent; i++)
        json_array_append_new(st, json_string(ui->recent[i]));
    char msg[64];
    snprintf(msg, sizeof msg, "heartbeat (%llds, %s)", elapsed / 1000, ui->nrecent ? "waiting for input" : "idle");
    put_event(app, ui, WIZ_AEV_heartbeat, "info", msg,
              json_pack("{s:o, s:I}", "statuses", st, "elapsedMs", (json_int_t)(elapsed > 0 ? elapsed : 0)));
}

/* What an orchestrator should do about a failure with this exit code (Amplitude's
 * RecoverableHint and SuggestedAction, agent-events.ts classifyRunError). */
static void recoverable(struct wiz_app *app, struct wiz_ui *ui, int exit_code, json_t *d)
{
    const char *hint = "fatal";
    json_t *cmd = NULL;
    switch (exit_code) {
    case 3:
        hint = "human_required";
        cmd = app->opts.zone == WIZ_ZONE_EU ? json_pack("[s,s,s,s]", "ampli-wizard", "login", "--zone", "eu")
                                            : json_pack("[s,s]", "ampli-wizard", "login");
        break;
    case 4:
    case 14: hint = "retry"; break;
    case 2: hint = "reinvoke_with_flag"; break;
    case 11: {
        const char *extra[] = {"--app-name", "<different-name>", NULL};
        hint = "reinvoke_with_flag";
        cmd = rerun_argv(app, extra);
        break;
    }
    case 12:
        hint = "reinvoke_with_flag";
        if (ui->missing_flag) {
            const char *extra[] = {ui->missing_flag, NULL};
            cmd = rerun_argv(app, extra);
        }
        break;
    case 10:
    case 13:
    case 130: hint = "human_required"; break;
    default: break;
    }
    json_object_set_new(d, "recoverable", json_string(hint));
    if (cmd)
        json_object_set_new(d, "suggestedAction", json_pack("{s:o}", "command", cmd));
}

static void error_events(struct wiz_app *app, struct wiz_ui *ui, const struct wiz_ui_ev *ev)
{
    if (ev->a && strcmp(ev->a, "auth_required") == 0) {
        json_t *login = app->opts.zone == WIZ_ZONE_EU
                            ? json_pack("[s,s,s,s]", "ampli-wizard", "login", "--zone", "eu")
                            : json_pack("[s,s]", "ampli-wizard", "login");
        put_event(app, ui, WIZ_AEV_auth_required, "error", ev->msg,
                  json_pack("{s:s, s:o, s:o}", "reason", ev->b ? ev->b : "no_stored_credentials", "loginCommand",
                            login, "resumeCommand", rerun_argv(app, NULL)));
    }
    if (ev->code == 130)
        put_event(app, ui, WIZ_AEV_cancel, "warn", ev->msg, NULL);
    json_t *d = json_pack("{s:s, s:i}", "code", ev->a ? ev->a : "error", "exitCode", ev->code);
    if (d && ev->b)
        json_object_set_new(d, "reason", json_string(ev->b));
    if (d)
        recoverable(app, ui, ev->code, d);
    put_event(app, ui, WIZ_AEV_run_error, "error", ev->msg, d);
}

void wiz_ui_agent_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    json_t *d = NULL;
    const char *type = "status";
    switch (ev->kind) {
    case WIZ_EV_STATUS: remember_status(ui, ev->msg); break;
    case WIZ_EV_LOG: type = "log"; break;
    case WIZ_EV_HEADER:
        d = json_pack("{s:s, s:o, s:s}", "kind", "header", "user", str_or_null(ev->a), "zone", ev->b);
        break;
    case WIZ_EV_URL:
        /* Amplitude's wizard mirrors the login URL as session state; the prompt says what to do */
        put(app, ui, "session_state", 2, "login_url",
            json_pack("{s:s, s:s}", "field", "loginUrl", "value", ev->b ? ev->b : ""));
        type = "prompt";
        d = json_pack("{s:s, s:s, s:s}", "promptType", "open_url", "url", ev->b ? ev->b : "", "label",
                      ev->a ? ev->a : "");
        break;
    case WIZ_EV_DIFF:
        d = json_pack("{s:s, s:s, s:s}", "kind", "plan", "title", ev->a ? ev->a : "", "diff", ev->b);
        break;
    case WIZ_EV_FILE:
        put_event(app, ui, WIZ_AEV_file_change_applied, "info", ev->msg,
                  json_pack("{s:s, s:s}", "path", ev->a, "operation", ev->b));
        return;
    case WIZ_EV_DIAG:
        type = "diagnostic";
        d = json_pack("{s:s}", "code", ev->a ? ev->a : "note");
        break;
    case WIZ_EV_SUMMARY:
        d = json_pack("{s:s, s:o}", "kind", "summary", "nextSteps", wiz_ui_json_strs(ev->list));
        break;
    case WIZ_EV_PROG_BEGIN:
    case WIZ_EV_PROG_END:
        remember_status(ui, ev->msg);
        d = json_pack("{s:s, s:s}", "kind", "spinner", "state",
                      ev->kind == WIZ_EV_PROG_BEGIN ? "start" : ev->ok ? "stop" : "failed");
        break;
    case WIZ_EV_ERROR: error_events(app, ui, ev); return;
    case WIZ_EV_END: {
        long long ms = wiz_ui_now_ms() - ui->start_ms;
        const char *outcome = ev->code == 0 ? "success" : ev->code == 130 ? "cancelled" : "error";
        d = json_pack("{s:s, s:i, s:I}", "outcome", outcome, "exitCode", ev->code, "durationMs",
                      (json_int_t)(ms > 0 ? ms : 0));
        if (d && ev->b) {
            char *r = wiz_redact(ev->b);
            json_object_set_new(d, "reason", json_string(r ? r : ""));
            free(r);
        }
        if (d && ev->a)
            json_object_set_new(d, "logFile", json_string(ev->a));
        char msg[64];
        snprintf(msg, sizeof msg, "run_completed: %s", outcome);
        put_event(app, ui, WIZ_AEV_run_completed, ev->code == 0 ? "success" : ev->code == 130 ? "warn" : "error",
                  msg, d);
        return;
    }
    }
    put(app, ui, type, ev->level, ev->msg, d);
}

void wiz_ui_agent_result(struct wiz_app *app, const char *kind, const char *msg, const char *json_text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    json_error_t err;
    json_t *v = json_loads(json_text ? json_text : "{}", JSON_DECODE_ANY, &err);
    if (v && !json_is_object(v))
        v = json_pack("{s:o}", kind, v); /* a list (plugins): under its own name */
    if (!v)
        v = json_pack("{s:s}", "value", json_text ? json_text : "");
    for (int e = 0; e < WIZ_AEV_COUNT; e++)
        if (strcmp(wiz_agent_event_info((enum wiz_agent_event)e)->name, kind) == 0) {
            put_event(app, ui, (enum wiz_agent_event)e, "info", msg, v);
            return;
        }
    put(app, ui, "log", 0, "internal: an unregistered result kind", NULL); /* agent_events.h lists them */
    json_decref(v);
}

void wiz_ui_agent_event(struct wiz_app *app, enum wiz_agent_event ev, const char *level, const char *msg,
                        json_t *data)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui || ui->mode != WIZ_UI_AGENT) {
        json_decref(data);
        return;
    }
    put_event(app, ui, ev, level, msg, data);
}

void wiz_ui_envelope(struct wiz_app *app, enum wiz_agent_event ev, const char *msg, json_t *data, FILE *f)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui) {
        json_decref(data);
        return;
    }
    put_event_to(ui, f, ev, "info", msg, data);
}

/* ---- questions ---- */

/* How each question is spelled on the wire: Amplitude's codes and stdin keys where it
 * has the question (environment_selection: {"appId": "..."}), ours otherwise. */
struct qshape {
    const char *flag, *code, *key, *pattern, *component, *placeholder;
};

static const struct qshape shapes[] = {
    {"--app-id", "environment_selection", "appId", "^\\d+$", "searchable_select",
     "Enter Amplitude app ID (e.g. 769610)"},
    {"--framework", "framework_disambiguation", "integration", NULL, "select", NULL},
    {"--zone", "region_selection", "region", "^(us|eu)$", "select", NULL},
    {"--full-name", "full_name", "fullName", NULL, "text_input", "Ada Lovelace"},
    {"--email", "email", "email", NULL, "text_input", "you@example.com"},
    {"--app-name", "project_name", "appName", NULL, "text_input", NULL},
};

static struct qshape shape_of(const struct wiz_ui_q *q)
{
    for (size_t i = 0; q->resume_flag && i < sizeof shapes / sizeof shapes[0]; i++)
        if (strcmp(shapes[i].flag, q->resume_flag) == 0)
            return shapes[i];
    if (q->kind == WIZ_Q_CONFIRM)
        return (struct qshape){NULL, "confirm", "confirm", NULL, "confirmation", NULL};
    return (struct qshape){q->resume_flag, "question", "answer", NULL, q->kind == WIZ_Q_TEXT ? "text_input" : "select",
                           NULL};
}

/* The value that stands for choice i on the wire. */
static const char *choice_value(const struct wiz_ui_q *q, int i)
{
    return q->values && q->values[i] ? q->values[i] : q->labels[i];
}

static const char *recommended_value(const struct wiz_ui_q *q)
{
    if (q->kind == WIZ_Q_CONFIRM)
        return q->default_yes ? "yes" : "no";
    if (q->kind == WIZ_Q_CHOICE && q->default_idx >= 0 && q->default_idx < q->n)
        return choice_value(q, q->default_idx);
    return NULL;
}

static json_t *needs_input_data(const struct wiz_ui_q *q, const struct qshape *sh, const char *decision)
{
    json_t *choices = json_array(), *resume = json_array();
    if (q->kind == WIZ_Q_CHOICE) {
        for (int i = 0; i < q->n; i++) {
            const char *v = choice_value(q, i);
            json_t *c = json_pack("{s:s, s:s}", "value", v, "label", q->labels[i]);
            if (c && q->metas && q->metas[i]) {
                json_t *desc = json_object_get(q->metas[i], "description");
                if (json_is_string(desc))
                    json_object_set(c, "description", desc);
                json_t *meta = json_deep_copy(q->metas[i]);
                json_object_del(meta, "description");
                json_object_set_new(c, "metadata", meta);
            }
            if (c && q->resume_flag && q->values && q->values[i]) {
                json_object_set_new(c, "resumeFlags", json_pack("[s,s]", q->resume_flag, v));
                json_array_append_new(resume, json_pack("{s:s, s:[s,s]}", "value", v, "flags", q->resume_flag, v));
            }
            json_array_append_new(choices, c);
        }
    } else if (q->kind == WIZ_Q_CONFIRM) {
        json_array_append_new(choices, json_pack("{s:s, s:s}", "value", "yes", "label", "Yes"));
        json_array_append_new(choices, json_pack("{s:s, s:s}", "value", "no", "label", "No"));
        json_array_append_new(resume, json_pack("{s:s, s:[s]}", "value", "yes", "flags", "--yes"));
    }
    json_t *prop = json_pack("{s:s}", "type", q->kind == WIZ_Q_CONFIRM ? "boolean" : "string");
    if (prop && sh->pattern)
        json_object_set_new(prop, "pattern", json_string(sh->pattern));
    json_t *d = json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:{s:s, s:s, s:{s:o}, s:[s]}}", "code", sh->code,
                          "decisionId", decision, "ui", "component", sh->component, "priority", "required", "title",
                          q->text, "choices", choices, "resumeFlags", resume, "responseSchema", "$schema",
                          "https://json-schema.org/draft/2020-12/schema", "type", "object", "properties", sh->key,
                          prop, "required", sh->key);
    if (!d)
        return NULL;
    const char *rec = recommended_value(q);
    if (rec)
        json_object_set_new(d, "recommended", json_string(rec));
    if (q->kind == WIZ_Q_CHOICE)
        json_object_set_new(d, "pagination", json_pack("{s:i, s:i}", "total", q->n, "returned", q->n));
    if (q->resume_flag && q->kind != WIZ_Q_CONFIRM) {
        json_t *me = json_pack("{s:s}", "flag", q->resume_flag);
        if (me && sh->placeholder)
            json_object_set_new(me, "placeholder", json_string(sh->placeholder));
        if (me && sh->pattern)
            json_object_set_new(me, "pattern", json_string(sh->pattern));
        json_object_set_new(d, "allowManualEntry", json_boolean(q->kind == WIZ_Q_TEXT || sh->pattern != NULL));
        json_object_set_new(d, "manualEntry", me);
    }
    return d;
}

enum answer { ANSWER_OK, ANSWER_NONE, ANSWER_NOT_JSON, ANSWER_MISMATCH };

/* Interprets one stdin line for q: Amplitude's {"<key>": value}, or this wizard's older
 * {"id": ..., "answer": ...} or a bare value (an index, a label or value, a string). An
 * empty object or no usable selector is no answer, as in Amplitude's wizard. */
static enum answer parse_answer(const struct wiz_ui_q *q, const struct qshape *sh, const char *line, int *idx,
                                char **text)
{
    json_error_t err;
    json_t *root = json_loads(line, JSON_DECODE_ANY, &err);
    if (!root)
        return ANSWER_NOT_JSON;
    json_t *a = root;
    if (json_is_object(root)) {
        json_t *id = json_object_get(root, "id");
        a = json_object_get(root, sh->key);
        if (!a)
            a = json_object_get(root, "answer");
        if (!a || (id && (!json_is_string(id) || strcmp(json_string_value(id), q->id) != 0))) {
            json_decref(root);
            return a ? ANSWER_MISMATCH : ANSWER_NONE;
        }
    }
    enum answer r = ANSWER_MISMATCH;
    if (q->kind == WIZ_Q_CHOICE) {
        if (json_is_integer(a) && json_integer_value(a) >= 0 && json_integer_value(a) < q->n) {
            *idx = (int)json_integer_value(a);
            r = ANSWER_OK;
        } else if (json_is_string(a)) {
            const char *s = json_string_value(a);
            for (int i = 0; i < q->n && r != ANSWER_OK; i++)
                if ((q->values && q->values[i] && strcmp(s, q->values[i]) == 0) || strcasecmp(s, q->labels[i]) == 0) {
                    *idx = i;
                    r = ANSWER_OK;
                }
        }
    } else if (json_is_string(a) && text && json_string_length(a) > 0) {
        *text = wiz_strdup(json_string_value(a));
        r = *text ? ANSWER_OK : ANSWER_MISMATCH;
    }
    json_decref(root);
    return r;
}

static long env_ms(const char *name, long def)
{
    const char *s = getenv(name);
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : def;
    return s && *s && (*end || v <= 0) ? def : v;
}

/* One line from stdin within the input timeout, a heartbeat on Amplitude's cadence
 * while it waits. NULL: end of input or the timeout (*timed_out). ui->in is unbuffered
 * in agent mode (ui.c), so poll sees what is there. returns owned string: free() */
static char *read_answer(struct wiz_app *app, struct wiz_ui *ui, bool *timed_out)
{
    *timed_out = false;
    long timeout = env_ms("AMPLI_WIZARD_INPUT_TIMEOUT_MS", INPUT_TIMEOUT_MS);
    long beat = env_ms("AMPLI_WIZARD_HEARTBEAT_MS", HEARTBEAT_MS);
    long long deadline = wiz_ui_now_ms() + timeout;
    if (fileno(ui->in) < 0) /* a memory stream (tests, fuzzers): nothing to wait for */
        return wiz_ui_read_line(ui->in);
    for (;;) {
        long long left = deadline - wiz_ui_now_ms();
        if (left <= 0) {
            *timed_out = true;
            return NULL;
        }
        struct pollfd p = {fileno(ui->in), POLLIN, 0};
        int n = poll(&p, 1, (int)(left < beat ? left : beat));
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            heartbeat(app, ui);
            continue;
        }
        return wiz_ui_read_line(ui->in);
    }
}

static void decision_auto(struct wiz_app *app, struct wiz_ui *ui, const struct qshape *sh, const char *decision,
                          const char *value)
{
    char msg[160];
    ui->last_auto = true;
    snprintf(msg, sizeof msg, "decision_auto: %s=%s (%s)", sh->code, value, decision);
    put_event(app, ui, WIZ_AEV_decision_auto, "info", msg,
              json_pack("{s:s, s:s, s:s, s:s}", "code", sh->code, "decisionId", decision, "value", value, "reason",
                        app->opts.yes ? "auto_approve" : "back_compat"));
}

enum wiz_rc wiz_ui_agent_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    struct qshape sh = shape_of(q);
    char decision[16];
    snprintf(decision, sizeof decision, "dec_%03d", ++ui->decisions);
    put_event(app, ui, WIZ_AEV_needs_input, "info", q->text, needs_input_data(q, &sh, decision));
    const char *rec = recommended_value(q);
    /* --agent alone auto-approves, as Amplitude's wizard does: confirmations at once (it
     * never reads them from stdin), --yes any question with a recommended answer */
    bool may_auto = rec && !(q->kind == WIZ_Q_CHOICE && app->opts.confirm_app);
    if (q->kind == WIZ_Q_CONFIRM || (may_auto && app->opts.yes)) {
        *idx = q->kind == WIZ_Q_CONFIRM ? (q->default_yes || app->opts.yes) : q->default_idx;
        decision_auto(app, ui, &sh, decision, q->kind == WIZ_Q_CONFIRM ? (*idx ? "yes" : "no") : rec);
        return WIZ_OK;
    }
    bool timed_out;
    char *line = read_answer(app, ui, &timed_out);
    enum answer a = line && line[0] ? parse_answer(q, &sh, line, idx, text) : ANSWER_NONE;
    free(line);
    if (a == ANSWER_OK) {
        put(app, ui, "status", 2, "answer received",
            q->kind == WIZ_Q_TEXT ? json_pack("{s:s, s:s, s:s}", "kind", "answer", "code", sh.code, "decisionId", decision)
                                  : json_pack("{s:s, s:s, s:s, s:s}", "kind", "answer", "code", sh.code, "decisionId",
                                              decision, "value", choice_value(q, *idx)));
        return WIZ_OK;
    }
    if (a == ANSWER_MISMATCH) /* a selector that matches nothing never falls back to a guess */
        return wiz_ui_fail(app, WIZ_EUSAGE, "invalid_answer", NULL,
                           "%s: the answer on stdin matches none of the %d choices%s%s", q->text, q->n,
                           q->resume_flag ? "; pass " : "", q->resume_flag ? q->resume_flag : "");
    if (a == ANSWER_NOT_JSON)
        put(app, ui, "log", 1, "the answer on stdin is not JSON; ignoring it", NULL);
    if (timed_out)
        put(app, ui, "log", 1, "no answer on stdin in time", NULL);
    if (may_auto) {
        *idx = q->default_idx;
        decision_auto(app, ui, &sh, decision, rec);
        return WIZ_OK;
    }
    free(ui->missing_flag);
    ui->missing_flag = wiz_strdup(q->resume_flag);
    if (q->resume_flag)
        return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: input required, pass %s", q->text, q->resume_flag);
    return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: input required and no flag answers it", q->text);
}
