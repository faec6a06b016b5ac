/* One interface for the four front ends (interactive, classic, CI, agent). The
 * engine asks through these calls and never knows which front end answers.
 * The mode is chosen once, at start (wiz_ui_mode_pick), and lives in app->ui,
 * created on first use (or by wiz_ui_begin) and freed by wiz_ui_finish.
 *
 * ADDED in issue 8 (everything below the four original calls is new; the original
 * four keep their names and signatures):
 *   wiz_ui_begin / wiz_ui_finish   main.c calls them around cmd->run
 *   wiz_ui_open                    explicit mode + streams (tests, ui_driver)
 *   wiz_ui_choose_values           a choice whose answers map to flag values (agent resume)
 *   wiz_ui_fail                    final error with a machine code + reason (agent error event)
 *   wiz_ui_header                  "signed in as ... (zone)"
 *   wiz_ui_progress_begin/_end     spinner with the current step (agent: progress events)
 *   wiz_ui_log / wiz_ui_log_sink   log routing (installed as ctx.log by wiz_ui_begin)
 *   wiz_ui_url                     a URL to open, printed whole on its own line
 *   wiz_ui_diff                    the plan as a coloured unified diff (remembered for /diff)
 *   wiz_ui_file_change             one applied change (agent: result/file_change)
 *   wiz_ui_diagnostic              a named check or warning (agent: diagnostic)
 *   wiz_ui_summary                 summary + next steps (agent: result/summary)
 *   wiz_ui_prompt                  idle prompt line for slash commands (slash.h registers them)
 *   wiz_ui_result                  a command's data (--json / agent result event)
 *   wiz_ui_run_id / wiz_ui_log_path
 * Redaction lives in redact.h, slash commands in slash.h. */
#ifndef WIZ_UI_H
#define WIZ_UI_H

#include "../cli/cli.h"
#include "agent_events.h"

#include <jansson.h>
#include <stdio.h>

enum wiz_ui_mode { WIZ_UI_INTERACTIVE, WIZ_UI_CLASSIC, WIZ_UI_CI, WIZ_UI_AGENT };

/* --agent / AMPLITUDE_WIZARD_AGENT=1 -> agent; --ci/--yes -> CI; --classic -> classic;
 * TTY on stdin and stdout -> interactive (TERM=dumb: classic); otherwise agent for runs
 * (opts->auto_agent: setup, login), CI for read-only commands, so `whoami | cat` stays text. */
enum wiz_ui_mode wiz_ui_mode_pick(const struct wiz_opts *opts);
/* static: "interactive", "classic", "ci", "agent" */
const char *wiz_ui_mode_name(enum wiz_ui_mode m);

/* Pick one of n labels. resume_flag names the flag that answers it non-interactively
 * (e.g. "--app-id"). In CI/agent mode without an answer: *out = default_idx when
 * default_idx >= 0, else WIZ_EINPUT naming resume_flag. */
enum wiz_rc wiz_ui_choose(struct wiz_app *app, const char *question, const char *const *labels, int n,
                          int default_idx, const char *resume_flag, int *out);
/* Free-text answer. *out: caller free()s. WIZ_EINPUT in CI/agent naming resume_flag. */
enum wiz_rc wiz_ui_ask_text(struct wiz_app *app, const char *question, const char *resume_flag, char **out);
/* Yes/no; CI and agent answer default_yes. */
enum wiz_rc wiz_ui_confirm(struct wiz_app *app, const char *question, bool default_yes, bool *out);
/* A line of human progress ("Signing in…"); in agent mode a status event. */
void wiz_ui_status(struct wiz_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- added in issue 8 ---- */

/* Creates app->ui from app->opts (mode, streams stdin/stdout), opens the --debug run log
 * and routes ctx.log through the UI. Idempotent. */
enum wiz_rc wiz_ui_begin(struct wiz_app *app);
/* Same with an explicit mode and streams (borrowed; tests and helpers). */
enum wiz_rc wiz_ui_open(struct wiz_app *app, enum wiz_ui_mode mode, FILE *in, FILE *out);
/* Ends the run: agent mode emits the error event (code/reason from wiz_ui_fail, else from
 * rc) and lifecycle end; --debug prints the log path; frees app->ui. Returns rc. */
enum wiz_rc wiz_ui_finish(struct wiz_app *app, enum wiz_rc rc);
/* The mode of this run (creates the UI state if needed). */
enum wiz_ui_mode wiz_ui_mode(struct wiz_app *app);

/* Like wiz_ui_choose; values[i] (may be NULL) is the flag value that selects labels[i],
 * so agent needs_input lists "resume": "--app-id 123" per choice. */
enum wiz_rc wiz_ui_choose_values(struct wiz_app *app, const char *question, const char *const *labels,
                                 const char *const *values, int n, int default_idx,
                                 const char *resume_flag, int *out);

/* wiz_fail plus a machine code and reason for the final agent error event, e.g.
 * wiz_ui_fail(app, WIZ_EAUTH, "auth_required", "no_stored_credentials", "not signed in"). */
enum wiz_rc wiz_ui_fail(struct wiz_app *app, enum wiz_rc rc, const char *code, const char *reason,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Header line: who is signed in and in which zone (user may be NULL: not signed in). */
void wiz_ui_header(struct wiz_app *app, const char *user, enum wiz_zone zone);
/* Spinner with the current step until _end; agent: progress events (state start/done/failed). */
void wiz_ui_progress_begin(struct wiz_app *app, const char *step);
void wiz_ui_progress_end(struct wiz_app *app, bool ok);
/* level as wiz_log: 0 error, 1 warn, 2 info, 3 debug (debug: run log only). */
void wiz_ui_log(struct wiz_app *app, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A wiz_log_fn; ud is the struct wiz_app *. */
void wiz_ui_log_sink(void *ud, int level, const char *msg);
/* A URL the user must open (sign-in): whole, on its own line; agent: prompt event. */
void wiz_ui_url(struct wiz_app *app, const char *label, const char *url);
/* The plan as a unified diff (---/+++/@@/+/- lines); remembered for /diff. */
void wiz_ui_diff(struct wiz_app *app, const char *title, const char *unified_diff);
/* action: "create", "modify", "delete"; agent: result event, data.kind "file_change". */
void wiz_ui_file_change(struct wiz_app *app, const char *path, const char *action);
/* code: short machine id ("framework_ambiguous"); level as wiz_log. */
void wiz_ui_diagnostic(struct wiz_app *app, int level, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Final summary; next_steps NULL-terminated (may be NULL). */
void wiz_ui_summary(struct wiz_app *app, const char *title, const char *const *next_steps);
/* A read-only command's data (whoami, auth status, plugins list, detect, login). json_text
 * is one JSON value. Agent mode: a result event {"kind": kind, "value": <that value>};
 * every other mode prints json_text on its own line on stdout (what --json prints). */
void wiz_ui_result(struct wiz_app *app, const char *kind, const char *message, const char *json_text);
/* Interactive/classic: reads prompt lines and runs slash commands until an empty line,
 * EOF or /exit (WIZ_ECANCEL). CI/agent: returns WIZ_OK at once. */
enum wiz_rc wiz_ui_prompt(struct wiz_app *app, const char *hint);
/* A command run at a question changed what the question is about (the account, the zone):
 * the interactive picker that ran it ends with WIZ_ESTALE, and its caller asks again. */
void wiz_ui_question_stale(struct wiz_app *app);

/* ---- added for Amplitude's agent contract (agent_events.h) ---- */

/* Like wiz_ui_choose_values; metas[i] (may be NULL) describes choice i to an agent
 * (its "metadata"; a "description" member becomes the choice's description). */
enum wiz_rc wiz_ui_choose_meta(struct wiz_app *app, const char *question, const char *const *labels,
                               const char *const *values, json_t *const *metas, int n, int default_idx,
                               const char *resume_flag, int *out);

/* The Amplitude scope a setup writes to. Strings may be NULL; app_source says where the
 * app came from: "flag", "auto" (the only candidate), "recommended" (picked for the
 * user) or "saved". */
struct wiz_ui_scope {
    const char *region, *org_id, *org_name, *project_id, *project_name, *app_id, *env_name, *app_source;
};
/* Agent: lifecycle setup_context (phase apply_started), remembered for setup_complete.
 * Other modes: nothing (the caller says it in words). */
void wiz_ui_setup_context(struct wiz_app *app, const struct wiz_ui_scope *scope);
/* A file the plan changes, before it is written; agent: file_change_planned. */
void wiz_ui_file_planned(struct wiz_app *app, const char *path, const char *action);

/* What a successful setup did. Lists NULL-terminated (may be NULL). */
struct wiz_ui_outcome {
    const char *framework;
    const char *const *written, *const *modified;    /* project-relative paths */
    const char *const *env_added, *const *env_modified; /* variable names, never values */
    const char *const *next_steps;
    const char *const *undo_argv;
};
/* Agent: result setup_complete; other modes: the summary with the next steps. */
void wiz_ui_setup_complete(struct wiz_app *app, const char *title, const struct wiz_ui_outcome *o);

/* Project creation (agent: project_create_start / _success / _error; the API key is
 * never in them). phase 0 start, 1 success (app_id), 2 error (err_code one of
 * Amplitude's: NAME_TAKEN, QUOTA_REACHED, FORBIDDEN, INVALID_REQUEST, INTERNAL,
 * MISSING_NAME, MISSING_ORG). Other modes: nothing. */
void wiz_ui_project_create(struct wiz_app *app, int phase, const char *org_id, const char *name,
                           const char *app_id, const char *err_code, const char *message);

/* True when the last question was answered by its recommended choice without an
 * answer (agent decision_auto, CI default). */
bool wiz_ui_last_auto(struct wiz_app *app);

/* Agent: one registered event (level "info", "warn", "error", "success"); data is stolen.
 * Other modes: nothing. */
void wiz_ui_agent_event(struct wiz_app *app, enum wiz_agent_event ev, const char *level, const char *msg,
                        json_t *data);
/* One envelope of ev on f in any mode (whoami --json prints the one line Amplitude's
 * wizard prints); data is stolen. */
void wiz_ui_envelope(struct wiz_app *app, enum wiz_agent_event ev, const char *msg, json_t *data, FILE *f);

/* borrowed: valid until wiz_ui_finish */
const char *wiz_ui_run_id(struct wiz_app *app);
/* borrowed: NULL without --debug; valid until wiz_ui_finish */
const char *wiz_ui_log_path(struct wiz_app *app);

/* safe_text.c: a copy with control characters replaced by '?' (multiline: keeps \n and
 * \t; else they become spaces). returns owned string or NULL: free() */
char *wiz_safe_text(const char *s, bool multiline);

#endif
