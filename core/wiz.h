/* ampli-wizard: the engine's shared vocabulary: result codes and the run context.
 * Every module returns enum wiz_rc; the detailed message lives on the context
 * (SQLite's errmsg / libgit2's last error), set with wiz_fail(). */
#ifndef WIZ_H
#define WIZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define WIZ_VERSION "0.1.0"

enum wiz_rc {
    WIZ_OK = 0,
    WIZ_ERR,          /* general error */
    WIZ_EUSAGE,       /* invalid arguments */
    WIZ_EAUTH,        /* authentication required / refused */
    WIZ_ENET,         /* network error, bad reply */
    WIZ_EINTEGRATION, /* plugin / integration failed */
    WIZ_ENAMETAKEN,   /* project name taken */
    WIZ_EINPUT,       /* input required but not available (CI / agent) */
    WIZ_EWRITE,       /* write refused */
    WIZ_ELOCK,        /* lock held by another process */
    WIZ_EINTERNAL,    /* bug, allocation failure */
    WIZ_ECANCEL,      /* cancelled by the user */
    WIZ_EIO,          /* file system error (maps to general error) */
    WIZ_ENOTFOUND,    /* looked-up thing absent (maps to general error) */
    WIZ_ESTALE,       /* a question whose premise a command changed (/login at the picker):
                         ask again; never leaves the run */
    WIZ_RC_COUNT
};

/* static string, never NULL */
const char *wiz_strerror(enum wiz_rc rc);
/* the process exit code of the services reference for rc; only main uses it */
int wiz_rc_exit_code(enum wiz_rc rc);

enum wiz_zone { WIZ_ZONE_US = 0, WIZ_ZONE_EU = 1 };
/* static: "us" / "eu" */
const char *wiz_zone_name(enum wiz_zone z);
/* returns 0 and sets *out for "us"/"eu" (case-insensitive), -1 otherwise */
int wiz_zone_parse(enum wiz_zone *out, const char *s);

struct wiz_ctx;
/* Log sink: level 0 error, 1 warn, 2 info, 3 debug. msg has no newline. */
typedef void (*wiz_log_fn)(void *ud, int level, const char *msg);

#define WIZ_ERRMSG_MAX 1024

struct wiz_ctx {
    enum wiz_rc rc;
    char errmsg[WIZ_ERRMSG_MAX];
    bool debug;
    wiz_log_fn log;   /* NULL: errors/warnings to stderr, debug to stderr if debug */
    void *log_ud;
    /* Clock for refresh/expiry math; tests pin it. 0 = time(NULL). */
    time_t now_override;
    /* FNV-1a of the last warning logged: the same warning twice in a row (two reads of one
     * file, say) is said once */
    unsigned long long last_warning;
};

void wiz_ctx_init(struct wiz_ctx *ctx);
/* Record rc + formatted message on ctx; returns rc, so `return wiz_fail(...)`. */
enum wiz_rc wiz_fail(struct wiz_ctx *ctx, enum wiz_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same as wiz_fail with ": strerror(errno)" appended. */
enum wiz_rc wiz_fail_errno(struct wiz_ctx *ctx, enum wiz_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#ifdef __clang_analyzer__
/* clang-tidy's analyzer cannot see that these return their rc (so `rc = wiz_fail(...)` is
 * never WIZ_OK); spelled out for it, the function itself is still called */
#define wiz_fail(ctx, rc, ...) (wiz_fail((ctx), (rc), __VA_ARGS__), (rc))
#define wiz_fail_errno(ctx, rc, ...) (wiz_fail_errno((ctx), (rc), __VA_ARGS__), (rc))
#endif
/* borrowed: valid until the next wiz_fail on ctx */
const char *wiz_errmsg(const struct wiz_ctx *ctx);

void wiz_log(struct wiz_ctx *ctx, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define wiz_warn(ctx, ...)  wiz_log((ctx), 1, __VA_ARGS__)
#define wiz_info(ctx, ...)  wiz_log((ctx), 2, __VA_ARGS__)
#define wiz_debug(ctx, ...) wiz_log((ctx), 3, __VA_ARGS__)

time_t wiz_now(const struct wiz_ctx *ctx);

/* Small allocation helpers; on failure they return NULL (callers report WIZ_EINTERNAL). */
/* returns owned string: free() */
char *wiz_strdup(const char *s);
/* api_key.c: Amplitude project API keys are 32 hex digits; accepted here: 1..128 of
 * [A-Za-z0-9_.-] (no quote, space or line break can reach an env file or source). */
bool wiz_api_key_valid(const char *key);
/* The exact shape of a project API key as Amplitude issues it: 32 hex digits. Keys that
 * come from a server must have it; a key the user passes only needs wiz_api_key_valid. */
bool wiz_api_key_is_amplitude(const char *key);
/* which.c: the absolute path of prog from the absolute PATH entries only (a prog with a
 * slash must be absolute); NULL when not found. returns owned string: free() */
char *wiz_which(const char *prog);
/* The same over the given PATH value (NULL or empty: the default directories). */
char *wiz_which_in(const char *path, const char *prog);
/* The value of a hexadecimal digit, or -1. */
int wiz_hexval(char c);
/* returns owned string: free() */
char *wiz_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
