/* The loopback redirect listener of the browser login (RFC 8252 §7.3): one callback
 * GET on 127.0.0.1, first free port of a fixed range, closed right after. */
#ifndef WIZ_LOOPBACK_H
#define WIZ_LOOPBACK_H

#include "../wiz.h"

/* What the browser brought back on /callback. Fields absent in the query are NULL. */
struct wiz_callback {
    char *code;
    char *state;
    char *error;
    char *error_description;
};

/* Pure parser of the start of an HTTP request (buf need not be NUL-terminated; only
 * the request line is read). Returns WIZ_OK with out filled for "GET /callback?...",
 * WIZ_ENOTFOUND for a well-formed request to another path (e.g. /favicon.ico), and
 * WIZ_EUSAGE for anything malformed (bad method, no HTTP version, bad escapes, over
 * long). out: caller wiz_callback_clear()s (also on failure). */
enum wiz_rc wiz_callback_parse(struct wiz_ctx *ctx, const char *buf, size_t len, struct wiz_callback *out);
void wiz_callback_clear(struct wiz_callback *cb);

struct wiz_loopback {
    int fd;
    int port;
};

/* Binds 127.0.0.1 on the first free port of first..last and listens. All busy ->
 * WIZ_ERR naming the range. first = last = 0: any free port (unit tests only; the
 * OAuth server allow-lists the fixed range). */
enum wiz_rc wiz_loopback_open(struct wiz_ctx *ctx, int first, int last, struct wiz_loopback *out);
/* Serves requests until the callback arrives or timeout_s passes (WIZ_EAUTH). Answers
 * the browser with a small HTML page. A wrong or missing state, error=..., or a missing
 * code -> WIZ_EAUTH with a clear message. *code_out: caller free()s. */
enum wiz_rc wiz_loopback_wait(struct wiz_ctx *ctx, struct wiz_loopback *lb, const char *expected_state,
                              long timeout_s, char **code_out);
/* Closes the listening socket (idempotent). */
void wiz_loopback_close(struct wiz_loopback *lb);

#endif
