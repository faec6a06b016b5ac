/* Where a project's run records live: in the user's own cache dir, never in the project.
 * A record in the project could be committed by a repository's author or written by a
 * plugin, and undo would obey it; the cache dir is this user's, 0700, and checked. */
#include "ledger.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A directory of ours: created 0700 when missing; refused when it is a link, not a
 * directory, someone else's, or writable by others. */
static enum wiz_rc own_dir(struct wiz_ctx *ctx, const char *path, bool *created)
{
    if (created)
        *created = false;
    if (mkdir(path, 0700) == 0) {
        if (created)
            *created = true;
    } else if (errno != EEXIST) {
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", path);
    }
    struct stat st;
    if (lstat(path, &st) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "%s", path);
    if (!S_ISDIR(st.st_mode))
        return wiz_fail(ctx, WIZ_EWRITE, "%s is not a directory (a symbolic link?): refused for run records", path);
    if (st.st_uid != getuid())
        return wiz_fail(ctx, WIZ_EWRITE, "%s is owned by uid %u, not by you: refused for run records", path,
                        (unsigned)st.st_uid);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return wiz_fail(ctx, WIZ_EWRITE, "%s is writable by group or others (mode %03o): refused for run records",
                        path, (unsigned)(st.st_mode & 0777));
    return WIZ_OK;
}

/* "<cache>" or "~/.amplitude/wizard" (*home_amp: "~/.amplitude", to check too, or NULL).
 * returns owned strings: free(); NULL with the message on ctx. */
static char *cache_root(struct wiz_ctx *ctx, char **home_amp)
{
    const char *cache = getenv("AMPLITUDE_WIZARD_CACHE_DIR");
    const char *home = getenv("HOME");
    *home_amp = NULL;
    if (cache && cache[0])
        return wiz_strdup(cache);
    if (!home || !home[0]) {
        wiz_fail(ctx, WIZ_ERR, "HOME is not set: no place for the run records (set AMPLITUDE_WIZARD_CACHE_DIR)");
        return NULL;
    }
    *home_amp = wiz_asprintf("%s/.amplitude", home);
    char *base = *home_amp ? wiz_asprintf("%s/wizard", *home_amp) : NULL;
    if (!base) {
        free(*home_amp);
        *home_amp = NULL;
        wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    return base;
}

/* Amplitude's projectHash(): 12 hex digits of sha256(realpath) */
static void project_hash(const char *root, char out[13])
{
    char hash[65];
    wiz_sha256_hex(root, strlen(root), hash);
    memcpy(out, hash, 12);
    out[12] = '\0';
}

char *wiz_ledger_runs_dir(struct wiz_ctx *ctx, const char *root, bool *created)
{
    char *amp = NULL, *base = cache_root(ctx, &amp);
    if (!base)
        return NULL;
    char hash[13];
    project_hash(root, hash);
    char *runs = wiz_asprintf("%s/runs", base);
    char *proj = runs ? wiz_asprintf("%s/%s", runs, hash) : NULL;
    char *undo = proj ? wiz_asprintf("%s/undo", proj) : NULL;
    enum wiz_rc rc = undo ? WIZ_OK : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    const char *levels[] = {amp, base, runs, proj, undo};
    for (int i = 0; !rc && i < 5; i++)
        if (levels[i])
            rc = own_dir(ctx, levels[i], i == 4 ? created : NULL);
    free(amp), free(base), free(runs), free(proj);
    if (rc) {
        free(undo);
        return NULL;
    }
    return undo;
}

char *wiz_ledger_runs_path(struct wiz_ctx *ctx, const char *root)
{
    char *amp = NULL, *base = cache_root(ctx, &amp);
    char hash[13];
    project_hash(root, hash);
    char *p = base ? wiz_asprintf("%s/runs/%s/undo", base, hash) : NULL;
    free(amp), free(base);
    return p;
}
