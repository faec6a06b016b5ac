/* The plugin half of `setup`: detection before sign-in, then plan -> preview/confirm
 * -> apply -> verify with the session. core/cli/setup.c calls these in that order. */
#ifndef WIZ_FLOW_H
#define WIZ_FLOW_H

#include "../cli/cli.h"
#include "../session.h"

struct wiz_flow;

/* Loads the plugins and picks the framework (--framework, else detection), read-only,
 * no network. *out: caller wiz_flow_free()s (may be NULL when nothing is needed). */
enum wiz_rc wiz_flow_detect(struct wiz_app *app, struct wiz_flow **out);
/* Before sign-in: the plan rehearsed with a placeholder key (nothing shown, asked or
 * written), so a plugin error or a refused project fails before the browser and the
 * project picker, not after (issue 17 item 4). A rehearsal that had to make up an answer
 * to a plugin's question proves nothing and passes. */
enum wiz_rc wiz_flow_rehearse(struct wiz_app *app, struct wiz_flow *flow, enum wiz_zone zone, const char *ingest_url);
/* Plans, previews / confirms, applies (ledger, atomic writes) and verifies. */
enum wiz_rc wiz_flow_run(struct wiz_app *app, struct wiz_flow *flow, const struct wiz_session_info *info);
void wiz_flow_free(struct wiz_flow *flow);

/* For `detect`: prints what was found to stdout, as text or (json) one JSON object
 * through wiz_ui_result (agent mode: a result event, kind detect). */
void wiz_flow_report(struct wiz_app *app, const struct wiz_flow *flow, bool json);

#endif
