/* The one place that performs HTTP requests (libcurl easy interface, loaded on first use). */
#include "http.h"

#include "curl_lib.h"
#include "../ui/redact.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <time.h>
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
    wiz_debug(ctx, "http: %s %s%s", req->method, req->url, req->authorization ? " (Authorization: " WIZ_REDACTED ")" : "");
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

/* One attempt. *cc: libcurl's result of the transfer (CURLE_OK when it never started). */
static enum wiz_rc request_once(struct wiz_ctx *ctx, const struct wiz_http_req *req, struct wiz_http_resp *out,
                                CURLcode *cc_out, char detail[CURL_ERROR_SIZE])
{
    detail[0] = '\0';
    memset(out, 0, sizeof *out);
    out->retry_after = -1;
    *cc_out = CURLE_OK;
    enum wiz_rc rc;
    /* a CR or LF in a value (a token from a server, say) would start a header of its own */
    bool bad = (req->authorization && strpbrk(req->authorization, "\r\n")) ||
               (req->content_type && strpbrk(req->content_type, "\r\n"));
    for (const char *const *h = req->headers; h && *h && !bad; h++)
        bad = strpbrk(*h, "\r\n") != NULL;
    if (bad)
        return wiz_fail(ctx, WIZ_ENET, "refusing to send a request header with a line break in it (%s)", req->url);
    struct wiz_curl lib;
    rc = wiz_curl_open(ctx, &lib, WIZ_CURL_SONAME);
    if (rc)
        return rc;
    CURL *c = lib.easy_init();
    if (!c) {
        wiz_curl_close(&lib);
        return wiz_fail(ctx, WIZ_EINTERNAL, "cannot initialise libcurl");
    }
    struct sink s = {.retry_after = -1};
    char errbuf[CURL_ERROR_SIZE] = ""; /* libcurl's detail ("Failed to connect to h port p: ...") */
    struct curl_slist *hdrs = NULL, *tmp;
    char *auth = NULL, *ctype = NULL;
    bool oom = false;
#define ADD_HDR(h) do { tmp = lib.slist_append(hdrs, (h)); if (!tmp) oom = true; else hdrs = tmp; } while (0)
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
    /* every option must take: an old libcurl that ignored PROTOCOLS_STR would allow any scheme */
    CURLcode so = CURLE_OK;
#define SET(opt, val) do { CURLcode r_ = lib.easy_setopt(c, (opt), (val)); if (r_ != CURLE_OK) so = r_; } while (0)
    SET(CURLOPT_URL, req->url);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_CONNECTTIMEOUT, 10L);
    SET(CURLOPT_TIMEOUT, req->timeout_s > 0 ? req->timeout_s : 30L);
    SET(CURLOPT_USERAGENT, "ampli-wizard/" WIZ_VERSION);
    SET(CURLOPT_HTTPHEADER, hdrs);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, (void *)&s);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, (void *)&s);
    if (strcmp(req->method, "GET") != 0)
        SET(CURLOPT_CUSTOMREQUEST, req->method);
    if (req->body)
        SET(CURLOPT_POSTFIELDS, req->body);
#undef SET
    if (so != CURLE_OK) {
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "%s %s: libcurl refused an option: %s", req->method, req->url,
                      lib.easy_strerror(so));
        goto done;
    }
    log_request(ctx, req);
    CURLcode cc = lib.easy_perform(c);
    if (s.too_big) {
        rc = wiz_fail(ctx, WIZ_ENET, "%s %s: reply larger than %d bytes", req->method, req->url, WIZ_HTTP_MAX_RESPONSE);
        goto done;
    }
    if (cc != CURLE_OK) {
        *cc_out = cc;
        size_t el = strlen(errbuf);
        while (el && (errbuf[el - 1] == '\n' || errbuf[el - 1] == '\r'))
            errbuf[--el] = '\0';
        snprintf(detail, CURL_ERROR_SIZE, "%s", el ? errbuf : lib.easy_strerror(cc));
        rc = wiz_fail(ctx, WIZ_ENET, "%s %s: %s", req->method, req->url, detail);
        goto done;
    }
    lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
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
    lib.slist_free_all(hdrs);
    lib.easy_cleanup(c);
    wiz_curl_close(&lib);
    return rc;
}

/* Which failures are worth another try. Any request may be sent again when the connection
 * was never made (nothing reached the server); an idempotent one also after a reset, an
 * empty or cut reply, 429 or 5xx. A timeout is not retried: it already took its 30 s. */
static bool transient_transport(CURLcode cc, bool idempotent)
{
    switch (cc) {
    case CURLE_COULDNT_CONNECT:
        return true;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return idempotent;
    default:
        return false;
    }
}

static bool transient_status(long status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

/* "host[:port]" of url, for messages. returns owned string: free() (NULL if unparsable) */
char *wiz_http_host_of(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    const char *at = NULL;
    size_t n = strcspn(p, "/?#");
    for (size_t i = 0; i < n; i++)
        if (p[i] == '@')
            at = p + i; /* never show credentials in a URL */
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    return strndup(p, n);
}

enum wiz_rc wiz_http_request(struct wiz_ctx *ctx, const struct wiz_http_req *req, struct wiz_http_resp *out)
{
    /* 3 tries, 0.25 s then 1 s apart; a Retry-After up to 5 s is honoured instead */
    static const long delays_ms[] = {250, 1000};
    enum wiz_rc rc = wiz_http_check_url(ctx, req->url);
    if (rc) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    int tries = 0;
    for (;;) {
        CURLcode cc;
        char detail[CURL_ERROR_SIZE];
        rc = request_once(ctx, req, out, &cc, detail);
        tries++;
        out->tries = tries;
        bool again = (rc == WIZ_ENET && transient_transport(cc, req->idempotent)) ||
                     (rc == WIZ_OK && req->idempotent && transient_status(out->status));
        if (!again)
            break;
        char *host = wiz_http_host_of(req->url);
        if (tries > (int)(sizeof delays_ms / sizeof delays_ms[0])) {
            if (rc == WIZ_ENET) /* the last error, with where it went and what to try */
                rc = wiz_fail(ctx, WIZ_ENET,
                              "could not reach %s after %d tries (%s %s: %s); check the network connection "
                              "and any proxy setting (HTTPS_PROXY), then run the command again",
                              host ? host : req->url, tries, req->method, req->url, detail);
            free(host);
            break;
        }
        long wait_ms = delays_ms[tries - 1];
        if (rc == WIZ_OK && out->retry_after >= 0 && out->retry_after <= 5)
            wait_ms = out->retry_after * 1000 > wait_ms ? out->retry_after * 1000 : wait_ms;
        /* said once per request: the first retry names the cause, the rest are quiet */
        if (tries == 1) {
            if (rc == WIZ_OK)
                wiz_warn(ctx, "%s answered HTTP %ld; trying again (up to %d tries)", host ? host : req->url,
                         out->status, (int)(sizeof delays_ms / sizeof delays_ms[0]) + 1);
            else
                wiz_warn(ctx, "could not reach %s (%s); trying again (up to %d tries)", host ? host : req->url,
                         detail, (int)(sizeof delays_ms / sizeof delays_ms[0]) + 1);
        }
        free(host);
        wiz_http_resp_clear(out);
        struct timespec ts = {.tv_sec = wait_ms / 1000, .tv_nsec = (wait_ms % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
    return rc;
}
