/* Placeholder until the plugin host lands: setup stops after key selection. */
#include "flow.h"

#include <stdio.h>

enum wiz_rc wiz_flow_detect(struct wiz_app *app, struct wiz_flow **out)
{
    (void)app;
    *out = NULL;
    return WIZ_OK;
}

enum wiz_rc wiz_flow_run(struct wiz_app *app, struct wiz_flow *flow, const struct wiz_session_info *info)
{
    (void)app;
    (void)flow;
    printf("selected: org %s, project %s, environment %s, app %s\n", info->org_name ? info->org_name : "-",
           info->project_name ? info->project_name : "-", info->env_name ? info->env_name : "-",
           info->app_id ? info->app_id : "-");
    printf("plugins are not built yet: stopping before any change to the project\n");
    return WIZ_OK;
}

void wiz_flow_free(struct wiz_flow *flow)
{
    (void)flow;
}
