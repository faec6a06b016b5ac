/* Plugin discovery: built-in dir, then $AMPLI_WIZARD_PLUGIN_PATH, then the user's
 * data dir. Never the current directory; files or dirs writable by others refused. */
#include "host.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum wiz_rc wiz_check_owner_perms(struct wiz_ctx *ctx, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return wiz_fail_errno(ctx, WIZ_ENOTFOUND, "%s", path);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return wiz_fail(ctx, WIZ_EWRITE, "%s is writable by group or others (mode %03o): refused", path,
                        (unsigned)(st.st_mode & 0777));
    if (st.st_uid != getuid() && st.st_uid != 0)
        return wiz_fail(ctx, WIZ_EWRITE, "%s is owned by uid %u, not by you or root: refused", path,
                        (unsigned)st.st_uid);
    return WIZ_OK;
}

/* The plugins that ship with this executable, found from where it is, so a package or a
 * tarball works from any prefix and no build path is compiled in (issue 17 item 12):
 * - build tree (CMakeCache.txt beside the binary): plugins/ beside it;
 * - installed: <bindir>/WIZ_REL_PLUGIN_DIR (CMake computes it, "../lib/ampli-wizard/plugins").
 * returns owned string: free(); NULL when neither exists */
static char *shipped_plugin_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    /* the build tree first: its parent is a source checkout, whose own lib/ must not count */
    struct stat st;
    char *marker = wiz_asprintf("%s/CMakeCache.txt", exe);
    bool tree = marker && access(marker, F_OK) == 0;
    free(marker);
    char *dir = wiz_asprintf(tree ? "%s/plugins" : "%s/" WIZ_REL_PLUGIN_DIR, exe);
    if (dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return dir;
    free(dir);
    return NULL;
}

char *wiz_builtin_plugin_dir(const struct wiz_app *app)
{
    (void)app;
    const char *ov = getenv("AMPLI_WIZARD_BUILTIN_PLUGINS"); /* tests and relocated installs */
    if (ov && ov[0])
        return wiz_strdup(ov);
    return shipped_plugin_dir();
}

/* Lua SDK helpers ship beside the built-in plugins. returns owned string: free() */
static char *sdk_dir(void)
{
    char *d = shipped_plugin_dir();
    char *s = d ? wiz_asprintf("%s/sdk", d) : NULL;
    free(d);
    return s;
}

static struct wiz_plugin *add(struct wiz_registry *reg)
{
    if (reg->n == reg->cap) {
        size_t nc = reg->cap ? reg->cap * 2 : 16;
        struct wiz_plugin *nv = realloc(reg->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        reg->v = nv;
        reg->cap = nc;
    }
    struct wiz_plugin *p = &reg->v[reg->n++];
    memset(p, 0, sizeof *p);
    return p;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan_dir(struct wiz_app *app, struct wiz_registry *reg, const char *dir, const char *sdk)
{
    char *real = realpath(dir, NULL);
    if (!real)
        return;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    if (wiz_check_owner_perms(&ctx, real)) {
        wiz_warn(&app->ctx, "plugin directory %s", wiz_errmsg(&ctx));
        free(real);
        return;
    }
    wiz_debug(&app->ctx, "plugins: looking in %s", real);
    DIR *d = opendir(real);
    if (!d) {
        free(real);
        return;
    }
    char *names[512];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 512) {
        size_t l = strlen(de->d_name);
        bool so = l > 3 && strcmp(de->d_name + l - 3, ".so") == 0;
        bool lua = l > 4 && strcmp(de->d_name + l - 4, ".lua") == 0;
        if ((so || lua) && de->d_name[0] != '.')
            names[nn++] = wiz_strdup(de->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_names); /* stable order, whatever readdir does */
    for (size_t i = 0; i < nn; i++) {
        struct wiz_plugin *p = names[i] ? add(reg) : NULL;
        if (!p) {
            free(names[i]);
            continue;
        }
        p->path = wiz_asprintf("%s/%s", real, names[i]);
        size_t l = strlen(names[i]);
        bool lua = strcmp(names[i] + l - 4, ".lua") == 0;
        p->kind = lua ? WIZ_PK_LUA : WIZ_PK_C;
        /* a name until the file tells its own */
        p->name = strndup(names[i], l - (lua ? 4 : 3));
        free(names[i]);
        wiz_ctx_init(&ctx);
        struct stat st;
        if (lstat(p->path, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) ||
            wiz_check_owner_perms(&ctx, p->path)) {
            p->status = WIZ_PS_REFUSED;
            p->note = wiz_strdup(ctx.errmsg[0] ? ctx.errmsg : "not a regular file");
            wiz_warn(&app->ctx, "plugin %s", p->note);
            continue;
        }
        char *oldname = p->name;
        p->name = NULL;
        enum wiz_rc rc = lua ? wiz_load_lua(&ctx, p, sdk) : wiz_load_so(&ctx, p);
        if (!p->name)
            p->name = oldname;
        else
            free(oldname);
        if (rc)
            wiz_warn(&app->ctx, "plugin %s", wiz_errmsg(&ctx));
        else
            wiz_debug(&app->ctx, "plugins: loaded %s (%s) from %s", p->name, lua ? "lua" : "c", p->path);
    }
    free(real);
}

/* Marks a plugin shadowed when every id it serves is served by an earlier one. */
static void shadow(struct wiz_registry *reg)
{
    for (size_t i = 0; i < reg->n; i++) {
        struct wiz_plugin *p = &reg->v[i];
        if (p->status != WIZ_PS_OK || !p->ids)
            continue;
        size_t taken = 0, n = 0;
        const char *by = NULL;
        for (char **id = p->ids; *id; id++, n++) {
            for (size_t j = 0; j < i; j++) {
                struct wiz_plugin *q = &reg->v[j];
                if (q->status != WIZ_PS_OK || !q->ids)
                    continue;
                bool hit = false;
                for (char **qi = q->ids; *qi && !hit; qi++)
                    hit = strcmp(*qi, *id) == 0;
                if (hit) {
                    taken++;
                    by = q->path;
                    break;
                }
            }
        }
        if (taken && taken == n) {
            p->status = WIZ_PS_SHADOWED;
            p->note = wiz_asprintf("shadowed by %s", by);
        } else if (taken) {
            p->note = wiz_asprintf("some framework ids shadowed by %s", by);
        }
    }
}

enum wiz_rc wiz_registry_load(struct wiz_app *app, struct wiz_registry *reg)
{
    memset(reg, 0, sizeof *reg);
    char *builtin = wiz_builtin_plugin_dir(app);
    char *sdk = sdk_dir();
    if (builtin)
        scan_dir(app, reg, builtin, sdk);
    const char *path = getenv("AMPLI_WIZARD_PLUGIN_PATH");
    if (path && path[0]) {
        char *copy = wiz_strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save)) {
            if (d[0] != '/') { /* relative entries would search the current directory */
                wiz_warn(&app->ctx, "AMPLI_WIZARD_PLUGIN_PATH entry '%s' is not absolute: ignored", d);
                continue;
            }
            scan_dir(app, reg, d, sdk);
        }
        free(copy);
    }
    const char *home = getenv("HOME");
    if (home && home[0] == '/') {
        char *user = wiz_asprintf("%s/.local/share/ampli-wizard/plugins", home);
        if (user)
            scan_dir(app, reg, user, sdk);
        free(user);
    }
    free(builtin);
    free(sdk);
    shadow(reg);
    return WIZ_OK;
}

void wiz_plugin_clear_fields(struct wiz_plugin *p)
{
    free(p->name);
    free(p->version);
    free(p->description);
    free(p->note);
    for (char **id = p->ids; id && *id; id++)
        free(*id);
    free(p->ids);
}

void wiz_registry_free(struct wiz_registry *reg)
{
    for (size_t i = 0; i < reg->n; i++) {
        struct wiz_plugin *p = &reg->v[i];
        if (p->kind == WIZ_PK_LUA)
            wiz_unload_lua(p);
        /* C plugins stay mapped: a static descriptor may still be referenced, and
         * unmapping buys nothing in a short-lived process. */
        free(p->path);
        wiz_plugin_clear_fields(p);
    }
    free(reg->v);
    memset(reg, 0, sizeof *reg);
}

/* The public wizard's names -> our ids (which follow its example-app folders). */
static const struct {
    const char *alias, *id;
} aliases[] = {
    {"nextjs", "next-js"},   {"next", "next-js"},        {"reactrouter", "react-router"},
    {"node", "javascript-node"}, {"nodejs", "javascript-node"}, {"web", "javascript-web"},
};

const char *wiz_framework_canon(const char *id, char *buf, size_t cap)
{
    size_t i = 0;
    for (; id[i] && i + 1 < cap; i++)
        buf[i] = id[i] == '_' ? '-' : (char)tolower((unsigned char)id[i]);
    buf[i] = '\0';
    for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (strcmp(buf, aliases[k].alias) == 0)
            return aliases[k].id;
    return buf;
}

struct wiz_plugin *wiz_registry_find(struct wiz_registry *reg, const char *id, const char **canon)
{
    char buf[128];
    const char *want = wiz_framework_canon(id, buf, sizeof buf);
    for (size_t i = 0; i < reg->n; i++) {
        struct wiz_plugin *p = &reg->v[i];
        if (p->status != WIZ_PS_OK)
            continue;
        for (char **x = p->ids; *x; x++)
            if (strcmp(*x, want) == 0 || strcmp(*x, id) == 0) {
                if (canon)
                    *canon = *x;
                return p;
            }
    }
    return NULL;
}
