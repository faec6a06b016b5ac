/* Choosing the project key: --app-id, then --org/--project/--env filters, then a
 * single candidate silently, else ask (lowest rank first); CI takes the lowest rank. */
#ifndef WIZ_SELECT_H
#define WIZ_SELECT_H

#include "../cli/cli.h"
#include "userinfo.h"

/* Borrowed pointers into the wiz_orgs passed to wiz_select_key. */
struct wiz_choice {
    const struct wiz_org *org;
    const struct wiz_project *project;
    const struct wiz_env *env;
    const char *source; /* static: "flag" (--app-id), "auto" (the only candidate),
                           "recommended" (an agent's auto-pick), NULL (answered) */
    bool create;        /* interactive/classic: the user chose "create a new project" (or
                           there is none yet); project/env are NULL, org the organization
                           the levelled picker had chosen by then (or NULL) */
};

/* No environment with a visible key -> WIZ_EAUTH (only org admins see keys);
 * --app-id / filters matching nothing -> WIZ_EUSAGE. With several candidates the
 * lowest rank is recommended: CI takes it, an agent gets it when no answer comes on
 * stdin (as in Amplitude's wizard) unless --confirm-app, then WIZ_EINPUT naming --app-id. */
enum wiz_rc wiz_select_key(struct wiz_app *app, const struct wiz_orgs *orgs, struct wiz_choice *out);

/* Interactive only (select_levels.c): c[0..n) (n > 1, best rank first) asked as
 * organization -> project -> environment, a level with one choice skipped, each with its
 * counts, the one --ci would take marked, and "create a new project" last (out->create,
 * out->org the organization chosen by then, or NULL). */
enum wiz_rc wiz_select_levels(struct wiz_app *app, const struct wiz_choice *c, size_t n, bool may_create,
                              struct wiz_choice *out);

#endif
