/* Creating a project (reference, "Who is logged in": POST {core}/wizard/projects with the
 * access token and an Idempotency-Key; {orgId, name} -> {appId, apiKey, name}; errors
 * NAME_TAKEN, QUOTA_REACHED, FORBIDDEN; Retry-After honoured). One key per attempt, so a
 * retried request cannot create a second project. */
#include "project_create.h"

#include "../http/http.h"
#include "pkce.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void wiz_created_clear(struct wiz_created *c)
{
    free(c->app_id), free(c->api_key), free(c->name);
    memset(c, 0, sizeof *c);
}

static char *str_or_int(json_t *v)
{
    if (json_is_string(v))
        return wiz_strdup(json_string_value(v));
    if (json_is_integer(v))
        return wiz_asprintf("%lld", (long long)json_integer_value(v));
    return NULL;
}

enum wiz_rc wiz_project_create(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *access_token,
                               const char *org_id, const char *name, struct wiz_created *out)
{
    memset(out, 0, sizeof *out);
    char key[37];
    enum wiz_rc rc = wiz_uuid4(ctx, key);
    if (rc)
        return rc;
    char *url = wiz_asprintf("%s/wizard/projects", ep->app_api), *auth = wiz_asprintf("Bearer %s", access_token);
    char *idem = wiz_asprintf("Idempotency-Key: %s", key);
    json_t *b = json_pack("{s:s, s:s}", "orgId", org_id, "name", name);
    char *body = b ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    if (!url || !auth || !idem || !body) {
        free(url), free(auth), free(idem), free(body);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    const char *hdrs[] = {idem, NULL};
    struct wiz_http_req hr = {.method = "POST", .url = url, .content_type = "application/json", .body = body,
                              .authorization = auth, .headers = hdrs};
    struct wiz_http_resp resp = {0};
    for (int attempt = 0; attempt < 2; attempt++) {
        wiz_http_resp_clear(&resp);
        rc = wiz_http_request(ctx, &hr, &resp);
        bool again = !rc && (resp.status == 429 || resp.status == 503) && resp.retry_after >= 0 &&
                     resp.retry_after <= 10 && attempt == 0;
        if (!again)
            break;
        struct timespec ts = {resp.retry_after, 0}; /* the same Idempotency-Key: at most one project */
        nanosleep(&ts, NULL);
    }
    json_t *j = rc ? NULL : json_loadb(resp.body, resp.len, 0, NULL);
    const char *code = json_string_value(json_object_get(j, "code"));
    const char *msg = json_string_value(json_object_get(j, "message"));
    if (rc) {
        /* the network said it */
    } else if (resp.status == 200 || resp.status == 201) {
        out->app_id = str_or_int(json_object_get(j, "appId"));
        out->api_key = str_or_int(json_object_get(j, "apiKey"));
        out->name = str_or_int(json_object_get(j, "name"));
        if (!out->app_id || !out->api_key || !wiz_api_key_is_amplitude(out->api_key)) {
            wiz_created_clear(out);
            rc = wiz_fail(ctx, WIZ_ENET, "the project-creation reply has no usable appId and apiKey");
        }
    } else if (code && strcmp(code, "NAME_TAKEN") == 0) {
        rc = wiz_fail(ctx, WIZ_ENAMETAKEN, "a project named '%s' already exists in this organization: choose "
                                           "another --app-name, or pick it with --project", name);
    } else {
        rc = wiz_fail(ctx, resp.status >= 500 ? WIZ_ENET : WIZ_ERR, "could not create the project (%s%s%.200s)",
                      code ? code : "HTTP error", msg ? ": " : "", msg ? msg : "");
    }
    json_decref(j);
    wiz_http_resp_clear(&resp);
    free(url), free(auth), free(idem), free(body);
    return rc;
}
