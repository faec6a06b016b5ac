/* Project files as plugins see them: every path is relative to the project root and
 * confined to it (no "..", no absolute path, no symlink that leads out). */
#include "host.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_READ (8u << 20)

char *wiz_pfs_root(struct wiz_ctx *ctx, const char *install_dir)
{
    char *r = realpath(install_dir ? install_dir : ".", NULL);
    if (!r) {
        wiz_fail_errno(ctx, WIZ_EUSAGE, "project directory '%s'", install_dir ? install_dir : ".");
        return NULL;
    }
    struct stat st;
    if (stat(r, &st) != 0 || !S_ISDIR(st.st_mode)) {
        wiz_fail(ctx, WIZ_EUSAGE, "project directory '%s' is not a directory", install_dir);
        free(r);
        return NULL;
    }
    return r;
}

static bool inside(const char *root, const char *p)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(p, root, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* Normalises rel: drops "." and empty components; refuses ".." and absolute paths. */
static enum wiz_rc normalise(struct wiz_ctx *ctx, const char *rel, char **out)
{
    if (!rel || !rel[0])
        return wiz_fail(ctx, WIZ_EWRITE, "empty path");
    if (rel[0] == '/' || rel[0] == '~')
        return wiz_fail(ctx, WIZ_EWRITE, "'%s': absolute paths are refused (paths are relative to the project)", rel);
    if (strpbrk(rel, "\n\r\\"))
        return wiz_fail(ctx, WIZ_EWRITE, "'%s': path has a forbidden character", rel);
    char *norm = malloc(strlen(rel) + 1);
    if (!norm)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    size_t o = 0;
    const char *p = rel;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            free(norm);
            return wiz_fail(ctx, WIZ_EWRITE, "'%s': '..' is refused (paths stay inside the project)", rel);
        }
        if (n && !(n == 1 && p[0] == '.')) {
            if (o)
                norm[o++] = '/';
            memcpy(norm + o, p, n);
            o += n;
        }
        p += n;
        if (*p == '/')
            p++;
    }
    norm[o] = '\0';
    if (!o) {
        free(norm);
        return wiz_fail(ctx, WIZ_EWRITE, "'%s' names the project directory itself", rel);
    }
    *out = norm;
    return WIZ_OK;
}

enum wiz_rc wiz_pfs_resolve(struct wiz_ctx *ctx, const char *root, const char *rel, bool for_write,
                            char **abs_out, char **norm_out)
{
    char *norm = NULL;
    enum wiz_rc rc = normalise(ctx, rel, &norm);
    if (rc)
        return rc;
    char *abs = wiz_asprintf("%s/%s", root, norm);
    if (!abs) {
        free(norm);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    /* The deepest existing ancestor (or the file itself) must resolve inside root. */
    char *probe = wiz_strdup(abs);
    rc = probe ? WIZ_OK : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    for (; probe;) {
        struct stat st;
        if (lstat(probe, &st) == 0) {
            if (for_write && strcmp(probe, abs) == 0 && S_ISLNK(st.st_mode)) {
                rc = wiz_fail(ctx, WIZ_EWRITE, "'%s' is a symbolic link: not replacing it", norm);
                break;
            }
            char *real = realpath(probe, NULL);
            if (!real) {
                /* dangling link: its target is unknown, so refuse */
                rc = wiz_fail(ctx, WIZ_EWRITE, "'%s' leads nowhere (dangling symbolic link)", norm);
                break;
            }
            if (!inside(root, real))
                rc = wiz_fail(ctx, WIZ_EWRITE, "'%s' leads outside the project (symbolic link): refused", norm);
            free(real);
            break;
        }
        char *slash = strrchr(probe, '/');
        if (!slash || slash == probe || strlen(probe) <= strlen(root))
            break;
        *slash = '\0';
    }
    free(probe);
    if (rc) {
        free(abs);
        free(norm);
        return rc;
    }
    *abs_out = abs;
    if (norm_out)
        *norm_out = norm;
    else
        free(norm);
    return WIZ_OK;
}

enum wiz_rc wiz_pfs_read_fd(struct wiz_ctx *ctx, int fd, const char *name, char **out, size_t *len, unsigned *mode)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_READ) {
        close(fd);
        return wiz_fail(ctx, WIZ_EIO, "%s: not a regular file of at most 8 MiB", name);
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    buf[got] = '\0';
    *out = buf;
    if (len)
        *len = got;
    if (mode)
        *mode = st.st_mode & 07777;
    return WIZ_OK;
}

enum wiz_rc wiz_pfs_read_abs(struct wiz_ctx *ctx, const char *abs, char **out, size_t *len, unsigned *mode)
{
    /* O_NONBLOCK: a FIFO where a file should be must not hang the read (it is refused) */
    int fd = open(abs, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return wiz_fail(ctx, WIZ_ENOTFOUND, "%s: no such file", abs);
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open %s", abs);
    }
    return wiz_pfs_read_fd(ctx, fd, abs, out, len, mode);
}

char *wiz_pfs_read_rel(const char *root, const char *rel)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs = NULL, *text = NULL;
    if (wiz_pfs_resolve(&ctx, root, rel, false, &abs, NULL) == WIZ_OK)
        (void)wiz_pfs_read_abs(&ctx, abs, &text, NULL, NULL);
    free(abs);
    return text;
}

static enum wiz_rc mkparents(struct wiz_ctx *ctx, const char *abs)
{
    char *d = wiz_strdup(abs);
    if (!d)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(d, 0755) != 0 && errno != EEXIST) {
            enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create directory %s", d);
            free(d);
            return rc;
        }
        *p = '/';
    }
    free(d);
    return WIZ_OK;
}

enum wiz_rc wiz_pfs_sync_dir(struct wiz_ctx *ctx, const char *dir)
{
    int dfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open %s", dir);
    /* EINVAL: a file system that cannot sync directories (nothing more to do there) */
    int r = fsync(dfd) == 0 || errno == EINVAL ? 0 : -1;
    close(dfd);
    return r ? wiz_fail_errno(ctx, WIZ_EIO, "cannot sync %s", dir) : WIZ_OK;
}

/* temp file, write, fsync, rename (beneath.c, in the file's own directory); the directory
 * entry is made durable by the caller */
static enum wiz_rc write_replace(struct wiz_ctx *ctx, const char *abs, const char *data, size_t len, unsigned mode)
{
    enum wiz_rc rc = mkparents(ctx, abs);
    if (rc)
        return rc;
    char *dir = wiz_strdup(abs), *slash = dir ? strrchr(dir, '/') : NULL;
    if (!slash || !slash[1]) {
        free(dir);
        return wiz_fail(ctx, dir ? WIZ_EUSAGE : WIZ_EINTERNAL, "'%s' is not a file path", abs);
    }
    *slash = '\0';
    rc = wiz_beneath_write(ctx, dir[0] ? dir : "/", slash + 1, data, len, mode);
    free(dir);
    return rc;
}

enum wiz_rc wiz_pfs_write_abs_nodirsync(struct wiz_ctx *ctx, const char *abs, const char *data, size_t len,
                                        unsigned mode)
{
    return write_replace(ctx, abs, data, len, mode);
}

enum wiz_rc wiz_pfs_write_abs(struct wiz_ctx *ctx, const char *abs, const char *data, size_t len, unsigned mode)
{
    enum wiz_rc rc = write_replace(ctx, abs, data, len, mode);
    if (rc)
        return rc;
    char *dir = wiz_strdup(abs);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash) {
        *slash = '\0';
        /* as before: the data is durable; a directory that cannot be synced is not an error here */
        struct wiz_ctx quiet;
        wiz_ctx_init(&quiet);
        (void)wiz_pfs_sync_dir(&quiet, dir);
    }
    free(dir);
    return WIZ_OK;
}

/* Splits p at '/' into at most max segments of < 256 bytes; -1 when it does not fit. */
static int split_segments(const char *p, char seg[][256], int max)
{
    int n = 0;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (n == max || len >= 256)
            return -1;
        memcpy(seg[n], p, len);
        seg[n++][len] = '\0';
        if (!e)
            return n;
        p = e + 1;
    }
}

/* Segment by segment, "**" spanning any number of segments. Dynamic programming over
 * (pattern segment, path segment): linear in their product, whatever the number of "**"
 * (the recursive matcher it replaces was exponential in it). */
bool wiz_glob_match(const char *pat, const char *path)
{
    enum { MAXSEG = 64 };
    static const int wild_cap = 16; /* '*' / '?' per pattern: fnmatch backtracks within a segment */
    int wild = 0;
    for (const char *c = pat; *c; c++)
        wild += *c == '*' || *c == '?';
    char(*ps)[256] = malloc(sizeof(char[MAXSEG][256])), (*ss)[256] = malloc(sizeof(char[MAXSEG][256]));
    int np = ps ? split_segments(pat, ps, MAXSEG) : -1, ns = ss ? split_segments(path, ss, MAXSEG) : -1;
    bool ok = false;
    if (np > 0 && ns > 0 && wild <= wild_cap) {
        bool dp[MAXSEG + 1][MAXSEG + 1];
        memset(dp, 0, sizeof dp);
        dp[np][ns] = true;
        for (int i = np - 1; i >= 0; i--)
            for (int j = ns; j >= 0; j--) {
                if (strcmp(ps[i], "**") == 0)
                    dp[i][j] = dp[i + 1][j] || (j < ns && dp[i][j + 1]);
                else
                    dp[i][j] = j < ns && dp[i + 1][j + 1] && fnmatch(ps[i], ss[j], FNM_PERIOD) == 0;
            }
        ok = dp[0][0];
    }
    free(ps), free(ss);
    return ok;
}

struct glob_acc {
    char **v;
    size_t n, cap, bytes;
};

static bool skip_dir(const char *name)
{
    return name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "__pycache__") == 0 ||
           strcmp(name, "venv") == 0;
}

static void walk(const char *root, const char *rel, int depth, const char *pat, struct glob_acc *acc)
{
    if (depth > 12 || acc->n >= 10000)
        return;
    char *dirp = rel[0] ? wiz_asprintf("%s/%s", root, rel) : wiz_strdup(root);
    DIR *d = dirp ? opendir(dirp) : NULL;
    free(dirp);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *sub = rel[0] ? wiz_asprintf("%s/%s", rel, de->d_name) : wiz_strdup(de->d_name);
        if (!sub)
            break;
        char *abs = wiz_asprintf("%s/%s", root, sub);
        struct stat st;
        bool ok = abs && lstat(abs, &st) == 0; /* lstat: never follow a link out */
        free(abs);
        if (ok && S_ISDIR(st.st_mode)) {
            if (!skip_dir(de->d_name))
                walk(root, sub, depth + 1, pat, acc);
        } else if (ok && S_ISREG(st.st_mode) && wiz_glob_match(pat, sub)) {
            if (acc->n + 1 >= acc->cap) {
                size_t nc = acc->cap ? acc->cap * 2 : 16;
                char **nv = realloc(acc->v, nc * sizeof *nv);
                if (!nv) {
                    free(sub);
                    break;
                }
                acc->v = nv;
                acc->cap = nc;
            }
            acc->v[acc->n++] = sub;
            acc->bytes += strlen(sub) + 1;
            continue;
        }
        free(sub);
    }
    closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum wiz_rc wiz_pfs_glob(struct wiz_ctx *ctx, const char *root, const char *pattern, char ***out)
{
    if (!pattern || pattern[0] == '/' || strstr(pattern, ".."))
        return wiz_fail(ctx, WIZ_EWRITE, "glob '%s': patterns are relative to the project, without '..'",
                        pattern ? pattern : "");
    struct glob_acc acc = {0};
    walk(root, "", 0, pattern, &acc);
    if (acc.n)
        qsort(acc.v, acc.n, sizeof *acc.v, cmp_str);
    /* One block: the pointer array followed by the strings, so one free() releases it. */
    char **blk = malloc((acc.n + 1) * sizeof(char *) + acc.bytes);
    if (!blk) {
        for (size_t i = 0; i < acc.n; i++)
            free(acc.v[i]);
        free(acc.v);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    char *s = (char *)(blk + acc.n + 1);
    for (size_t i = 0; i < acc.n; i++) {
        size_t l = strlen(acc.v[i]) + 1;
        memcpy(s, acc.v[i], l);
        blk[i] = s;
        s += l;
        free(acc.v[i]);
    }
    blk[acc.n] = NULL;
    free(acc.v);
    *out = blk;
    return WIZ_OK;
}
