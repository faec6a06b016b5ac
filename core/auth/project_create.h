/* A new Amplitude project (App API), for `setup --app-name NAME`. */
#ifndef WIZ_PROJECT_CREATE_H
#define WIZ_PROJECT_CREATE_H

#include "endpoints.h"

struct wiz_created {
    char *app_id, *api_key, *name;
};

void wiz_created_clear(struct wiz_created *c);
/* Creates project name in org_id with the access token. A taken name is WIZ_ENAMETAKEN
 * (exit 11). out: caller wiz_created_clear()s. */
enum wiz_rc wiz_project_create(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *access_token,
                               const char *org_id, const char *name, struct wiz_created *out);

#endif
