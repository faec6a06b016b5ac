/* What sign-in and key selection hand to the plugin host: everything a plugin may
 * know about the Amplitude side. Never OAuth tokens. */
#ifndef WIZ_SESSION_H
#define WIZ_SESSION_H

#include "wiz.h"

struct wiz_session_info {
    const char *api_key;      /* the chosen project's API key */
    enum wiz_zone zone;
    const char *user_id;      /* may be NULL with --api-key */
    const char *user_email;   /* may be NULL with --api-key */
    const char *org_id, *org_name;
    const char *project_id, *project_name;
    const char *env_name;
    const char *app_id;
    const char *ingest_url;   /* e.g. https://api2.amplitude.com/2/httpapi, or the stand-in's */
    const char *app_source;   /* how the app was chosen: "flag", "auto", "recommended", or NULL
                                 (answered); agent setup_context */
};

#endif
