/* Reading and writing the credential document. Every buffer that held file bytes is
 * wiped before it is freed: the file holds OAuth tokens. */
#include "credfile.h"

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CREDFILE_MAX_BYTES (64L * 1024 * 1024)
/* How the file is written: indented, then a newline (people open it to see who is
 * logged in). */
#define CREDFILE_DUMP_FLAGS JSON_INDENT(2)

void wiz_credfile_wipe(json_t *j)
{
    if (json_is_string(j)) {
        /* jansson owns this buffer; scrubbing it in place before the free is deliberate */
        char *s = (char *)json_string_value(j);
        OPENSSL_cleanse(s, json_string_length(j));
    } else if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v)
            wiz_credfile_wipe(v);
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
            wiz_credfile_wipe(v);
    }
}

void wiz_credfile_free(json_t *doc)
{
    if (!doc)
        return;
    if (doc->refcount == 1)
        wiz_credfile_wipe(doc);
    json_decref(doc);
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

/* json_dump_callback sink that compares the dump with the bytes read, stopping at the
 * first difference. */
struct same_as {
    const char *p;
    size_t left;
};

static int compare_chunk(const char *data, size_t size, void *ud)
{
    struct same_as *c = ud;
    if (size > c->left || memcmp(c->p, data, size) != 0)
        return -1;
    c->p += size;
    c->left -= size;
    return 0;
}

/* True when root dumps, the way this module writes the file, to exactly buf. Then root
 * is what an undisturbed parse of buf gives (parse(dump(x)) == x in jansson), so no
 * allocation failure changed it during the parse: a dropped character or a lost value
 * would show as a difference, and a failure inside the dump returns an error. */
static bool dumps_to(const json_t *root, const char *buf, size_t len)
{
    if (len == 0 || buf[len - 1] != '\n')
        return false; /* not written by us: spare the dump */
    struct same_as c = {buf, len};
    return json_dump_callback(root, compare_chunk, &c, CREDFILE_DUMP_FLAGS) == 0 && compare_chunk("\n", 1, &c) == 0 &&
           c.left == 0;
}

enum wiz_rc wiz_credfile_load(struct wiz_ctx *ctx, const char *path, bool may_move_aside, json_t **doc,
                              bool *corrupt)
{
    *doc = NULL;
    if (corrupt)
        *corrupt = false;
    char *buf;
    size_t len;
    enum wiz_rc rc = read_all(ctx, path, &buf, &len);
    if (rc)
        return rc;
    json_t *root = NULL;
    const char *why = NULL;
    if (buf) {
        /* Out of memory is not corruption: moving the file aside, or writing back what
         * was read, would lose entries. jansson reports some allocation failures as
         * syntax errors and silently drops a character when a string buffer cannot
         * grow, so a parse is trusted only when its result dumps back to the very bytes
         * read (the file as this module writes it; about half the cost of a parse), or
         * else when a second parse gives an equal result (or the same syntax error). */
        json_error_t err, err2;
        root = json_loadb(buf, len, JSON_ALLOW_NUL, &err);
        bool same = root && dumps_to(root, buf, len);
        if (!same) {
            json_t *again = json_loadb(buf, len, JSON_ALLOW_NUL, &err2);
            same = root && again ? json_equal(root, again)
                                 : !root && !again && err.text[0] && json_error_code(&err) != json_error_out_of_memory &&
                                       err.position == err2.position && strcmp(err.text, err2.text) == 0;
            wiz_credfile_free(again);
        }
        if (!same) {
            wiz_credfile_free(root);
            OPENSSL_cleanse(buf, len);
            free(buf);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory reading %s", path);
        }
        OPENSSL_cleanse(buf, len);
        free(buf);
        if (!root)
            why = "is not valid JSON";
        else if (!json_is_object(root))
            why = "does not hold a JSON object";
    }
    if (why) {
        wiz_credfile_free(root);
        root = NULL;
        if (corrupt)
            *corrupt = true;
        if (may_move_aside && (rc = move_aside(ctx, path, why)) != WIZ_OK)
            return rc;
    }
    if (!root && !(root = json_object()))
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    *doc = root;
    return WIZ_OK;
}

/* A growing output buffer that wipes what it leaves behind when it moves. */
struct outbuf {
    char *p;
    size_t len, cap;
    bool oom;
};

static int out_append(const char *data, size_t size, void *ud)
{
    struct outbuf *o = ud;
    if (o->len + size + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->len + size + 1 > cap)
            cap *= 2;
        char *np = malloc(cap);
        if (!np) {
            o->oom = true;
            return -1;
        }
        if (o->p) {
            memcpy(np, o->p, o->len);
            OPENSSL_cleanse(o->p, o->len);
            free(o->p);
        }
        o->p = np;
        o->cap = cap;
    }
    memcpy(o->p + o->len, data, size);
    o->len += size;
    return 0;
}

enum wiz_rc wiz_credfile_save(struct wiz_ctx *ctx, const char *path, const json_t *doc)
{
    struct outbuf o = {0};
    enum wiz_rc rc;
    if (json_dump_callback(doc, out_append, &o, CREDFILE_DUMP_FLAGS) != 0 || out_append("\n", 1, &o) != 0)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, o.oom ? "out of memory" : "cannot serialise the credential file");
    else
        rc = wiz_atomic_write(ctx, path, o.p, o.len);
    if (o.p) {
        OPENSSL_cleanse(o.p, o.len);
        free(o.p);
    }
    return rc;
}
