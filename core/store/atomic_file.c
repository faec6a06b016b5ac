/* Atomic, durable file replacement: readers see the old file or the new one, never a
 * torn one, even if the writer is killed at any instruction. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINK_HOPS 32

/* returns owned string: free(); the directory part of p ("." when none) */
static char *dir_of(const char *p)
{
    const char *slash = strrchr(p, '/');
    if (!slash)
        return wiz_strdup(".");
    if (slash == p)
        return wiz_strdup("/");
    return strndup(p, (size_t)(slash - p));
}

char *wiz_resolve_link_target(struct wiz_ctx *ctx, const char *path)
{
    char *cur = wiz_strdup(path);
    for (int hop = 0; cur && hop <= MAX_LINK_HOPS; hop++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            if (errno == ENOENT)
                return cur; /* a new file, or the missing target of a dangling link */
            wiz_fail_errno(ctx, WIZ_EIO, "cannot inspect %s", cur);
            free(cur);
            return NULL;
        }
        if (!S_ISLNK(st.st_mode))
            return cur;
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0) {
            wiz_fail_errno(ctx, WIZ_EIO, "cannot read the link %s", cur);
            free(cur);
            return NULL;
        }
        target[n] = '\0';
        char *next;
        if (target[0] == '/') {
            next = wiz_strdup(target);
        } else { /* relative links are relative to the link's own directory */
            char *dir = dir_of(cur);
            next = dir ? wiz_asprintf("%s/%s", dir, target) : NULL;
            free(dir);
        }
        free(cur);
        cur = next;
    }
    if (!cur) {
        wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        return NULL;
    }
    wiz_fail(ctx, WIZ_EIO, "too many levels of symbolic links at %s", path);
    free(cur);
    return NULL;
}

static enum wiz_rc write_all(struct wiz_ctx *ctx, int fd, const char *tmp, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", tmp);
        }
        p += n;
        len -= (size_t)n;
    }
    return WIZ_OK;
}

/* The rename is only durable once the directory entry is on disk too. */
static enum wiz_rc fsync_dir(struct wiz_ctx *ctx, const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open directory %s", dir);
    int r = fsync(fd);
    int e = errno;
    close(fd);
    if (r != 0 && e != EINVAL) { /* some file systems cannot sync directories */
        errno = e;
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot sync directory %s", dir);
    }
    return WIZ_OK;
}

static int open_temp(const char *target, char **tmp_out)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned r;
        if (getentropy(&r, sizeof r) != 0)
            r = (unsigned)rand();
        char *tmp = wiz_asprintf("%s.tmp-%ld-%08x", target, (long)getpid(), r);
        if (!tmp)
            return -1;
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            *tmp_out = tmp;
            return fd;
        }
        int e = errno;
        free(tmp);
        if (e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

enum wiz_rc wiz_atomic_write(struct wiz_ctx *ctx, const char *path, const void *data, size_t len)
{
    char *target = wiz_resolve_link_target(ctx, path);
    if (!target)
        return ctx->rc;
    char *dir = dir_of(target);
    char *tmp = NULL;
    enum wiz_rc rc = WIZ_OK;
    int fd = -1;
    if (!dir) {
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        goto out;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create directory %s", dir);
        goto out;
    }
    fd = open_temp(target, &tmp);
    if (fd < 0) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create a temporary file beside %s", target);
        goto out;
    }
    /* the umask could have narrowed it further, never widened; be exact anyway */
    if (fchmod(fd, 0600) != 0) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot set the mode of %s", tmp);
        goto out;
    }
    if ((rc = write_all(ctx, fd, tmp, data, len)) != WIZ_OK)
        goto out;
    if (fsync(fd) != 0) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot sync %s", tmp);
        goto out;
    }
    if (close(fd) != 0) {
        fd = -1;
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot close %s", tmp);
        goto out;
    }
    fd = -1;
    if (rename(tmp, target) != 0) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot replace %s", target);
        goto out;
    }
    free(tmp);
    tmp = NULL;
    rc = fsync_dir(ctx, dir);
out:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(dir);
    free(target);
    return rc;
}
