/* Parser of the OAuth callback request line: small, bounded, and pure, so it can be
 * fuzzed on its own. Only "GET <target> HTTP/1.x" is accepted. */
#include "loopback.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 8192
#define MAX_PARAMS 32

static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

void wiz_callback_clear(struct wiz_callback *cb)
{
    if (!cb)
        return;
    free_secret(cb->code);
    free_secret(cb->state);
    free(cb->error);
    free(cb->error_description);
    memset(cb, 0, sizeof *cb);
}

/* Percent-decodes s[0..n) ('+' is a space, as browsers send form-style queries).
 * returns owned string: free(); NULL on a bad escape, an embedded NUL, or no memory */
static char *decode(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? wiz_hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? wiz_hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

/* Sets *slot from the value if still unset (the first occurrence wins). */
static enum wiz_rc take(struct wiz_ctx *ctx, char **slot, const char *v, size_t n)
{
    if (*slot)
        return WIZ_OK;
    *slot = decode(v, n);
    if (!*slot)
        return wiz_fail(ctx, WIZ_EUSAGE, "malformed callback query");
    return WIZ_OK;
}

static enum wiz_rc parse_query(struct wiz_ctx *ctx, const char *q, size_t n, struct wiz_callback *out)
{
    size_t i = 0;
    int count = 0;
    while (i < n) {
        if (++count > MAX_PARAMS)
            return wiz_fail(ctx, WIZ_EUSAGE, "callback query has too many parameters");
        const char *seg = q + i;
        const char *amp = memchr(seg, '&', n - i);
        size_t slen = amp ? (size_t)(amp - seg) : n - i;
        const char *eq = memchr(seg, '=', slen);
        size_t klen = eq ? (size_t)(eq - seg) : slen;
        const char *val = eq ? eq + 1 : seg + slen;
        size_t vlen = eq ? slen - klen - 1 : 0;
        enum wiz_rc rc = WIZ_OK;
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(seg, k, klen) == 0)
        if (KEY("code"))
            rc = take(ctx, &out->code, val, vlen);
        else if (KEY("state"))
            rc = take(ctx, &out->state, val, vlen);
        else if (KEY("error"))
            rc = take(ctx, &out->error, val, vlen);
        else if (KEY("error_description"))
            rc = take(ctx, &out->error_description, val, vlen);
#undef KEY
        if (rc)
            return rc;
        i += slen + 1;
    }
    return WIZ_OK;
}

enum wiz_rc wiz_callback_parse(struct wiz_ctx *ctx, const char *buf, size_t len, struct wiz_callback *out)
{
    memset(out, 0, sizeof *out);
    if (len > MAX_LINE)
        len = MAX_LINE;
    const char *eol = memchr(buf, '\n', len);
    if (!eol)
        return wiz_fail(ctx, WIZ_EUSAGE, "incomplete or over-long request line");
    size_t n = (size_t)(eol - buf);
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    if (n < 4 || memcmp(buf, "GET ", 4) != 0)
        return wiz_fail(ctx, WIZ_EUSAGE, "only GET is served");
    const char *target = buf + 4;
    const char *sp = memchr(target, ' ', n - 4);
    if (!sp)
        return wiz_fail(ctx, WIZ_EUSAGE, "request line has no HTTP version");
    size_t tlen = (size_t)(sp - target);
    size_t vlen = n - 4 - tlen - 1;
    const char *ver = sp + 1;
    if (vlen != 8 || memcmp(ver, "HTTP/1.", 7) != 0 || (ver[7] != '0' && ver[7] != '1'))
        return wiz_fail(ctx, WIZ_EUSAGE, "unsupported HTTP version");
    if (tlen == 0 || target[0] != '/')
        return wiz_fail(ctx, WIZ_EUSAGE, "request target must be a path");
    for (size_t i = 0; i < tlen; i++)
        if ((unsigned char)target[i] <= 0x20 || (unsigned char)target[i] >= 0x7f)
            return wiz_fail(ctx, WIZ_EUSAGE, "request target has invalid characters");
    const char *qm = memchr(target, '?', tlen);
    size_t plen = qm ? (size_t)(qm - target) : tlen;
    if (plen != 9 || memcmp(target, "/callback", 9) != 0)
        return WIZ_ENOTFOUND;
    if (!qm)
        return WIZ_OK;
    const char *q = qm + 1;
    size_t qlen = tlen - plen - 1;
    const char *hash = memchr(q, '#', qlen);
    if (hash)
        qlen = (size_t)(hash - q);
    return parse_query(ctx, q, qlen, out);
}
