/* Internal to core/ui: the run's UI state and what each front end implements.
 * ui.c turns every public call into a question (struct wiz_ui_q) or an event
 * (struct wiz_ui_ev) and hands it to the mode's functions. */
#ifndef WIZ_UI_PRIV_H
#define WIZ_UI_PRIV_H

#include "ui.h"
#include "slash.h"

#include <jansson.h>

#define WIZ_UI_RECENT 5

enum wiz_ui_qkind { WIZ_Q_CHOICE, WIZ_Q_TEXT, WIZ_Q_CONFIRM };

struct wiz_ui_q {
    enum wiz_ui_qkind kind;
    const char *id;             /* stable id ("app-id", or "question-3") */
    const char *text;
    const char *const *labels;  /* WIZ_Q_CHOICE */
    const char *const *values;  /* may be NULL */
    int n;
    int default_idx;            /* -1: none */
    bool default_yes;           /* WIZ_Q_CONFIRM */
    const char *resume_flag;    /* may be NULL */
    json_t *const *metas;       /* WIZ_Q_CHOICE, may be NULL: per choice, agent metadata
                                   ("description" becomes the choice's description) */
};

enum wiz_ui_evkind {
    WIZ_EV_STATUS, WIZ_EV_LOG, WIZ_EV_HEADER, WIZ_EV_URL, WIZ_EV_DIFF, WIZ_EV_FILE,
    WIZ_EV_DIAG, WIZ_EV_SUMMARY, WIZ_EV_PROG_BEGIN, WIZ_EV_PROG_END, WIZ_EV_ERROR, WIZ_EV_END
};

/* Field use by kind: HEADER a=user b=zone; URL a=label b=url; DIFF a=title b=diff;
 * FILE a=path b=action; DIAG a=code; ERROR a=code b=reason code=exit code;
 * SUMMARY list=next steps; PROG_* msg=step ok; END code=exit code, a=log path. */
struct wiz_ui_ev {
    enum wiz_ui_evkind kind;
    int level;              /* 0 error .. 3 debug */
    const char *msg;
    const char *a, *b;
    const char *const *list;
    bool ok;
    int code;
};

struct wiz_tty;

struct wiz_ui {
    enum wiz_ui_mode mode;
    FILE *in, *out;              /* borrowed */
    bool color;                  /* interactive: ANSI colours allowed (no NO_COLOR) */
    char run_id[40];
    char session_id[72];
    FILE *log;                   /* --debug run log, or NULL */
    char *log_path;              /* owned */
    char *plan;                  /* owned: last diff shown, for /diff */
    char *progress_step;         /* owned: current progress step (agent, ci) */
    struct wiz_slash_table *slash;
    char *err_code, *err_reason; /* owned, from wiz_ui_fail */
    int questions;               /* numbering (classic) and ids */
    bool started;                /* agent: lifecycle start emitted */
    wiz_log_fn prev_log;
    void *prev_log_ud;
    struct wiz_tty *tty;         /* interactive only */
    bool stale;                  /* wiz_ui_question_stale: the open picker ends, asked again */
    char *pending;               /* owned, classic: a line the idle prompt read that answers the
                                    next question (an answer typed one step early) */
    /* agent */
    long long start_ms;          /* run start, for durationMs */
    int decisions;               /* needs_input decision ids: dec_001, ... */
    bool last_auto;              /* the last question took its recommended answer unasked */
    char *recent[WIZ_UI_RECENT]; /* owned: the last status lines, for heartbeats */
    int nrecent;
    char *missing_flag;          /* owned: the flag an unanswered question names */
    FILE *own_out;               /* owned: the NDJSON stream (a dup of the real stdout) */
    json_t *scope;               /* owned: the setup_context scope, for setup_complete */
};

/* borrowed: app->ui, created from app->opts on first use; NULL only when allocation failed */
struct wiz_ui *wiz_ui_state(struct wiz_app *app);
/* Hands ev to the chosen front end (and the run log). */
void wiz_ui_emit(struct wiz_app *app, const struct wiz_ui_ev *ev);
/* Writes one redacted line to the --debug run log (no-op without it). */
void wiz_ui_runlog(struct wiz_ui *ui, int level, const char *msg);
/* Fills buf with an ISO-8601 UTC timestamp with milliseconds. */
void wiz_ui_timestamp(char *buf, size_t cap);
/* Reads one line from f without the newline. returns owned string: free(); NULL on EOF */
char *wiz_ui_read_line(FILE *f);
/* Opens the run log under $HOME/.amplitude/wizard/runs/<run-id>/log.txt. */
enum wiz_rc wiz_ui_runlog_open(struct wiz_app *app, struct wiz_ui *ui);

/* Adds the built-in slash commands (slash.c). */
enum wiz_rc wiz_ui_slash_builtins(struct wiz_slash_table *t);

/* One set per front end (interactive.c, classic.c, ci.c, agent.c). */
enum wiz_rc wiz_ui_iv_open(struct wiz_app *app, struct wiz_ui *ui);
void wiz_ui_iv_close(struct wiz_ui *ui);
enum wiz_rc wiz_ui_iv_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text);
void wiz_ui_iv_emit(struct wiz_app *app, const struct wiz_ui_ev *ev);
enum wiz_rc wiz_ui_iv_prompt(struct wiz_app *app, const char *hint);

enum wiz_rc wiz_ui_classic_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text);
void wiz_ui_classic_emit(struct wiz_app *app, const struct wiz_ui_ev *ev);
enum wiz_rc wiz_ui_classic_prompt(struct wiz_app *app, const char *hint);

enum wiz_rc wiz_ui_ci_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text);
void wiz_ui_ci_emit(struct wiz_app *app, const struct wiz_ui_ev *ev);

enum wiz_rc wiz_ui_agent_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text);
void wiz_ui_agent_emit(struct wiz_app *app, const struct wiz_ui_ev *ev);
/* result event: data.event = kind (registered in agent_events.h) and the members of
 * json_text (one JSON object; anything else becomes {"value": text}) */
void wiz_ui_agent_result(struct wiz_app *app, const char *kind, const char *msg, const char *json_text);
/* True when the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8: glyphs such as the
 * middle dot, ticks and braille spinners are shown only then (LC_ALL=C gets ASCII). */
bool wiz_ui_locale_utf8(void);
/* " · " in a UTF-8 locale, " - " otherwise (static). */
const char *wiz_ui_sep(void);
/* A JSON array of the NULL-terminated strings v (may be NULL: []). caller: json_decref */
json_t *wiz_ui_json_strs(const char *const *v);
/* milliseconds since the epoch */
long long wiz_ui_now_ms(void);

/* For every mode that cannot ask: default or WIZ_EINPUT naming the flag. For
 * confirm, *idx is 1 for yes. */
enum wiz_rc wiz_ui_no_answer(struct wiz_app *app, const struct wiz_ui_q *q, int *idx);

#endif
