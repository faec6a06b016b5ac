/* One thin libcurl wrapper for every call the wizard makes: https only (plain
 * http for loopback hosts, so tests can use the local stand-in), TLS verification
 * always on, connect and total timeouts, a response size cap, and debug logging
 * with Authorization headers and token fields redacted. */
#ifndef WIZ_HTTP_H
#define WIZ_HTTP_H

#include "../wiz.h"

#define WIZ_HTTP_MAX_RESPONSE (1024 * 1024)

struct wiz_http_req {
    const char *method;        /* "GET" or "POST" */
    const char *url;
    const char *content_type;  /* NULL: no body */
    const char *body;          /* NUL-terminated */
    const char *authorization; /* full header value, or NULL; never logged */
    const char *const *headers; /* extra "Name: value" lines, NULL-terminated, may be NULL */
    long timeout_s;            /* total; 0 = 30 */
    bool idempotent;           /* safe to send twice: also retried after a reset, 429 or 5xx */
};

struct wiz_http_resp {
    long status;
    char *body;   /* NUL-terminated, owned */
    size_t len;
    long retry_after; /* seconds from Retry-After, -1 if absent */
    int tries;        /* attempts made (retries: see wiz_http_request) */
};

/* Performs req. Transport failures, a refused URL, or a reply over the cap -> WIZ_ENET
 * (WIZ_EUSAGE for a URL that is not https / loopback http). Any HTTP status is WIZ_OK.
 * Transient failures are tried again, up to 3 tries with backoff, and said once (a
 * warning): a connection never made for every request; also a reset, a cut reply, 429
 * and 5xx when req->idempotent. The final error names the host and what to try.
 * out: caller wiz_http_resp_clear()s. */
enum wiz_rc wiz_http_request(struct wiz_ctx *ctx, const struct wiz_http_req *req, struct wiz_http_resp *out);
void wiz_http_resp_clear(struct wiz_http_resp *r);

/* "host[:port]" of url (userinfo dropped), for messages. returns owned string: free() */
char *wiz_http_host_of(const char *url);
/* true for 127.0.0.0/8, "localhost" and "::1" / "[::1]" */
bool wiz_http_host_is_loopback(const char *host);
/* WIZ_OK if url parses and is https://, or http:// to a loopback host; else WIZ_EUSAGE. */
enum wiz_rc wiz_http_check_url(struct wiz_ctx *ctx, const char *url);

/* application/x-www-form-urlencoded from name/value pairs (pairs[2k], pairs[2k+1]);
 * a NULL value skips the pair. returns owned string: free() (NULL on allocation failure) */
char *wiz_http_form(const char *const *pairs, size_t npairs);
/* base + path with the query pairs appended (escaped) through libcurl's URL API.
 * returns owned string: free() (NULL on a bad base or allocation failure) */
char *wiz_http_url(const char *base, const char *path, const char *const *pairs, size_t npairs);

/* A copy of a form body or JSON text with the values of secret fields (tokens,
 * code, code_verifier) replaced by "<redacted>", for debug logs.
 * returns owned string: free() */
char *wiz_http_redact(const char *body, const char *content_type);

#endif
