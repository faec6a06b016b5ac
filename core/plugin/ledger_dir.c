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

char *wiz_ledger_runs_dir(struct wiz_ctx *ctx, const char *root, bool *created)
{
    const char *cache = getenv("AMPLITUDE_WIZARD_CACHE_DIR");
    const char *home = getenv("HOME");
    char *base = NULL;
    enum wiz_rc rc = WIZ_OK;
    if (cache && cache[0]) {
        base = wiz_strdup(cache);
    } else if (home && home[0]) {
        char *amp = wiz_asprintf("%s/.amplitude", home);
        rc = amp ? own_dir(ctx, amp, NULL) : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        base = rc ? NULL : wiz_asprintf("%s/wizard", amp);
        free(amp);
    } else {
        wiz_fail(ctx, WIZ_ERR, "HOME is not set: no place for the run records (set AMPLITUDE_WIZARD_CACHE_DIR)");
        return NULL;
    }
    if (rc)
        return NULL;
    char hash[65];
    wiz_sha256_hex(root, strlen(root), hash);
    hash[12] = '\0'; /* Amplitude's projectHash(): 12 hex digits of sha256(realpath) */
    char *runs = base ? wiz_asprintf("%s/runs", base) : NULL;
    char *proj = runs ? wiz_asprintf("%s/%s", runs, hash) : NULL;
    char *undo = proj ? wiz_asprintf("%s/undo", proj) : NULL;
    if (!undo)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    const char *levels[] = {base, runs, proj, undo};
    for (int i = 0; !rc && i < 4; i++)
        rc = own_dir(ctx, levels[i], i == 3 ? created : NULL);
    free(base), free(runs), free(proj);
    if (rc) {
        free(undo);
        return NULL;
    }
    return undo;
}
