/* Apply with a write-ahead ledger under <project>/.amplitude/runs/<run-id>/: each file's
 * pre-image and the hash of its new content are on disk (fsync'd) before the file is
 * replaced, so a run can be undone even after a crash half-way. */
#include "host.h"
#include "ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void wiz_sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int n = 0;
    EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

char *wiz_ledger_runs_dir(const char *root)
{
    return wiz_asprintf("%s/.amplitude/runs", root);
}

static enum wiz_rc mkdir_p(struct wiz_ctx *ctx, const char *path, mode_t mode)
{
    if (mkdir(path, mode) != 0 && errno != EEXIST)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", path);
    return WIZ_OK;
}

/* Appends one line and makes it durable before anything it announces happens. */
static enum wiz_rc append(struct wiz_ctx *ctx, int fd, const char *line)
{
    size_t n = strlen(line);
    if (write(fd, line, n) != (ssize_t)n || fsync(fd) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write the run ledger");
    return WIZ_OK;
}

static int test_hook(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] ? atoi(v) : -1;
}

enum wiz_rc wiz_ledger_restore(struct wiz_ctx *ctx, const char *root, const char *run_dir,
                               const struct wiz_ledger_file *f)
{
    char *abs = wiz_asprintf("%s/%s", root, f->path);
    if (!abs)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = WIZ_OK;
    if (f->created) {
        if (unlink(abs) != 0 && errno != ENOENT)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot remove %s", f->path);
    } else {
        char *pre = wiz_asprintf("%s/%d.pre", run_dir, f->index), *text = NULL;
        size_t len = 0;
        rc = pre ? wiz_pfs_read_abs(ctx, pre, &text, &len, NULL) : WIZ_EINTERNAL;
        if (rc == WIZ_OK)
            rc = wiz_pfs_write_abs(ctx, abs, text, len, f->mode);
        free(pre);
        free(text);
    }
    free(abs);
    return rc;
}

void wiz_ledger_rmdirs(const char *root, char *const *dirs, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        char *abs = wiz_asprintf("%s/%s", root, dirs[i]);
        if (abs)
            (void)rmdir(abs); /* ENOTEMPTY: the user's files live there now: keep it */
        free(abs);
    }
}

/* Records, before the write that creates them, each parent directory of rel that does
 * not exist yet, top down (undo removes them bottom up). */
static enum wiz_rc note_new_dirs(struct wiz_ctx *ctx, int fd, const char *root, const char *rel, char ***dirs,
                                 size_t *n)
{
    for (const char *sl = strchr(rel, '/'); sl; sl = strchr(sl + 1, '/')) {
        char *sub = wiz_asprintf("%.*s", (int)(sl - rel), rel), *abs = sub ? wiz_asprintf("%s/%s", root, sub) : NULL;
        char **nv = abs ? realloc(*dirs, (*n + 1) * sizeof *nv) : NULL;
        if (!nv) {
            free(sub);
            free(abs);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        }
        *dirs = nv;
        struct stat st;
        bool exists = lstat(abs, &st) == 0;
        free(abs);
        if (exists) {
            free(sub);
            continue;
        }
        char line[PATH_MAX_LINE];
        snprintf(line, sizeof line, "dir %s\n", sub);
        nv[(*n)++] = sub;
        enum wiz_rc rc = append(ctx, fd, line);
        if (rc)
            return rc;
    }
    return WIZ_OK;
}

enum wiz_rc wiz_ledger_apply(struct wiz_app *app, const char *root, const char *framework,
                             const struct wiz_plan *plan, char **run_id)
{
    struct wiz_ctx *ctx = &app->ctx;
    *run_id = NULL;
    char id[64], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(id, sizeof id, "%s-%ld", stamp, (long)getpid());
    char *amp = wiz_asprintf("%s/.amplitude", root), *runs = wiz_ledger_runs_dir(root);
    char *dir = wiz_asprintf("%s/%s", runs ? runs : "", id), *man = wiz_asprintf("%s/manifest", dir ? dir : "");
    char *self_ignore = wiz_asprintf("%s/.gitignore", runs ? runs : "");
    enum wiz_rc rc = (!amp || !runs || !dir || !man || !self_ignore) ? wiz_fail(ctx, WIZ_EINTERNAL, "out of memory") : WIZ_OK;
    if (!rc)
        rc = mkdir_p(ctx, amp, 0755);
    if (!rc)
        rc = mkdir_p(ctx, runs, 0700);
    /* the runs dir ignores itself too, whatever happens to the project's .gitignore */
    if (!rc && access(self_ignore, F_OK) != 0)
        rc = wiz_pfs_write_abs(ctx, self_ignore, "*\n", 2, 0600);
    if (!rc && mkdir(dir, 0700) != 0)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", dir);
    int fd = rc ? -1 : open(man, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (!rc && fd < 0)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", man);
    char line[PATH_MAX_LINE];
    if (!rc) {
        snprintf(line, sizeof line, "ampli-wizard-ledger 1\nframework %s\n", framework ? framework : "-");
        rc = append(ctx, fd, line);
    }
    int crash_after = test_hook("AMPLITUDE_WIZARD_TEST_CRASH_AFTER");
    int fail_after = test_hook("AMPLITUDE_WIZARD_TEST_FAIL_AFTER");
    int written = 0;
    size_t done = 0, ndirs = 0;
    char **dirs = NULL;
    struct wiz_ledger_file *files = calloc(plan->n + 1, sizeof *files);
    if (!files && !rc)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    for (size_t i = 0; !rc && i < plan->n; i++) {
        const struct wiz_plan_entry *e = &plan->v[i];
        if (e->skip || !e->text || (e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0))
            continue;
        struct wiz_ledger_file *f = &files[done];
        f->index = (int)i;
        f->created = e->old == NULL;
        f->mode = e->mode;
        snprintf(f->path, sizeof f->path, "%s", e->path);
        wiz_sha256_hex(e->text, e->len, f->sha_new);
        if (!e->old) {
            rc = note_new_dirs(ctx, fd, root, e->path, &dirs, &ndirs);
            if (rc)
                break;
        } else {
            char *pre = wiz_asprintf("%s/%d.pre", dir, f->index);
            rc = pre ? wiz_pfs_write_abs(ctx, pre, e->old, e->old_len, 0600) : WIZ_EINTERNAL;
            free(pre);
            if (rc)
                break;
        }
        snprintf(line, sizeof line, "file %d %c %o %s %s\n", f->index, f->created ? 'c' : 'm', f->mode, f->sha_new,
                 e->path);
        rc = append(ctx, fd, line);
        if (rc)
            break;
        if (fail_after >= 0 && written >= fail_after) {
            rc = wiz_fail(ctx, WIZ_EIO, "%s: simulated write failure (AMPLITUDE_WIZARD_TEST_FAIL_AFTER)", e->path);
            break;
        }
        char *abs = wiz_asprintf("%s/%s", root, e->path);
        rc = abs ? wiz_pfs_write_abs(ctx, abs, e->text, e->len, e->mode) : WIZ_EINTERNAL;
        free(abs);
        done++;
        if (rc)
            break;
        if (++written == crash_after)
            _exit(70); /* test hook: a crash between two writes */
    }
    if (rc && fd >= 0) {
        /* roll back what was written, newest first */
        struct wiz_ctx rctx;
        wiz_ctx_init(&rctx);
        for (size_t k = done; k-- > 0;)
            if (wiz_ledger_restore(&rctx, root, dir, &files[k]))
                wiz_warn(ctx, "rollback: %s", wiz_errmsg(&rctx));
        wiz_ledger_rmdirs(root, dirs, ndirs);
        append(&rctx, fd, "rolledback\n");
        wiz_warn(ctx, "rolled back %zu file(s); the project is as it was", done);
    } else if (!rc) {
        rc = append(ctx, fd, "complete\n");
    }
    if (fd >= 0)
        close(fd);
    if (!rc)
        *run_id = wiz_strdup(id);
    free(files);
    for (size_t i = 0; i < ndirs; i++)
        free(dirs[i]);
    free(dirs);
    free(amp);
    free(runs);
    free(dir);
    free(man);
    free(self_ignore);
    return rc;
}
