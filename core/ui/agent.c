/* Agent front end: one JSON object per line on stdout in the reference's v:1 envelope
 * {"v":1,"@timestamp","type","message","session_id","run_id","level","data"}. Questions
 * become needs_input events; the answer may come back as one JSON line on stdin. Nothing
 * else is ever written to stdout in this mode. docs/agent-ndjson.md lists every event. */
#include "redact.h"
#include "ui_priv.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *level_name(int level)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    return names[level < 0 ? 0 : level > 3 ? 3 : level];
}

/* Writes one envelope; steals data (may be NULL: {}). */
static void put(struct wiz_app *app, struct wiz_ui *ui, const char *type, int level, const char *msg, json_t *data);

static void lifecycle_start(struct wiz_app *app, struct wiz_ui *ui)
{
    if (ui->started)
        return;
    ui->started = true;
    put(app, ui, "lifecycle", 2, "run started",
        json_pack("{s:s, s:s, s:s, s:I}", "phase", "start", "version", WIZ_VERSION, "mode", "agent", "pid",
                  (json_int_t)getpid()));
}

static void put(struct wiz_app *app, struct wiz_ui *ui, const char *type, int level, const char *msg, json_t *data)
{
    lifecycle_start(app, ui);
    char ts[40];
    wiz_ui_timestamp(ts, sizeof ts);
    char *clean = wiz_redact(msg ? msg : "");
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1, "@timestamp", ts, "type", type,
                          "message", clean ? clean : "", "session_id", ui->session_id, "run_id", ui->run_id,
                          "level", level_name(level), "data", data ? data : json_object());
    free(clean);
    if (!o)
        return;
    char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    if (!line)
        return;
    fputs(line, ui->out);
    fputc('\n', ui->out);
    fflush(ui->out);
    free(line);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

void wiz_ui_agent_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    json_t *d = NULL;
    const char *type = "status";
    switch (ev->kind) {
    case WIZ_EV_STATUS: break;
    case WIZ_EV_LOG: type = "log"; break;
    case WIZ_EV_HEADER:
        d = json_pack("{s:s, s:o, s:s}", "kind", "header", "user", str_or_null(ev->a), "zone", ev->b);
        break;
    case WIZ_EV_URL:
        type = "prompt";
        d = json_pack("{s:s, s:s, s:s}", "kind", "open_url", "url", ev->b ? ev->b : "", "label", ev->a ? ev->a : "");
        break;
    case WIZ_EV_DIFF:
        type = "result";
        d = json_pack("{s:s, s:s, s:s}", "kind", "plan", "title", ev->a ? ev->a : "", "diff", ev->b);
        break;
    case WIZ_EV_FILE:
        type = "result";
        d = json_pack("{s:s, s:s, s:s}", "kind", "file_change", "path", ev->a, "action", ev->b);
        break;
    case WIZ_EV_DIAG:
        type = "diagnostic";
        d = json_pack("{s:s}", "code", ev->a ? ev->a : "note");
        break;
    case WIZ_EV_SUMMARY: {
        type = "result";
        json_t *steps = json_array();
        for (const char *const *s = ev->list; s && *s; s++)
            json_array_append_new(steps, json_string(*s));
        d = json_pack("{s:s, s:o}", "kind", "summary", "nextSteps", steps);
        break;
    }
    case WIZ_EV_PROG_BEGIN:
    case WIZ_EV_PROG_END:
        type = "progress";
        d = json_pack("{s:s, s:s}", "step", ev->msg,
                      "state", ev->kind == WIZ_EV_PROG_BEGIN ? "started" : ev->ok ? "done" : "failed");
        break;
    case WIZ_EV_ERROR:
        type = "error";
        d = json_pack("{s:s, s:i}", "code", ev->a, "exitCode", ev->code);
        if (d && ev->b)
            json_object_set_new(d, "reason", json_string(ev->b));
        break;
    case WIZ_EV_END:
        type = "lifecycle";
        d = json_pack("{s:s, s:i}", "phase", "end", "exitCode", ev->code);
        if (d && ev->a)
            json_object_set_new(d, "logFile", json_string(ev->a));
        break;
    }
    put(app, ui, type, ev->level, ev->msg, d);
}

void wiz_ui_agent_result(struct wiz_app *app, const char *kind, const char *msg, const char *json_text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    json_error_t err;
    json_t *v = json_loads(json_text ? json_text : "null", JSON_DECODE_ANY, &err);
    if (!v)
        v = json_string(json_text ? json_text : "");
    put(app, ui, "result", 2, msg, json_pack("{s:s, s:o}", "kind", kind, "value", v));
}

static json_t *needs_input_data(const struct wiz_ui_q *q)
{
    static const char *const kinds[] = {"choice", "text", "confirm"};
    json_t *flags = json_array();
    if (q->resume_flag)
        json_array_append_new(flags, json_string(q->resume_flag));
    else if (q->kind == WIZ_Q_CONFIRM)
        json_array_append_new(flags, json_string("--yes"));
    json_t *d = json_pack("{s:s, s:s, s:o}", "id", q->id, "kind", kinds[q->kind], "resumeFlags", flags);
    if (!d)
        return NULL;
    if (q->kind == WIZ_Q_CHOICE) {
        json_t *choices = json_array();
        for (int i = 0; i < q->n; i++) {
            json_t *c = json_pack("{s:i, s:s}", "index", i, "label", q->labels[i]);
            if (c && q->values && q->values[i]) {
                json_object_set_new(c, "value", json_string(q->values[i]));
                if (q->resume_flag) {
                    char *r = wiz_asprintf("%s %s", q->resume_flag, q->values[i]);
                    if (r)
                        json_object_set_new(c, "resume", json_string(r));
                    free(r);
                }
            }
            json_array_append_new(choices, c);
        }
        json_object_set_new(d, "choices", choices);
        json_object_set_new(d, "default", q->default_idx >= 0 ? json_integer(q->default_idx) : json_null());
    } else if (q->kind == WIZ_Q_CONFIRM) {
        json_object_set_new(d, "default", json_boolean(q->default_yes));
    }
    return d;
}

/* Interprets one answer line for q. Returns true and fills idx/text when valid. */
static bool parse_answer(const struct wiz_ui_q *q, const char *line, int *idx, char **text)
{
    json_error_t err;
    json_t *root = json_loads(line, JSON_DECODE_ANY, &err);
    if (!root)
        return false;
    json_t *a = root;
    if (json_is_object(root)) {
        json_t *id = json_object_get(root, "id");
        a = json_object_get(root, "answer");
        if (!a || (id && (!json_is_string(id) || strcmp(json_string_value(id), q->id) != 0))) {
            json_decref(root);
            return false;
        }
    }
    bool ok = false;
    if (q->kind == WIZ_Q_CHOICE) {
        if (json_is_integer(a) && json_integer_value(a) >= 0 && json_integer_value(a) < q->n) {
            *idx = (int)json_integer_value(a);
            ok = true;
        } else if (json_is_string(a)) {
            const char *s = json_string_value(a);
            for (int i = 0; i < q->n && !ok; i++)
                if (strcasecmp(s, q->labels[i]) == 0 || (q->values && q->values[i] && strcmp(s, q->values[i]) == 0)) {
                    *idx = i;
                    ok = true;
                }
        }
    } else if (q->kind == WIZ_Q_CONFIRM) {
        if (json_is_boolean(a)) {
            *idx = json_is_true(a);
            ok = true;
        } else if (json_is_string(a) && (strcasecmp(json_string_value(a), "yes") == 0 ||
                                         strcasecmp(json_string_value(a), "no") == 0)) {
            *idx = strcasecmp(json_string_value(a), "yes") == 0;
            ok = true;
        }
    } else if (json_is_string(a) && text) {
        *text = wiz_strdup(json_string_value(a));
        ok = *text != NULL;
    }
    json_decref(root);
    return ok;
}

enum wiz_rc wiz_ui_agent_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    for (;;) {
        put(app, ui, "needs_input", 2, q->text, needs_input_data(q));
        char *line = wiz_ui_read_line(ui->in);
        if (!line) {
            /* stdin closed: defaults, or exit 12 naming the flag */
            if (q->kind == WIZ_Q_TEXT)
                return wiz_ui_no_answer(app, q, idx);
            enum wiz_rc rc = wiz_ui_no_answer(app, q, idx);
            if (rc == WIZ_OK)
                put(app, ui, "status", 2, "no answer on stdin: using the default",
                    json_pack("{s:s, s:s, s:i}", "kind", "answer", "id", q->id, "answer", *idx));
            return rc;
        }
        bool ok = parse_answer(q, line, idx, text);
        free(line);
        if (ok) {
            put(app, ui, "status", 2, "answer received",
                q->kind == WIZ_Q_TEXT ? json_pack("{s:s, s:s}", "kind", "answer", "id", q->id)
                                      : json_pack("{s:s, s:s, s:i}", "kind", "answer", "id", q->id, "answer", *idx));
            return WIZ_OK;
        }
        put(app, ui, "diagnostic", 1, "the answer on stdin does not fit the question; asking again",
            json_pack("{s:s, s:s}", "code", "invalid_answer", "id", q->id));
    }
}
