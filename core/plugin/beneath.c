/* Project writes re-checked at write time: every path is opened relative to a descriptor
 * of the project root, one component at a time, never following a symbolic link
 * (openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where the kernel has it, else an
 * O_NOFOLLOW walk, which refuses the same paths). A directory swapped for a link between
 * plan and apply, or a link committed where a ledger says a file was, is refused instead
 * of being followed out of the project. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* every component a plain name: no "", ".", "..", no leading slash */
static bool plain_relative(const char *rel)
{
    for (const char *p = rel;;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!e)
            return true;
        p = e + 1;
    }
}

static enum wiz_rc refuse_link(struct wiz_ctx *ctx, const char *rel)
{
    return wiz_fail(ctx, WIZ_EWRITE,
                    "'%s': a symbolic link or a non-directory is in the way (checked at write time): refused", rel);
}

/* openat2 of a directory beneath dirfd; -1 with errno ENOSYS when the kernel lacks it */
static int open_dir_openat2(int dirfd, const char *path)
{
#ifdef SYS_openat2
    struct open_how how = {.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS};
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
#else
    (void)dirfd, (void)path;
    errno = ENOSYS;
    return -1;
#endif
}

/* Opens the directory that holds rel (a normalised relative path) beneath root;
 * create: makes missing directories (0755) on the way. *leaf points into rel.
 * returns an fd the caller closes, or -1 with the message on ctx. */
static int open_parent(struct wiz_ctx *ctx, const char *root, const char *rel, bool create, const char **leaf)
{
    if (!plain_relative(rel)) {
        wiz_fail(ctx, WIZ_EWRITE, "'%s': not a path inside the project", rel);
        return -1;
    }
    const char *slash = strrchr(rel, '/');
    *leaf = slash ? slash + 1 : rel;
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        wiz_fail_errno(ctx, WIZ_EIO, "cannot open the project directory %s", root);
        return -1;
    }
    if (!slash)
        return fd;
    char *dir = wiz_asprintf("%.*s", (int)(slash - rel), rel);
    if (!dir) {
        close(fd);
        wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        return -1;
    }
    int d = open_dir_openat2(fd, dir);
    if (d >= 0 || (errno != ENOSYS && errno != EPERM && errno != EINVAL && errno != E2BIG && errno != ENOENT)) {
        int e = errno;
        close(fd);
        free(dir);
        if (d < 0) {
            if (e == ELOOP || e == EXDEV || e == ENOTDIR)
                refuse_link(ctx, rel);
            else
                errno = e, wiz_fail_errno(ctx, WIZ_EIO, "cannot open the directory of %s", rel);
        }
        return d;
    }
    /* the walk: no openat2 here, or a directory to create */
    for (char *p = dir; p && *p;) {
        char *next = strchr(p, '/');
        if (next)
            *next = '\0';
        int sub = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0 && errno == ENOENT && create) {
            if (mkdirat(fd, p, 0755) != 0 && errno != EEXIST) {
                wiz_fail_errno(ctx, WIZ_EIO, "cannot create a directory for %s", rel);
                close(fd), free(dir);
                return -1;
            }
            sub = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        int e = errno;
        close(fd);
        if (sub < 0) {
            if (e == ELOOP || e == ENOTDIR)
                refuse_link(ctx, rel);
            else if (e == ENOENT)
                wiz_fail(ctx, WIZ_ENOTFOUND, "%s: no such file", rel);
            else
                errno = e, wiz_fail_errno(ctx, WIZ_EIO, "cannot open the directory of %s", rel);
            free(dir);
            return -1;
        }
        fd = sub;
        p = next ? next + 1 : NULL;
    }
    free(dir);
    return fd;
}

enum wiz_rc wiz_beneath_read(struct wiz_ctx *ctx, const char *root, const char *rel, char **out, size_t *len,
                             unsigned *mode)
{
    const char *leaf;
    int dfd = open_parent(ctx, root, rel, false, &leaf);
    if (dfd < 0)
        return ctx->rc;
    /* O_NONBLOCK: a FIFO planted where a file should be must not hang the read */
    int fd = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    int e = errno;
    close(dfd);
    if (fd < 0) {
        if (e == ENOENT)
            return wiz_fail(ctx, WIZ_ENOTFOUND, "%s: no such file", rel);
        if (e == ELOOP)
            return refuse_link(ctx, rel);
        errno = e;
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open %s", rel);
    }
    enum wiz_rc rc = wiz_pfs_read_fd(ctx, fd, rel, out, len, mode);
    if (!rc && mode)
        *mode &= 0777;
    return rc;
}

enum wiz_rc wiz_beneath_write(struct wiz_ctx *ctx, const char *root, const char *rel, const char *data, size_t len,
                              unsigned mode)
{
    const char *leaf;
    int dfd = open_parent(ctx, root, rel, true, &leaf);
    if (dfd < 0)
        return ctx->rc;
    struct stat st;
    if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
        close(dfd);
        return S_ISLNK(st.st_mode) ? refuse_link(ctx, rel)
                                   : wiz_fail(ctx, WIZ_EWRITE, "'%s' is not a regular file: refused", rel);
    }
    char *tmp = wiz_asprintf("%s.wiz-tmp-%ld", leaf, (long)getpid());
    if (!tmp) {
        close(dfd);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    /* ordinary file modes only: no set-id or sticky bits, whatever a record says */
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0777);
    enum wiz_rc rc = WIZ_OK;
    if (fd < 0) {
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create a temp file beside %s", rel);
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t n = write(fd, data + off, len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            off += (size_t)n;
        }
        /* fchmod: the umask must not change an existing file's mode */
        bool ok = off == len && fchmod(fd, mode & 0777) == 0 && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
        if (!ok)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", rel);
        else if (renameat(dfd, tmp, dfd, leaf) != 0)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot replace %s", rel);
        if (rc)
            unlinkat(dfd, tmp, 0);
    }
    free(tmp);
    close(dfd);
    return rc;
}

enum wiz_rc wiz_beneath_unlink(struct wiz_ctx *ctx, const char *root, const char *rel)
{
    const char *leaf;
    int dfd = open_parent(ctx, root, rel, false, &leaf);
    if (dfd < 0)
        return ctx->rc == WIZ_ENOTFOUND ? WIZ_OK : ctx->rc;
    struct stat st;
    enum wiz_rc rc = WIZ_OK;
    if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode))
        rc = wiz_fail(ctx, WIZ_EWRITE, "'%s' is no longer a regular file: not removing it", rel);
    else if (unlinkat(dfd, leaf, 0) != 0 && errno != ENOENT)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot remove %s", rel);
    close(dfd);
    return rc;
}

void wiz_beneath_rmdir(const char *root, const char *rel)
{
    struct wiz_ctx quiet;
    wiz_ctx_init(&quiet);
    const char *leaf;
    int dfd = open_parent(&quiet, root, rel, false, &leaf);
    if (dfd < 0)
        return;
    struct stat st;
    if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
        (void)unlinkat(dfd, leaf, AT_REMOVEDIR); /* ENOTEMPTY: the user's files live there now */
    close(dfd);
}
