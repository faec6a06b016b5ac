/* Whose credential file is it? The rule of ssh's StrictModes: the file, every link on the
 * way to it and its lock must be this user's, and the directory that holds the file may
 * not be writable by anyone else (else another local user could plant a file, a link or
 * a lock there, and the tokens would be read from or written to their choice). Temp files
 * left by killed writers hold refresh tokens: they go. */
#include "trust.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum wiz_rc check_owner(struct wiz_ctx *ctx, const char *what, const char *path, const struct stat *st)
{
    if (st->st_uid != geteuid() && st->st_uid != 0)
        return wiz_fail(ctx, WIZ_EWRITE, "%s %s belongs to uid %u, not to you: refused (remove it)", what, path,
                        (unsigned)st->st_uid);
    return WIZ_OK;
}

static enum wiz_rc check_dir(struct wiz_ctx *ctx, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno == ENOENT ? WIZ_OK : wiz_fail_errno(ctx, WIZ_EIO, "cannot inspect %s", dir);
    enum wiz_rc rc = check_owner(ctx, "the directory", dir, &st);
    if (!rc && (st.st_mode & (S_IWGRP | S_IWOTH)))
        rc = wiz_fail(ctx, WIZ_EWRITE,
                      "the credential file's directory %s is writable by others (mode %03o): refused "
                      "(chmod go-w it, or set AMPLI_WIZARD_CONFIG elsewhere)",
                      dir, (unsigned)(st.st_mode & 0777));
    return rc;
}

/* Removes "<base>.tmp-<pid>-<rand>" in dir whose writer is gone and which are ours. */
static void remove_stale_temps(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t bl = strlen(base);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, base, bl) != 0 || strncmp(de->d_name + bl, ".tmp-", 5) != 0)
            continue;
        char *end = NULL;
        long pid = strtol(de->d_name + bl + 5, &end, 10);
        if (pid <= 0 || !end || *end != '-' || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
            continue; /* not ours in shape, or its writer is still alive */
        char *p = wiz_asprintf("%s/%s", dir, de->d_name);
        struct stat st;
        if (p && lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
            (void)unlink(p);
        free(p);
    }
    closedir(d);
}

enum wiz_rc wiz_store_trust(struct wiz_ctx *ctx, const char *path)
{
    char *cur = wiz_strdup(path);
    enum wiz_rc rc = cur ? WIZ_OK : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    for (int hop = 0; !rc && hop < 32; hop++) {
        char *slash = strrchr(cur, '/');
        char *dir = slash ? (slash == cur ? wiz_strdup("/") : strndup(cur, (size_t)(slash - cur))) : wiz_strdup(".");
        rc = dir ? check_dir(ctx, dir) : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        struct stat st;
        bool exists = !rc && lstat(cur, &st) == 0;
        if (exists)
            rc = check_owner(ctx, S_ISLNK(st.st_mode) ? "the link" : "the credential file", cur, &st);
        if (!rc && exists && !S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode))
            rc = wiz_fail(ctx, WIZ_EWRITE, "the credential file %s is not a regular file: refused", cur);
        if (!rc && !(exists && S_ISLNK(st.st_mode))) {
            char *lock = wiz_asprintf("%s.lock", path);
            struct stat ls;
            if (lock && lstat(lock, &ls) == 0) {
                rc = check_owner(ctx, "the lock file", lock, &ls);
                if (!rc && !S_ISREG(ls.st_mode))
                    rc = wiz_fail(ctx, WIZ_EWRITE, "the lock file %s is not a regular file: refused", lock);
            }
            free(lock);
            if (!rc)
                remove_stale_temps(dir, slash ? slash + 1 : cur);
            free(dir);
            break;
        }
        if (!rc) { /* follow the link: its target and that target's directory must be ours too */
            char target[4096];
            ssize_t n = readlink(cur, target, sizeof target - 1);
            if (n < 0) {
                rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot read the link %s", cur);
            } else {
                target[n] = '\0';
                char *next = target[0] == '/' ? wiz_strdup(target) : wiz_asprintf("%s/%s", dir, target);
                free(cur);
                cur = next;
                if (!cur)
                    rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            }
        }
        free(dir);
    }
    free(cur);
    return rc;
}
