/* undo: put a run's files back from its ledger, refusing files changed since the run. */
#include "ledger.h"
#include "../ui/ui.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct run {
    struct wiz_ledger_file *f;
    size_t n;
    char **dirs; /* created by the run, in creation order */
    size_t ndirs;
    bool undone, complete, done;
    bool ours; /* a version-2 ledger naming this very project */
};

static void run_free(struct run *r)
{
    for (size_t i = 0; i < r->ndirs; i++)
        free(r->dirs[i]);
    free(r->dirs);
    free(r->f);
}

static enum wiz_rc parse(struct wiz_ctx *ctx, const char *man, const char *root, struct run *r)
{
    memset(r, 0, sizeof *r);
    FILE *fp = fopen(man, "r");
    if (!fp)
        return wiz_fail_errno(ctx, WIZ_ENOTFOUND, "cannot read %s", man);
    char line[PATH_MAX_LINE];
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "root ", 5) == 0)
            r->ours = strcmp(line + 5, root) == 0;
        if (strcmp(line, "undone") == 0 || strncmp(line, "undone ", 7) == 0 || strcmp(line, "rolledback") == 0)
            r->undone = true;
        if (strcmp(line, "complete") == 0)
            r->complete = true;
        if (strcmp(line, "done") == 0)
            r->done = true;
        if (strncmp(line, "dir ", 4) == 0 && line[4]) {
            char **nv = realloc(r->dirs, (r->ndirs + 1) * sizeof *nv);
            if (!nv || !(nv[r->ndirs] = wiz_strdup(line + 4))) {
                if (nv)
                    r->dirs = nv;
                fclose(fp);
                return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            }
            r->dirs = nv;
            r->ndirs++;
        }
        if (strncmp(line, "file ", 5) != 0)
            continue;
        struct wiz_ledger_file f = {0};
        char kind;
        int off = 0;
        if (sscanf(line, "file %d %c %o %64s %n", &f.index, &kind, &f.mode, f.sha_new, &off) != 4 || !off) {
            fclose(fp);
            return wiz_fail(ctx, WIZ_ERR, "%s: unreadable line '%s'", man, line);
        }
        f.created = kind == 'c';
        f.mode &= 0777; /* ordinary file modes only */
        snprintf(f.path, sizeof f.path, "%s", line + off);
        struct wiz_ledger_file *nv = realloc(r->f, (r->n + 1) * sizeof *nv);
        if (!nv) {
            fclose(fp);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        }
        r->f = nv;
        r->f[r->n++] = f;
    }
    fclose(fp);
    if (!r->ours)
        return wiz_fail(ctx, WIZ_ERR, "%s was not recorded for this project: refused", man);
    return WIZ_OK;
}

static int cmp_desc(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The newest run not yet undone (unfinished_only: that also never reached "done", the
 * wizard having stopped in it). returns owned string: free(); NULL if none */
static char *find_run(const char *runs, const char *root, bool unfinished_only)
{
    DIR *d = opendir(runs);
    if (!d)
        return NULL;
    char *names[1024];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 1024)
        if (de->d_name[0] != '.' && (names[n] = wiz_strdup(de->d_name)))
            n++;
    closedir(d);
    qsort(names, n, sizeof *names, cmp_desc);
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        char *man = wiz_asprintf("%s/%s/manifest", runs, names[i]);
        struct run r = {0};
        struct wiz_ctx c;
        wiz_ctx_init(&c);
        if (!found && man && parse(&c, man, root, &r) == WIZ_OK && !r.undone && r.n && !(unfinished_only && r.done))
            found = wiz_strdup(names[i]);
        run_free(&r);
        free(man);
        free(names[i]);
    }
    return found;
}

enum wiz_rc wiz_ledger_read_record(struct wiz_ctx *ctx, const char *man, const char *root, size_t *nfiles)
{
    struct run r;
    enum wiz_rc rc = parse(ctx, man, root, &r);
    if (nfiles)
        *nfiles = rc ? 0 : r.n;
    run_free(&r);
    return rc;
}

char *wiz_ledger_unfinished(struct wiz_ctx *ctx, const char *root)
{
    /* only a project that has records: asking must not create the records' directory
     * (a dry run writes nothing) */
    char *runs = wiz_ledger_runs_path(ctx, root);
    struct stat st;
    char *id = runs && stat(runs, &st) == 0 ? find_run(runs, root, true) : NULL;
    free(runs);
    return id;
}

enum wiz_rc wiz_ledger_done(struct wiz_ctx *ctx, const char *root, const char *run_id)
{
    char *runs = wiz_ledger_runs_dir(ctx, root, NULL);
    char *man = runs ? wiz_asprintf("%s/%s/manifest", runs, run_id) : NULL;
    free(runs);
    int fd = man ? open(man, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW) : -1;
    enum wiz_rc rc = WIZ_OK;
    if (fd < 0 || write(fd, "done\n", 5) != 5 || fsync(fd) != 0)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot close the run record %s", man ? man : run_id);
    if (fd >= 0)
        close(fd);
    free(man);
    return rc;
}

enum wiz_rc wiz_ledger_undo(struct wiz_app *app, const char *root, const char *run_id, bool force)
{
    struct wiz_ctx *ctx = &app->ctx;
    char *runs = wiz_ledger_runs_dir(ctx, root, NULL);
    if (!runs)
        return ctx->rc;
    if (run_id && (strchr(run_id, '/') || strstr(run_id, ".."))) {
        free(runs);
        return wiz_fail(ctx, WIZ_EUSAGE, "'%s' is not a run id", run_id);
    }
    char *id = run_id ? wiz_strdup(run_id) : find_run(runs, root, false);
    if (!id) {
        free(runs);
        return wiz_fail(ctx, WIZ_ENOTFOUND, "nothing to undo: no wizard run in %s", root);
    }
    char *dir = wiz_asprintf("%s/%s", runs, id), *man = wiz_asprintf("%s/manifest", dir);
    free(runs);
    struct run r;
    enum wiz_rc rc = parse(ctx, man, root, &r);
    if (rc == WIZ_ENOTFOUND)
        wiz_fail(ctx, WIZ_ENOTFOUND, "no run '%s' in this project", id);
    if (!rc && r.undone)
        rc = wiz_fail(ctx, WIZ_ERR, "run %s was already undone", id);
    /* What does each file look like now? new content -> restore; old -> nothing to do. */
    char changed[2048] = "";
    bool *restore = rc ? NULL : calloc(r.n + 1, sizeof *restore);
    for (size_t i = 0; !rc && restore && i < r.n; i++) {
        const struct wiz_ledger_file *f = &r.f[i];
        char *cur = NULL, *pre = NULL;
        size_t cl = 0, pl = 0;
        struct wiz_ctx c;
        wiz_ctx_init(&c);
        enum wiz_rc cr = wiz_beneath_read(&c, root, f->path, &cur, &cl, NULL);
        char sha[65] = "";
        if (cr == WIZ_OK)
            wiz_sha256_hex(cur, cl, sha);
        if (cr == WIZ_OK && strcmp(sha, f->sha_new) == 0) {
            restore[i] = true;
        } else if (f->created && cr == WIZ_ENOTFOUND) {
            restore[i] = false; /* never written (crash before it) or already removed */
        } else if (!f->created && cr == WIZ_OK) {
            char *pp = wiz_asprintf("%s/%d.pre", dir, f->index);
            bool same = pp && wiz_pfs_read_abs(&c, pp, &pre, &pl, NULL) == WIZ_OK && pl == cl && memcmp(pre, cur, cl) == 0;
            free(pp);
            if (!same) {
                restore[i] = force;
                strncat(changed, changed[0] ? ", " : "", sizeof changed - strlen(changed) - 1);
                strncat(changed, f->path, sizeof changed - strlen(changed) - 1);
            }
        } else {
            restore[i] = force;
            strncat(changed, changed[0] ? ", " : "", sizeof changed - strlen(changed) - 1);
            strncat(changed, f->path, sizeof changed - strlen(changed) - 1);
        }
        free(cur);
        free(pre);
    }
    if (!rc && changed[0] && !force)
        rc = wiz_fail(ctx, WIZ_EWRITE, "changed since run %s: %s. Nothing was undone; --force restores them anyway",
                      id, changed);
    size_t restored = 0;
    for (size_t i = r.n; !rc && i-- > 0;) {
        if (!restore[i])
            continue;
        rc = wiz_ledger_restore(ctx, root, dir, &r.f[i]);
        restored++;
    }
    /* A run killed mid-write leaves "<file>.wiz-tmp-<pid>" (pfs.c) beside a file; the
     * run id ends in that pid (ledger.c). Remove them so the tree is as it was. */
    const char *pid = strrchr(id, '-');
    for (size_t i = 0; !rc && !r.complete && pid && i < r.n; i++) {
        char *tmp = wiz_asprintf("%s.wiz-tmp-%ld", r.f[i].path, strtol(pid + 1, NULL, 10));
        struct wiz_ctx c;
        wiz_ctx_init(&c);
        if (tmp)
            (void)wiz_beneath_unlink(&c, root, tmp);
        free(tmp);
    }
    if (!rc) {
        wiz_ledger_rmdirs(root, r.dirs, r.ndirs);
        int fd = open(man, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd >= 0) {
            if (write(fd, "undone\n", 7) != 7 || fsync(fd) != 0)
                rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot update %s", man);
            close(fd);
        }
        if (!rc)
            wiz_ui_status(app, "undid run %s: %zu file(s) restored%s", id, restored,
                   r.complete ? "" : " (the run had not completed)");
    }
    free(restore);
    run_free(&r);
    free(dir);
    free(man);
    free(id);
    return rc;
}
