/* Apply with a write-ahead ledger under ~/.amplitude/wizard/runs/<project hash>/undo/<run-id>/
 * (ledger_dir.c: outside the project, so a cloned repository or a plugin cannot plant or
 * forge a record that undo obeys): every file's pre-image and the hash of its new content
 * are on disk (fsync'd) before the first file is replaced, so a run can be undone even
 * after a crash half-way. Project files are written through beneath.c. fsyncs:
 * one per pre-image, one for the manifest, one per written file, one per directory whose
 * entries changed, one for the closing line. */
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

/* Appends one line and makes it durable before anything it announces happens. */
static enum wiz_rc append(struct wiz_ctx *ctx, int fd, const char *line)
{
    size_t n = strlen(line);
    if (write(fd, line, n) != (ssize_t)n || fsync(fd) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write the run ledger");
    return WIZ_OK;
}

/* Fault injection for the crash and rollback tests; compiled out of release packages
 * (make dist configures -DWIZ_TEST_HOOKS=OFF), where it is always off. */
static int test_hook(const char *name)
{
#ifdef WIZ_TEST_HOOKS
    const char *v = getenv(name);
    return v && v[0] ? (int)strtol(v, NULL, 10) : -1;
#else
    (void)name;
    return -1;
#endif
}

enum wiz_rc wiz_ledger_restore(struct wiz_ctx *ctx, const char *root, const char *run_dir,
                               const struct wiz_ledger_file *f)
{
    enum wiz_rc rc = WIZ_OK;
    if (f->created) {
        rc = wiz_beneath_unlink(ctx, root, f->path);
    } else {
        char *pre = wiz_asprintf("%s/%d.pre", run_dir, f->index), *text = NULL;
        size_t len = 0;
        rc = pre ? wiz_pfs_read_abs(ctx, pre, &text, &len, NULL) : WIZ_EINTERNAL;
        if (rc == WIZ_OK)
            rc = wiz_beneath_write(ctx, root, f->path, text, len, f->mode & 0777);
        if (rc == WIZ_OK) {
            char *abs = wiz_asprintf("%s/%s", root, f->path), *slash = abs ? strrchr(abs, '/') : NULL;
            if (slash) {
                *slash = '\0';
                struct wiz_ctx quiet; /* the data is durable; the entry existed before the run */
                wiz_ctx_init(&quiet);
                (void)wiz_pfs_sync_dir(&quiet, abs);
            }
            free(abs);
        }
        free(pre);
        free(text);
    }
    return rc;
}

void wiz_ledger_rmdirs(const char *root, char *const *dirs, size_t n)
{
    for (size_t i = n; i-- > 0;)
        wiz_beneath_rmdir(root, dirs[i]); /* not empty: the user's files live there now: kept */
}

/* Records, before the write that creates them, each parent directory of rel that does
 * not exist yet and is not recorded already, top down (undo removes them bottom up). */
static enum wiz_rc note_new_dirs(struct wiz_ctx *ctx, FILE *man, const char *root, const char *rel, char ***dirs,
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
        bool known = lstat(abs, &st) == 0;
        free(abs);
        for (size_t k = 0; !known && k < *n; k++)
            known = strcmp(nv[k], sub) == 0; /* an earlier file of this run creates it */
        if (known) {
            free(sub);
            continue;
        }
        nv[(*n)++] = sub;
        fprintf(man, "dir %s\n", sub);
    }
    return WIZ_OK;
}

/* The directories whose entries a run changes, each synced once. */
struct dirset {
    char **v;
    size_t n;
};

/* Adds the directory holding abs. */
static enum wiz_rc dirset_add_parent(struct wiz_ctx *ctx, struct dirset *s, const char *abs)
{
    if (!abs)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    const char *slash = strrchr(abs, '/');
    char *d = slash ? wiz_asprintf("%.*s", (int)(slash - abs), abs) : NULL;
    if (!d)
        return slash ? wiz_fail(ctx, WIZ_EINTERNAL, "out of memory") : WIZ_OK;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], d) == 0) {
            free(d);
            return WIZ_OK;
        }
    char **nv = realloc(s->v, (s->n + 1) * sizeof *nv);
    if (!nv) {
        free(d);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    s->v = nv;
    s->v[s->n++] = d;
    return WIZ_OK;
}

static enum wiz_rc dirset_sync(struct wiz_ctx *ctx, const struct dirset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        enum wiz_rc rc = wiz_pfs_sync_dir(ctx, s->v[i]);
        if (rc)
            return rc;
    }
    return WIZ_OK;
}

static void dirset_free(struct dirset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

static bool unchanged(const struct wiz_plan_entry *e)
{
    return e->skip || !e->text || (e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0);
}

/* The whole ledger of a run, durable before the first project file is touched: each
 * pre-image (data fsync'd), then the manifest naming every file and new directory (one
 * write, one fsync), then each directory holding new ledger names synced once. Undo
 * copes with files the manifest names that were never written (crash before them).
 * Fills files/nfiles and dirs/ndirs; *fd: the open manifest (also on failure, when
 * opened), for the closing line. */
static enum wiz_rc write_ledger(struct wiz_ctx *ctx, const char *root, const char *framework,
                                const struct wiz_plan *plan, const char *run_dir, const char *man_path,
                                struct dirset *synced, struct wiz_ledger_file *files, size_t *nfiles, char ***dirs,
                                size_t *ndirs, int *fd)
{
    /* the header first, so a failure below can still close the manifest with "rolledback" */
    *fd = open(man_path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (*fd < 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", man_path);
    /* the project it belongs to: undo refuses a record made for another directory */
    char *head = wiz_asprintf("ampli-wizard-ledger 2\nroot %s\nframework %.200s\n", root, framework ? framework : "-");
    ssize_t hl = head ? (ssize_t)strlen(head) : -1;
    bool wrote = head && write(*fd, head, (size_t)hl) == hl;
    free(head);
    if (!wrote)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write the run ledger");
    char *buf = NULL;
    size_t blen = 0;
    FILE *man = open_memstream(&buf, &blen);
    if (!man)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = WIZ_OK;
    for (size_t i = 0; !rc && i < plan->n; i++) {
        const struct wiz_plan_entry *e = &plan->v[i];
        if (unchanged(e))
            continue;
        struct wiz_ledger_file *f = &files[(*nfiles)++];
        f->index = (int)i;
        f->created = e->old == NULL;
        f->mode = e->mode;
        snprintf(f->path, sizeof f->path, "%s", e->path);
        wiz_sha256_hex(e->text, e->len, f->sha_new);
        if (f->created) {
            rc = note_new_dirs(ctx, man, root, e->path, dirs, ndirs);
        } else {
            char *pre = wiz_asprintf("%s/%d.pre", run_dir, f->index);
            rc = pre ? wiz_pfs_write_abs_nodirsync(ctx, pre, e->old, e->old_len, 0600)
                     : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            free(pre);
        }
        fprintf(man, "file %d %c %o %s %s\n", f->index, f->created ? 'c' : 'm', f->mode, f->sha_new, e->path);
    }
    bool bad = ferror(man) != 0;
    bad |= fclose(man) != 0 || !buf;
    if (!rc && bad)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    if (!rc)
        rc = append(ctx, *fd, buf);
    free(buf);
    if (!rc)
        rc = dirset_sync(ctx, synced);
    return rc;
}

/* Writes each changed file (data fsync'd), then syncs each directory touched once. */
static enum wiz_rc write_files(struct wiz_ctx *ctx, const char *root, const struct wiz_plan *plan,
                               const struct wiz_ledger_file *files, size_t nfiles, char *const *dirs, size_t ndirs,
                               size_t *done)
{
    int crash_after = test_hook("AMPLI_WIZARD_TEST_CRASH_AFTER");
    int fail_after = test_hook("AMPLI_WIZARD_TEST_FAIL_AFTER");
    struct dirset touched = {0};
    enum wiz_rc rc = WIZ_OK;
    for (size_t k = 0; !rc && k < ndirs; k++) {
        char *abs = wiz_asprintf("%s/%s", root, dirs[k]);
        rc = abs ? dirset_add_parent(ctx, &touched, abs) : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        free(abs);
    }
    for (size_t k = 0; !rc && k < nfiles; k++) {
        if (fail_after >= 0 && (int)k >= fail_after) {
            rc = wiz_fail(ctx, WIZ_EIO, "%s: simulated write failure (AMPLI_WIZARD_TEST_FAIL_AFTER)", files[k].path);
            break;
        }
        const struct wiz_plan_entry *e = &plan->v[files[k].index];
        char *abs = wiz_asprintf("%s/%s", root, e->path);
        rc = abs ? wiz_beneath_write(ctx, root, e->path, e->text, e->len, e->mode)
                 : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        if (!rc)
            rc = dirset_add_parent(ctx, &touched, abs);
        free(abs);
        (*done)++; /* counted even when it failed: rollback puts it back */
        if (!rc && (int)*done == crash_after)
            _exit(70); /* test hook: a crash between two writes */
    }
    if (!rc)
        rc = dirset_sync(ctx, &touched);
    dirset_free(&touched);
    return rc;
}

enum wiz_rc wiz_ledger_apply(struct wiz_app *app, const char *root, const char *framework,
                             const struct wiz_plan *plan, char **run_id)
{
    struct wiz_ctx *ctx = &app->ctx;
    *run_id = NULL;
    /* run ids sort as they were made (undo takes the newest by name): microseconds and a
     * fixed-width pid, so runs of one second do not sort by the pid's digits */
    char id[64], stamp[32];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    snprintf(id, sizeof id, "%s.%06ldZ-%07ld", stamp, ts.tv_nsec / 1000, (long)getpid());
    bool new_runs = false;
    char *runs = wiz_ledger_runs_dir(ctx, root, &new_runs);
    char *dir = runs ? wiz_asprintf("%s/%s", runs, id) : NULL, *man = dir ? wiz_asprintf("%s/manifest", dir) : NULL;
    struct wiz_ledger_file *files = calloc(plan->n + 1, sizeof *files);
    enum wiz_rc rc = !runs ? ctx->rc : (!dir || !man || !files) ? wiz_fail(ctx, WIZ_EINTERNAL, "out of memory") : WIZ_OK;
    /* the directories whose entries the ledger adds: the run dir (manifest, pre-images),
     * the project's runs dir (the run dir), and its parent when that was just created */
    struct dirset synced = {0};
    if (!rc && new_runs)
        rc = dirset_add_parent(ctx, &synced, runs);
    if (!rc)
        rc = dirset_add_parent(ctx, &synced, dir);
    if (!rc)
        rc = dirset_add_parent(ctx, &synced, man);
    if (!rc && mkdir(dir, 0700) != 0)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", dir);
    int fd = -1;
    size_t nfiles = 0, done = 0, ndirs = 0;
    char **dirs = NULL;
    if (!rc)
        rc = write_ledger(ctx, root, framework, plan, dir, man, &synced, files, &nfiles, &dirs, &ndirs, &fd);
    if (!rc)
        rc = write_files(ctx, root, plan, files, nfiles, dirs, ndirs, &done);
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
    dirset_free(&synced);
    free(files);
    for (size_t i = 0; i < ndirs; i++)
        free(dirs[i]);
    free(dirs);
    free(runs);
    free(dir);
    free(man);
    return rc;
}
