/* Where each Amplitude service lives for a zone, or under $AMPLI_WIZARD_SERVER. */
#ifndef WIZ_ENDPOINTS_H
#define WIZ_ENDPOINTS_H

#include "../wiz.h"

struct wiz_endpoints {
    char *auth_base; /* OAuth: {auth_base}/oauth2/auth, {auth_base}/oauth2/token */
    char *graphql;   /* Data API GraphQL URL */
    char *signup;    /* direct signup URL */
    char *app_api;   /* App API base: {app_api}/wizard/projects */
    char *ingest;    /* HTTP V2 ingestion URL */
    const char *client_id; /* static */
    enum wiz_zone zone;
};

/* Fills out for zone; server (may be NULL) replaces every host with that base, keeping
 * the reference's paths. A server that is not https:// (or http:// to loopback) ->
 * WIZ_EUSAGE. out: caller wiz_endpoints_clear()s. */
enum wiz_rc wiz_endpoints_get(struct wiz_ctx *ctx, const char *server, enum wiz_zone zone,
                              struct wiz_endpoints *out);
void wiz_endpoints_clear(struct wiz_endpoints *ep);

/* The fixed loopback callback port range allow-listed at the OAuth server. */
#define WIZ_CALLBACK_PORT_FIRST 13222
#define WIZ_CALLBACK_PORT_LAST 13232

#endif
