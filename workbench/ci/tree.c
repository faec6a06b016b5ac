/* The app's tree: a faithful copy without dependency and build folders, and a manifest of
 * content hashes to prove what setup changed and that undo restored every byte. */
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Installed dependencies, build output and caches: rebuilt by the build level anyway. */
static const char *const skipped[] = {"node_modules", ".next", "dist", "build", ".react-router", ".turbo",
                                      ".vite", ".svelte-kit", ".nuxt", ".output", "coverage", "__pycache__",
                                      ".venv", "venv", ".pytest_cache", ".mypy_cache", ".git", ".amplitude",
                                      NULL};

static bool is_skipped(const char *name)
{
    for (int i = 0; skipped[i]; i++)
        if (strcmp(name, skipped[i]) == 0)
            return true;
    return false;
}

static enum wiz_rc copy_file(struct wiz_ctx *ctx, const char *src, const char *dst, mode_t mode)
{
    size_t len = 0;
    char *data = ci_read_file(src, &len);
    if (!data)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot read %s", src);
    enum wiz_rc rc = ci_write_file(ctx, dst, data, len);
    free(data);
    if (!rc && chmod(dst, mode & 07777) != 0)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot chmod %s", dst);
    return rc;
}

enum wiz_rc ci_copy_tree(struct wiz_ctx *ctx, const char *src, const char *dst)
{
    if (mkdir(dst, 0755) != 0 && errno != EEXIST)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", dst);
    DIR *d = opendir(src);
    if (!d)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot open %s", src);
    enum wiz_rc rc = WIZ_OK;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || is_skipped(de->d_name))
            continue;
        char *s = wiz_asprintf("%s/%s", src, de->d_name), *t = wiz_asprintf("%s/%s", dst, de->d_name);
        struct stat st;
        if (!s || !t)
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        else if (lstat(s, &st) != 0)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot stat %s", s);
        else if (S_ISDIR(st.st_mode))
            rc = ci_copy_tree(ctx, s, t);
        else if (S_ISREG(st.st_mode))
            rc = copy_file(ctx, s, t, st.st_mode);
        else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(s, target, sizeof target - 1);
            if (n < 0 || (target[n] = '\0', symlink(target, t) != 0))
                rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot copy link %s", s);
        }
        free(s);
        free(t);
    }
    closedir(d);
    return rc;
}

static enum wiz_rc add(struct wiz_ctx *ctx, struct ci_manifest *m, size_t *cap, const char *rel, const char *abs,
                       const struct stat *st)
{
    if (m->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 128;
        struct ci_mf_entry *v = realloc(m->v, nc * sizeof *v);
        if (!v)
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        m->v = v, *cap = nc;
    }
    struct ci_mf_entry *e = &m->v[m->n];
    memset(e, 0, sizeof *e);
    e->mode = st->st_mode & 0777;
    size_t len = 0;
    char *data = NULL;
    if (S_ISLNK(st->st_mode)) {
        char target[4096];
        ssize_t n = readlink(abs, target, sizeof target - 1);
        data = n >= 0 ? (target[n] = '\0', wiz_asprintf("link:%s", target)) : NULL;
        len = data ? strlen(data) : 0;
    } else {
        data = ci_read_file(abs, &len);
    }
    if (!data)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot read %s", abs);
    unsigned char md[32];
    unsigned int mdn = 0;
    EVP_Digest(data, len, md, &mdn, EVP_sha256(), NULL);
    free(data);
    for (unsigned i = 0; i < 32; i++)
        snprintf(e->hash + 2 * i, 3, "%02x", md[i]);
    if (!(e->path = wiz_strdup(rel)))
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    m->n++;
    return WIZ_OK;
}

static enum wiz_rc walk(struct wiz_ctx *ctx, struct ci_manifest *m, size_t *cap, const char *root, const char *rel)
{
    char *dir = rel[0] ? wiz_asprintf("%s/%s", root, rel) : wiz_strdup(root);
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot open %s", dir ? dir : root);
        free(dir);
        return rc;
    }
    enum wiz_rc rc = WIZ_OK;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char *r = rel[0] ? wiz_asprintf("%s/%s", rel, de->d_name) : wiz_strdup(de->d_name);
        char *a = wiz_asprintf("%s/%s", dir, de->d_name);
        struct stat st;
        /* the repository and the wizard's own run records are not the app */
        if (!r || !a)
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        else if (!strcmp(r, ".git") || !strcmp(r, ".amplitude/runs"))
            ;
        else if (lstat(a, &st) != 0)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot stat %s", a);
        else if (S_ISDIR(st.st_mode))
            rc = walk(ctx, m, cap, root, r);
        else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
            rc = add(ctx, m, cap, r, a, &st);
        free(r);
        free(a);
    }
    closedir(d);
    free(dir);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct ci_mf_entry *)a)->path, ((const struct ci_mf_entry *)b)->path);
}

enum wiz_rc ci_manifest_take(struct wiz_ctx *ctx, const char *root, struct ci_manifest *m)
{
    ci_manifest_free(m);
    size_t cap = 0;
    enum wiz_rc rc = walk(ctx, m, &cap, root, "");
    if (!rc && m->n)
        qsort(m->v, m->n, sizeof *m->v, by_path);
    return rc;
}

const struct ci_mf_entry *ci_manifest_find(const struct ci_manifest *m, const char *path)
{
    struct ci_mf_entry key = {.path = (char *)path};
    return m->n ? bsearch(&key, m->v, m->n, sizeof *m->v, by_path) : NULL;
}

static void note(char *buf, size_t n, char sign, const char *path)
{
    size_t len = strlen(buf);
    if (len + strlen(path) + 8 < n)
        snprintf(buf + len, n - len, "%s%c%s", len ? " " : "", sign, path);
    else if (len + 5 < n && (len < 4 || strcmp(buf + len - 4, " ...") != 0))
        snprintf(buf + len, n - len, " ...");
}

int ci_manifest_diff(const struct ci_manifest *a, const struct ci_manifest *b, char *buf, size_t n)
{
    int count = 0;
    if (n)
        buf[0] = '\0';
    for (size_t i = 0; i < b->n; i++) {
        const struct ci_mf_entry *o = ci_manifest_find(a, b->v[i].path);
        if (!o || strcmp(o->hash, b->v[i].hash) || o->mode != b->v[i].mode) {
            note(buf, n, o ? '~' : '+', b->v[i].path);
            count++;
        }
    }
    for (size_t i = 0; i < a->n; i++)
        if (!ci_manifest_find(b, a->v[i].path)) {
            note(buf, n, '-', a->v[i].path);
            count++;
        }
    return count;
}

void ci_manifest_free(struct ci_manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].path);
    free(m->v);
    m->v = NULL;
    m->n = 0;
}
