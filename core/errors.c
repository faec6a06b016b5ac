/* Result codes, their messages, and the one rc -> exit code table. */
#include "wiz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *msg;
    int exit_code;
} rc_table[WIZ_RC_COUNT] = {
    [WIZ_OK] = {"success", 0},
    [WIZ_ERR] = {"error", 1},
    [WIZ_EUSAGE] = {"invalid arguments", 2},
    [WIZ_EAUTH] = {"authentication required", 3},
    [WIZ_ENET] = {"network error", 4},
    [WIZ_EINTEGRATION] = {"integration failed", 10},
    [WIZ_ENAMETAKEN] = {"project name taken", 11},
    [WIZ_EINPUT] = {"input required", 12},
    [WIZ_EWRITE] = {"write refused", 13},
    [WIZ_ELOCK] = {"lock held by another process", 14},
    [WIZ_EINTERNAL] = {"internal error", 20},
    [WIZ_ECANCEL] = {"cancelled", 130},
    [WIZ_EIO] = {"file system error", 1},
    [WIZ_ENOTFOUND] = {"not found", 1},
    [WIZ_ESTALE] = {"question asked again", 1},
};

const char *wiz_strerror(enum wiz_rc rc)
{
    if ((unsigned)rc >= WIZ_RC_COUNT)
        return "unknown error";
    return rc_table[rc].msg;
}

int wiz_rc_exit_code(enum wiz_rc rc)
{
    if ((unsigned)rc >= WIZ_RC_COUNT)
        return 20;
    return rc_table[rc].exit_code;
}

const char *wiz_zone_name(enum wiz_zone z)
{
    return z == WIZ_ZONE_EU ? "eu" : "us";
}

int wiz_zone_parse(enum wiz_zone *out, const char *s)
{
    if (!s)
        return -1;
    if (strcasecmp(s, "us") == 0) {
        *out = WIZ_ZONE_US;
        return 0;
    }
    if (strcasecmp(s, "eu") == 0) {
        *out = WIZ_ZONE_EU;
        return 0;
    }
    return -1;
}

void wiz_ctx_init(struct wiz_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
}

static enum wiz_rc vfail(struct wiz_ctx *ctx, enum wiz_rc rc, int errnum, const char *fmt, va_list ap)
{
    /* Format into a local buffer first: callers often pass wiz_errmsg(ctx) as an
     * argument (wrapping the previous message), and formatting into the same buffer
     * would be an overlapping copy (undefined; found by valgrind). */
    char buf[sizeof ctx->errmsg];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (errnum && n >= 0 && (size_t)n < sizeof buf)
        snprintf(buf + n, sizeof buf - (size_t)n, ": %s", strerror(errnum));
    ctx->rc = rc;
    memcpy(ctx->errmsg, buf, sizeof buf);
    return rc;
}

enum wiz_rc(wiz_fail)(struct wiz_ctx *ctx, enum wiz_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ctx, rc, 0, fmt, ap);
    va_end(ap);
    return rc;
}

enum wiz_rc(wiz_fail_errno)(struct wiz_ctx *ctx, enum wiz_rc rc, const char *fmt, ...)
{
    int e = errno;
    va_list ap;
    va_start(ap, fmt);
    vfail(ctx, rc, e, fmt, ap);
    va_end(ap);
    return rc;
}

const char *wiz_errmsg(const struct wiz_ctx *ctx)
{
    return ctx->errmsg[0] ? ctx->errmsg : wiz_strerror(ctx->rc);
}

void wiz_log(struct wiz_ctx *ctx, int level, const char *fmt, ...)
{
    if (level >= 3 && !ctx->debug && !ctx->log)
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (level == 1) {
        unsigned long long h = 1469598103934665603ULL;
        for (const char *p = buf; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        if (h == ctx->last_warning)
            return;
        ctx->last_warning = h;
    }
    if (ctx->log) {
        ctx->log(ctx->log_ud, level, buf);
        return;
    }
    static const char *const prefix[] = {"error: ", "warning: ", "", "debug: "};
    fprintf(stderr, "%s%s\n", prefix[level < 0 ? 0 : level > 3 ? 3 : level], buf);
}

time_t wiz_now(const struct wiz_ctx *ctx)
{
    return ctx->now_override ? ctx->now_override : time(NULL);
}

char *wiz_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

int wiz_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *wiz_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = NULL;
    int n = vasprintf(&out, fmt, ap);
    va_end(ap);
    return n < 0 ? NULL : out;
}
