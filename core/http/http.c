/* The one place that performs HTTP requests (libcurl easy interface). */
#include "http.h"

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sink {
    char *buf;
    size_t len, cap;
    bool too_big;
    long retry_after;
};

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct sink *s = ud;
    size_t n = size * nmemb;
    if (s->len + n > WIZ_HTTP_MAX_RESPONSE) {
        s->too_big = true;
        return 0; /* aborts the transfer */
    }
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return 0;
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
    s->buf[s->len] = '\0';
    return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ud)
{
    struct sink *s = ud;
    size_t n = size * nmemb;
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        char tmp[32];
        size_t vl = n - (sizeof name - 1);
        if (vl >= sizeof tmp)
            vl = sizeof tmp - 1;
        memcpy(tmp, data + sizeof name - 1, vl);
        tmp[vl] = '\0';
        char *end;
        long v = strtol(tmp, &end, 10);
        if (end != tmp && v >= 0)
            s->retry_after = v;
    }
    return n;
}

void wiz_http_resp_clear(struct wiz_http_resp *r)
{
    if (!r)
        return;
    free(r->body);
    memset(r, 0, sizeof *r);
}

static void log_request(struct wiz_ctx *ctx, const struct wiz_http_req *req)
{
    if (!ctx->debug && !ctx->log)
        return;
    wiz_debug(ctx, "http: %s %s%s", req->method, req->url, req->authorization ? " (Authorization: <redacted>)" : "");
    if (req->body) {
        char *red = wiz_http_redact(req->body, req->content_type);
        wiz_debug(ctx, "http: request body: %s", red ? red : "<unavailable>");
        free(red);
    }
}

static void log_response(struct wiz_ctx *ctx, const struct wiz_http_resp *r)
{
    if (!ctx->debug && !ctx->log)
        return;
    char *red = wiz_http_redact(r->body, NULL);
    wiz_debug(ctx, "http: status %ld, %zu bytes: %s", r->status, r->len, red ? red : "<unavailable>");
    free(red);
}

enum wiz_rc wiz_http_request(struct wiz_ctx *ctx, const struct wiz_http_req *req, struct wiz_http_resp *out)
{
    memset(out, 0, sizeof *out);
    out->retry_after = -1;
    enum wiz_rc rc = wiz_http_check_url(ctx, req->url);
    if (rc)
        return rc;
    CURL *c = curl_easy_init();
    if (!c)
        return wiz_fail(ctx, WIZ_EINTERNAL, "cannot initialise libcurl");
    struct sink s = {.retry_after = -1};
    struct curl_slist *hdrs = NULL, *tmp;
    char *auth = NULL, *ctype = NULL;
    bool oom = false;
#define ADD_HDR(h) do { tmp = curl_slist_append(hdrs, (h)); if (!tmp) oom = true; else hdrs = tmp; } while (0)
    ADD_HDR("Accept: application/json");
    if (req->content_type) {
        ctype = wiz_asprintf("Content-Type: %s", req->content_type);
        if (ctype)
            ADD_HDR(ctype);
        else
            oom = true;
    }
    if (req->authorization) {
        auth = wiz_asprintf("Authorization: %s", req->authorization);
        if (auth)
            ADD_HDR(auth);
        else
            oom = true;
    }
    for (const char *const *h = req->headers; h && *h; h++)
        ADD_HDR(*h);
#undef ADD_HDR
    if (oom) {
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        goto done;
    }
    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, req->timeout_s > 0 ? req->timeout_s : 30L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "ampli-wizard/" WIZ_VERSION);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &s);
    if (strcmp(req->method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
    if (req->body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
    log_request(ctx, req);
    CURLcode cc = curl_easy_perform(c);
    if (s.too_big) {
        rc = wiz_fail(ctx, WIZ_ENET, "%s %s: reply larger than %d bytes", req->method, req->url, WIZ_HTTP_MAX_RESPONSE);
        goto done;
    }
    if (cc != CURLE_OK) {
        rc = wiz_fail(ctx, WIZ_ENET, "%s %s: %s", req->method, req->url, curl_easy_strerror(cc));
        goto done;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    if (!s.buf) {
        s.buf = calloc(1, 1);
        if (!s.buf) {
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            goto done;
        }
    }
    out->body = s.buf;
    out->len = s.len;
    out->retry_after = s.retry_after;
    s.buf = NULL;
    log_response(ctx, out);
done:
    free(s.buf);
    free(ctype);
    if (auth) {
        OPENSSL_cleanse(auth, strlen(auth));
        free(auth);
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return rc;
}
