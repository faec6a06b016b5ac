/* Where the wizard, the stand-in, the apps and the caches are: beside this binary (the
 * build dir) and in the source tree it was built from, unless options say otherwise. */
#include "ci.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WIZ_CI_SOURCE_DIR
#define WIZ_CI_SOURCE_DIR "."
#endif

/* returns owned absolute path of an existing file or dir, or NULL: free() */
static char *absolute(const char *p)
{
    char buf[PATH_MAX];
    return realpath(p, buf) ? wiz_strdup(buf) : NULL;
}

static enum wiz_rc need(struct wiz_ctx *ctx, char **out, const char *path, const char *what, bool exec)
{
    *out = path ? absolute(path) : NULL;
    if (!*out)
        return wiz_fail(ctx, WIZ_EUSAGE, "%s not found: %s", what, path ? path : "?");
    if (exec && access(*out, X_OK) != 0)
        return wiz_fail(ctx, WIZ_EUSAGE, "%s is not executable: %s", what, *out);
    return WIZ_OK;
}

enum wiz_rc ci_paths_init(struct wiz_ctx *ctx, struct ci_paths *p, const struct ci_opts *o, const char *argv0)
{
    memset(p, 0, sizeof *p);
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        if (!realpath(argv0, self))
            return wiz_fail_errno(ctx, WIZ_ERR, "cannot locate wizard-ci itself");
    } else {
        self[n] = '\0';
    }
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = '\0';
    char *wiz = wiz_asprintf("%s/ampli-wizard", self), *si = wiz_asprintf("%s/amplitude-stand-in", self);
    char *fb = wiz_asprintf("%s/follow-browser", self), *pc = wiz_strdup(WIZ_CI_SOURCE_DIR "/workbench/apps/python-check");
    enum wiz_rc rc = need(ctx, &p->wizard, o->wizard ? o->wizard : wiz, "the wizard (--wizard)", true);
    if (!rc)
        rc = need(ctx, &p->standin, si, "the stand-in", true);
    if (!rc)
        rc = need(ctx, &p->browser, fb, "follow-browser", true);
    if (!rc)
        rc = need(ctx, &p->apps_dir, o->apps_dir ? o->apps_dir : WIZ_CI_SOURCE_DIR "/workbench/apps",
                  "the apps directory (--apps-dir)", false);
    /* only the Python levels need these; their absence is a skip reason there, not an error */
    p->python_check = absolute(pc);
    p->pyamp = absolute(WIZ_CI_SOURCE_DIR "/workbench/python-amplitude");
    p->tools_bin = absolute(o->tools_dir ? o->tools_dir : WIZ_CI_SOURCE_DIR "/tools/bin");
    free(wiz), free(si), free(fb), free(pc);
    if (rc)
        return rc;
    p->cache = wiz_asprintf("%s/wizard-ci-cache", self);
    const char *tmp = getenv("TMPDIR");
    p->tmp = absolute(tmp && tmp[0] ? tmp : "/tmp");
    if (!p->cache || !p->tmp)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    if (mkdir(p->cache, 0755) != 0 && errno != EEXIST)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", p->cache);
    return WIZ_OK;
}

void ci_paths_free(struct ci_paths *p)
{
    free(p->wizard), free(p->standin), free(p->browser), free(p->python_check);
    free(p->pyamp), free(p->apps_dir), free(p->cache), free(p->tmp), free(p->tools_bin);
    memset(p, 0, sizeof *p);
}
