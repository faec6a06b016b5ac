/* The next-js plugin's parts: next.c (descriptor, detect, plan, verify, Pages Router) and
 * app_router.c (App Router: instrumentation-client on Next >= 15.3, else a client component). */
#ifndef WIZ_PLUGIN_NEXT_H
#define WIZ_PLUGIN_NEXT_H

#include "js.h"

/* The root layout when the project uses the App Router (app/ before src/app/, as Next
 * resolves them); NULL otherwise. Borrowed (a static candidate). */
const char *wiz_next_layout(const struct wiz_host_api *h, wiz_session *s);
/* Plans the App Router init for the root layout `layout`. */
int wiz_next_plan_app(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in, const char *layout);

#endif
