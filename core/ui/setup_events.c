/* The setup's milestones for an orchestrator (Amplitude's setup_context, file changes,
 * project creation and setup_complete); in the other modes the engine says them in
 * words and only the summary shows here. */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

static void set_str(json_t *o, const char *k, const char *v)
{
    if (v && v[0])
        json_object_set_new(o, k, json_string(v));
}

void wiz_ui_setup_context(struct wiz_app *app, const struct wiz_ui_scope *sc)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui || ui->mode != WIZ_UI_AGENT)
        return;
    json_t *a = json_object();
    if (!a)
        return;
    set_str(a, "region", sc->region);
    set_str(a, "orgId", sc->org_id);
    set_str(a, "orgName", sc->org_name);
    set_str(a, "projectId", sc->project_id);
    set_str(a, "projectName", sc->project_name);
    set_str(a, "appId", sc->app_id);
    set_str(a, "envName", sc->env_name);
    json_decref(ui->scope);
    ui->scope = json_deep_copy(a);
    json_t *d = json_pack("{s:s, s:o}", "phase", "apply_started", "amplitude", a);
    if (d && sc->app_source && sc->app_id) {
        json_object_set_new(d, "sources", json_pack("{s:s}", "appId", sc->app_source));
        json_object_set_new(d, "requiresConfirmation", json_boolean(strcmp(sc->app_source, "recommended") == 0));
        json_object_set_new(d, "resumeFlags", json_pack("{s:[s,s,s]}", "changeApp", "ampli-wizard", "setup", "--app-id"));
    }
    char msg[512];
    snprintf(msg, sizeof msg, "setup_context (apply_started): %s / %s / %s", sc->org_name ? sc->org_name : "-",
             sc->project_name ? sc->project_name : "-", sc->env_name ? sc->env_name : sc->app_id ? sc->app_id : "-");
    wiz_ui_agent_event(app, WIZ_AEV_setup_context, "info", msg, d);
}

void wiz_ui_file_planned(struct wiz_app *app, const char *path, const char *action)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "will %s %s", action, path);
    wiz_ui_agent_event(app, WIZ_AEV_file_change_planned, "info", msg,
                       json_pack("{s:s, s:s}", "path", path, "operation", action));
}

void wiz_ui_setup_complete(struct wiz_app *app, const char *title, const struct wiz_ui_outcome *o)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui || ui->mode != WIZ_UI_AGENT) {
        wiz_ui_summary(app, title, o->next_steps);
        return;
    }
    long long ms = wiz_ui_now_ms() - ui->start_ms;
    json_t *scope = ui->scope ? json_deep_copy(ui->scope) : json_object();
    if (scope && !json_object_get(scope, "region"))
        json_object_set_new(scope, "region", json_string(wiz_zone_name(app->opts.zone)));
    json_t *d = json_pack("{s:o, s:{s:o, s:o}, s:{s:o, s:o}, s:I, s:o, s:o}", "amplitude", scope, "files", "written",
                          wiz_ui_json_strs(o->written), "modified", wiz_ui_json_strs(o->modified), "envVars", "added", wiz_ui_json_strs(o->env_added),
                          "modified", wiz_ui_json_strs(o->env_modified), "durationMs", (json_int_t)(ms > 0 ? ms : 0),
                          "nextSteps", wiz_ui_json_strs(o->next_steps), "undoCommand", wiz_ui_json_strs(o->undo_argv));
    if (d && o->framework)
        json_object_set_new(d, "framework", json_string(o->framework));
    wiz_ui_agent_event(app, WIZ_AEV_setup_complete, "success", title, d);
}

void wiz_ui_project_create(struct wiz_app *app, int phase, const char *org_id, const char *name,
                           const char *app_id, const char *err_code, const char *message)
{
    char msg[512];
    if (phase == 0) {
        snprintf(msg, sizeof msg, "Creating Amplitude project \"%s\"", name ? name : "");
        wiz_ui_agent_event(app, WIZ_AEV_project_create_start, "info", msg,
                           json_pack("{s:s, s:s}", "orgId", org_id ? org_id : "", "name", name ? name : ""));
    } else if (phase == 1) {
        snprintf(msg, sizeof msg, "project_created: %s", name ? name : "");
        wiz_ui_agent_event(app, WIZ_AEV_project_create_success, "success", msg,
                           json_pack("{s:s, s:s, s:s}", "appId", app_id ? app_id : "", "name", name ? name : "",
                                     "orgId", org_id ? org_id : ""));
    } else {
        /* Amplitude's remediation per code (agent-ui.ts emitProjectCreateError) */
        bool taken = err_code && (strcmp(err_code, "NAME_TAKEN") == 0 || strcmp(err_code, "INVALID_REQUEST") == 0);
        bool human = err_code && (strcmp(err_code, "QUOTA_REACHED") == 0 || strcmp(err_code, "FORBIDDEN") == 0);
        json_t *d = json_pack("{s:s, s:s}", "code", err_code ? err_code : "INTERNAL", "recoverable",
                              taken ? "reinvoke_with_flag" : human ? "human_required" : "retry");
        if (d && name)
            json_object_set_new(d, "name", json_string(name));
        if (d && taken)
            json_object_set_new(d, "suggestedAction",
                                json_pack("{s:[s,s,s,s]}", "command", "ampli-wizard", "setup", "--app-name",
                                          "<different-name>"));
        wiz_ui_agent_event(app, WIZ_AEV_project_create_error, "error", message ? message : "project creation failed",
                           d);
    }
}
