/* URL policy, form encoding, URL building and log redaction for the HTTP wrapper. */
#include "http.h"

#include "../ui/redact.h"

#include <arpa/inet.h>
#include "curl_lib.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool wiz_http_host_is_loopback(const char *host)
{
    if (!host)
        return false;
    if (strcasecmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0)
        return true;
    struct in_addr a;
    if (inet_pton(AF_INET, host, &a) != 1)
        return false;
    return (ntohl(a.s_addr) >> 24) == 127;
}

enum wiz_rc wiz_http_check_url(struct wiz_ctx *ctx, const char *url)
{
    struct wiz_curl lib;
    enum wiz_rc rc = wiz_curl_open(ctx, &lib, WIZ_CURL_SONAME);
    if (rc)
        return rc;
    CURLU *u = lib.url();
    if (!u) {
        wiz_curl_close(&lib);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    char *scheme = NULL, *host = NULL;
    if (lib.url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        lib.url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        lib.url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        rc = wiz_fail(ctx, WIZ_EUSAGE, "'%s' is not a valid URL", url);
    } else if (strcasecmp(scheme, "https") == 0) {
        rc = WIZ_OK;
    } else if (strcasecmp(scheme, "http") == 0 && wiz_http_host_is_loopback(host)) {
        rc = WIZ_OK;
    } else {
        rc = wiz_fail(ctx, WIZ_EUSAGE, "refusing '%s': only https:// (or http:// to a loopback address) is allowed", url);
    }
    lib.str_free(scheme);
    lib.str_free(host);
    lib.url_cleanup(u);
    wiz_curl_close(&lib);
    return rc;
}

char *wiz_http_form(const char *const *pairs, size_t npairs)
{
    struct wiz_curl lib;
    if (wiz_curl_open(NULL, &lib, WIZ_CURL_SONAME))
        return NULL;
    size_t cap = 1, len = 0;
    char *out = malloc(cap);
    if (!out)
        goto fail;
    out[0] = '\0';
    for (size_t i = 0; i < npairs; i++) {
        const char *name = pairs[2 * i], *val = pairs[2 * i + 1];
        if (!val)
            continue;
        char *en = lib.easy_escape(NULL, name, 0);
        char *ev = lib.easy_escape(NULL, val, 0);
        if (!en || !ev) {
            lib.str_free(en);
            lib.str_free(ev);
            goto fail;
        }
        size_t need = len + strlen(en) + strlen(ev) + 3;
        char *grown = need > cap ? realloc(out, need) : out;
        if (!grown) {
            lib.str_free(en);
            lib.str_free(ev);
            goto fail;
        }
        out = grown;
        cap = need > cap ? need : cap;
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%s", len ? "&" : "", en, ev);
        lib.str_free(en);
        lib.str_free(ev);
    }
    wiz_curl_close(&lib);
    return out;
fail:
    free(out);
    wiz_curl_close(&lib);
    return NULL;
}

char *wiz_http_url(const char *base, const char *path, const char *const *pairs, size_t npairs)
{
    struct wiz_curl lib;
    if (wiz_curl_open(NULL, &lib, WIZ_CURL_SONAME))
        return NULL;
    CURLU *u = lib.url();
    if (!u) {
        wiz_curl_close(&lib);
        return NULL;
    }
    char *res = NULL, *s = NULL;
    if (lib.url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
        goto done;
    if (path && lib.url_set(u, CURLUPART_PATH, path, 0) != CURLUE_OK)
        goto done;
    for (size_t i = 0; i < npairs; i++) {
        if (!pairs[2 * i + 1])
            continue;
        char *kv = wiz_asprintf("%s=%s", pairs[2 * i], pairs[2 * i + 1]);
        if (!kv)
            goto done;
        /* URLENCODE escapes the value part; APPENDQUERY adds the '&'. */
        CURLUcode cc = lib.url_set(u, CURLUPART_QUERY, kv, CURLU_APPENDQUERY | CURLU_URLENCODE);
        free(kv);
        if (cc != CURLUE_OK)
            goto done;
    }
    if (lib.url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
        goto done;
    res = wiz_strdup(s);
done:
    lib.str_free(s);
    lib.url_cleanup(u);
    wiz_curl_close(&lib);
    return res;
}

static void redact_json(json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *child;
        json_object_foreach(v, k, child) {
            if (wiz_redact_secret_name(k, strlen(k)) && (json_is_string(child) || json_is_number(child)))
                json_object_set_new(v, k, json_string(WIZ_REDACTED));
            else
                redact_json(child);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child) redact_json(child);
    }
}

static char *redact_form(const char *body)
{
    size_t cap = strlen(body) * 2 + 16, len = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    const char *p = body;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t seg = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', seg);
        size_t nlen = eq ? (size_t)(eq - p) : seg;
        int n;
        if (eq && wiz_redact_secret_name(p, nlen))
            n = snprintf(out + len, cap - len, "%s%.*s=" WIZ_REDACTED, len ? "&" : "", (int)nlen, p);
        else
            n = snprintf(out + len, cap - len, "%s%.*s", len ? "&" : "", (int)seg, p);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
        p += seg;
        if (*p == '&')
            p++;
    }
    return out;
}

char *wiz_http_redact(const char *body, const char *content_type)
{
    if (!body)
        return wiz_strdup("");
    if (content_type && strstr(content_type, "x-www-form-urlencoded"))
        return redact_form(body);
    json_t *j = json_loads(body, JSON_DECODE_ANY, NULL);
    if (!j)
        return wiz_asprintf("<%zu bytes, not JSON, not shown>", strlen(body));
    redact_json(j);
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    return s;
}
