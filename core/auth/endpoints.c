/* Per-zone service URLs from the services reference. */
#include "endpoints.h"

#include "../http/http.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *auth, *graphql, *signup, *app_api, *ingest, *client_id;
} zones[] = {
    [WIZ_ZONE_US] = {"https://auth.amplitude.com", "https://data-api.amplitude.com/graphql",
                     "https://app.amplitude.com/t/agentic/signup/v1", "https://core.amplitude.com",
                     "https://api2.amplitude.com/2/httpapi", "0ac84169-c41c-4222-885b-31469c761cb0"},
    [WIZ_ZONE_EU] = {"https://auth.eu.amplitude.com", "https://data-api.eu.amplitude.com/graphql",
                     "https://app.eu.amplitude.com/t/agentic/signup/v1", "https://core.eu.amplitude.com",
                     "https://api.eu.amplitude.com/2/httpapi", "110d04a1-8e60-4157-9c43-fcbe4e014a85"},
};

void wiz_endpoints_clear(struct wiz_endpoints *ep)
{
    if (!ep)
        return;
    free(ep->auth_base);
    free(ep->graphql);
    free(ep->signup);
    free(ep->app_api);
    free(ep->ingest);
    memset(ep, 0, sizeof *ep);
}

enum wiz_rc wiz_endpoints_get(struct wiz_ctx *ctx, const char *server, enum wiz_zone zone,
                              struct wiz_endpoints *out)
{
    memset(out, 0, sizeof *out);
    int z = zone == WIZ_ZONE_EU ? WIZ_ZONE_EU : WIZ_ZONE_US;
    out->zone = (enum wiz_zone)z;
    out->client_id = zones[z].client_id;
    if (!server) {
        out->auth_base = wiz_strdup(zones[z].auth);
        out->graphql = wiz_strdup(zones[z].graphql);
        out->signup = wiz_strdup(zones[z].signup);
        out->app_api = wiz_strdup(zones[z].app_api);
        out->ingest = wiz_strdup(zones[z].ingest);
    } else {
        enum wiz_rc rc = wiz_http_check_url(ctx, server);
        if (rc)
            return wiz_fail(ctx, rc, "AMPLI_WIZARD_SERVER: %s", wiz_errmsg(ctx));
        /* Drop trailing slashes so "{base}/path" never doubles them. */
        size_t n = strlen(server);
        while (n > 0 && server[n - 1] == '/')
            n--;
        out->auth_base = wiz_asprintf("%.*s", (int)n, server);
        out->graphql = wiz_asprintf("%.*s/graphql", (int)n, server);
        out->signup = wiz_asprintf("%.*s/t/agentic/signup/v1", (int)n, server);
        out->app_api = wiz_asprintf("%.*s", (int)n, server);
        out->ingest = wiz_asprintf("%.*s/2/httpapi", (int)n, server);
    }
    if (!out->auth_base || !out->graphql || !out->signup || !out->app_api || !out->ingest) {
        wiz_endpoints_clear(out);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    return WIZ_OK;
}
