/* Reading and writing the credential document. Every buffer that held file bytes is
 * wiped before it is freed: the file holds OAuth tokens. The bytes read are kept with
 * the document, so that a write changes only the members that changed (jsontext.h). */
#include "credfile.h"

#include "atomic_file.h"
#include "jsontext.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CREDFILE_MAX_BYTES (64L * 1024 * 1024)

struct wiz_credfile {
    char *buf; /* the bytes read; NULL for a new (or moved-aside) file */
    size_t len;
    struct wiz_jnode root; /* where every member sits in buf */
    json_t *doc;           /* what callers read and change */
    json_t *snap;          /* doc as read: what the splice compares with */
};

json_t *wiz_credfile_doc(const struct wiz_credfile *cf) { return cf->doc; }

void wiz_credfile_free(struct wiz_credfile *cf)
{
    if (!cf)
        return;
    wiz_json_wipe(cf->doc);
    json_decref(cf->doc);
    wiz_json_wipe(cf->snap);
    json_decref(cf->snap);
    wiz_jtext_free(&cf->root);
    if (cf->buf) {
        OPENSSL_cleanse(cf->buf, cf->len);
        free(cf->buf);
    }
    free(cf);
}

/* *buf: owned, wipe + free; NULL with *len 0 when the file does not exist */
static enum wiz_rc read_all(struct wiz_ctx *ctx, const char *path, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return WIZ_OK;
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open the credential file %s", path);
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CREDFILE_MAX_BYTES) {
        close(fd);
        return wiz_fail(ctx, WIZ_EIO, "the credential file %s is not a regular file of sane size", path);
    }
    if (st.st_mode & 077) /* the next write makes it 0600 (atomic_file creates it so) */
        wiz_warn(ctx, "%s can be read by other users (mode %03o); it will be 0600 after the next write",
                 path, (unsigned)(st.st_mode & 0777));
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *b = malloc(cap);
    if (!b) {
        close(fd);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    for (;;) {
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot read the credential file %s", path);
            OPENSSL_cleanse(b, n);
            free(b);
            close(fd);
            return rc;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == cap) { /* the file grew after fstat: it is ours to read whole anyway */
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                OPENSSL_cleanse(b, n);
                free(b);
                close(fd);
                return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            }
            b = nb;
            cap *= 2;
        }
    }
    close(fd);
    *buf = b;
    *len = n;
    return WIZ_OK;
}

/* Renames the (resolved) file to "<file>.corrupt-<UTC>" without replacing an earlier one. */
static enum wiz_rc move_aside(struct wiz_ctx *ctx, const char *path, const char *why)
{
    char *target = wiz_resolve_link_target(ctx, path);
    if (!target)
        return ctx->rc;
    time_t now = wiz_now(ctx);
    struct tm tm;
    char stamp[32] = "unknown";
    if (gmtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    enum wiz_rc rc = WIZ_OK;
    for (int i = 0; i < 1000; i++) {
        char *dst = i ? wiz_asprintf("%s.corrupt-%s-%d", target, stamp, i)
                      : wiz_asprintf("%s.corrupt-%s", target, stamp);
        if (!dst) {
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            break;
        }
        /* RENAME_NOREPLACE: two corrupt files in one second must not overwrite each other */
        if (renameat2(AT_FDCWD, target, AT_FDCWD, dst, RENAME_NOREPLACE) == 0) {
            wiz_warn(ctx, "the credential file %s %s; moved it to %s and continuing without stored credentials",
                     path, why, dst);
            free(dst);
            break;
        }
        int e = errno;
        free(dst);
        if (e == EEXIST)
            continue;
        errno = e;
        rc = wiz_fail_errno(ctx, WIZ_EIO, "the credential file %s %s, and moving it aside failed", path, why);
        break;
    }
    free(target);
    return rc;
}

enum wiz_rc wiz_credfile_load(struct wiz_ctx *ctx, const char *path, bool may_move_aside,
                              struct wiz_credfile **out, bool *corrupt)
{
    *out = NULL;
    if (corrupt)
        *corrupt = false;
    struct wiz_credfile *cf = calloc(1, sizeof *cf);
    if (!cf)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = read_all(ctx, path, &cf->buf, &cf->len);
    if (rc) {
        free(cf);
        return rc;
    }
    const char *why = NULL;
    if (cf->buf) {
        /* read as JSON.parse reads it: what Amplitude's wizard accepts is not corrupt */
        size_t at = 0;
        enum wiz_jtext_rc jr = wiz_jtext_parse(cf->buf, cf->len, &cf->doc, &cf->root, &at);
        if (jr == WIZ_JTEXT_NOMEM) {
            /* out of memory is not corruption: moving the file aside would lose entries */
            wiz_credfile_free(cf);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory reading %s", path);
        }
        if (jr == WIZ_JTEXT_SYNTAX)
            why = "is not valid JSON";
        else if (!json_is_object(cf->doc))
            why = "does not hold a JSON object";
        else if (!(cf->snap = json_deep_copy(cf->doc))) {
            wiz_credfile_free(cf);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory reading %s", path);
        }
    }
    if (why) {
        struct wiz_credfile *bad = cf;
        if (!(cf = calloc(1, sizeof *cf))) {
            wiz_credfile_free(bad);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        }
        wiz_credfile_free(bad);
        if (corrupt)
            *corrupt = true;
        if (may_move_aside && (rc = move_aside(ctx, path, why)) != WIZ_OK) {
            free(cf);
            return rc;
        }
    }
    if (!cf->doc && !(cf->doc = json_object())) {
        wiz_credfile_free(cf);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    *out = cf;
    return WIZ_OK;
}

enum wiz_rc wiz_credfile_save(struct wiz_ctx *ctx, const char *path, const struct wiz_credfile *cf)
{
    char *text;
    size_t n;
    /* only the members that changed are rewritten; every other byte is copied */
    if (wiz_jtext_splice(cf->buf, cf->len, &cf->root, cf->snap, cf->doc, &text, &n) != 0)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = wiz_atomic_write(ctx, path, text, n);
    OPENSSL_cleanse(text, n);
    free(text);
    return rc;
}
