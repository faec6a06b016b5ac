/* Where the session lives (Amplitude's wizard, src/utils/storage-paths.ts and
 * ampli-settings.ts, as corrected in the reference): the canonical file is
 * ~/.amplitude/wizard/oauth-session.json; the legacy ~/.ampli.json is read only while the
 * canonical file does not exist, copied forward once, and never written again (it is the
 * older Ampli CLI's file too). The copy never replaces a canonical file: it is linked into
 * place, so a wizard that migrated and then refreshed a token is never overwritten by a
 * second wizard migrating the old bytes. */
#include "migrate.h"
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum wiz_rc own_dir(struct wiz_ctx *ctx, const char *path)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", path);
    return WIZ_OK;
}

/* legacy's bytes to canonical, unless canonical exists by then. */
static enum wiz_rc copy_forward(struct wiz_ctx *ctx, const char *legacy, const char *canonical)
{
    int in = open(legacy, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (in < 0)
        return errno == ENOENT ? WIZ_OK : wiz_fail_errno(ctx, WIZ_EIO, "cannot read %s", legacy);
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (16 << 20)) {
        close(in);
        return WIZ_OK; /* not a file we would read as the session: nothing to carry forward */
    }
    char *tmp = wiz_asprintf("%s.tmp-%ld-migrate", canonical, (long)getpid());
    int out = tmp ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
    enum wiz_rc rc = out < 0 ? wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", tmp ? tmp : canonical) : WIZ_OK;
    char buf[65536];
    for (ssize_t n; !rc && (n = read(in, buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || write(out, buf, (size_t)n) != n)
            rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot copy %s to %s", legacy, canonical);
    }
    close(in);
    if (!rc && (fchmod(out, 0600) != 0 || fsync(out) != 0))
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", tmp);
    if (out >= 0 && close(out) != 0 && !rc)
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", tmp);
    if (!rc && link(tmp, canonical) != 0 && errno != EEXIST) /* EEXIST: another wizard was first */
        rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", canonical);
    if (tmp)
        unlink(tmp);
    free(tmp);
    return rc;
}

enum wiz_rc wiz_store_session_path(struct wiz_ctx *ctx, const char *home, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s/.amplitude/wizard/oauth-session.json", home);
    if (n < 0 || (size_t)n >= cap)
        return wiz_fail(ctx, WIZ_ERR, "HOME is too long");
    struct stat st;
    if (lstat(out, &st) == 0)
        return WIZ_OK; /* canonical: whatever it holds (no User entry = signed out) */
    char *amp = wiz_asprintf("%s/.amplitude", home), *wiz = wiz_asprintf("%s/.amplitude/wizard", home);
    char *legacy = wiz_asprintf("%s/.ampli.json", home);
    enum wiz_rc rc = amp && wiz && legacy ? WIZ_OK : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    /* the file's directory, so that its lock can be taken before the first write */
    if (!rc)
        rc = own_dir(ctx, amp);
    if (!rc)
        rc = own_dir(ctx, wiz);
    bool have_legacy = !rc && lstat(legacy, &st) == 0;
    if (have_legacy) {
        /* only a legacy file that passes the ownership rules is carried forward */
        rc = wiz_store_trust(ctx, legacy);
        if (!rc)
            rc = copy_forward(ctx, legacy, out);
        if (!rc)
            wiz_debug(ctx, "session: copied %s forward to %s (the old file is not written again)", legacy, out);
    }
    free(amp), free(wiz), free(legacy);
    return rc;
}
