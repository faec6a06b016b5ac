/* After a setup run applied its plan: one file_change per written file and the summary
 * with next steps (what changed, where the key is, how to revert, how to start). */
#ifndef WIZ_FLOW_REPORT_H
#define WIZ_FLOW_REPORT_H

#include "host.h"

struct wiz_flow_done {
    const char *framework;
    const char *root;          /* the project (realpath) */
    const char *run_id;
    const char *pm;            /* package manager of the project, may be NULL */
    const char *install_cmd;   /* install command not run by us (skipped, or none found): may be NULL */
};

/* Reports every changed entry of plan through wiz_ui_file_change. */
void wiz_flow_report_files(struct wiz_app *app, const struct wiz_plan *plan);
/* Before apply: one file_change_planned per entry that will change (agent mode). */
void wiz_flow_report_planned(struct wiz_app *app, const struct wiz_plan *plan);
/* The Amplitude scope of the run (agent setup_context); info may be NULL. */
void wiz_flow_report_context(struct wiz_app *app, const struct wiz_session_info *info);
/* The final summary (wiz_ui_setup_complete: in agent mode setup_complete). */
void wiz_flow_report_summary(struct wiz_app *app, const struct wiz_plan *plan, const struct wiz_flow_done *d);

#endif
