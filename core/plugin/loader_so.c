/* C plugins: dlopen (RTLD_NOW|RTLD_LOCAL), one versioned entry symbol, version checks
 * before the first call to detect/plan/verify. */
#include "host.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DESC_HAS(d, field) ((d)->struct_size >= offsetof(struct wiz_plugin_desc, field) + sizeof((d)->field))

static enum wiz_rc refuse(struct wiz_ctx *ctx, struct wiz_plugin *p, const char *msg)
{
    p->status = WIZ_PS_REFUSED;
    free(p->note);
    p->note = wiz_strdup(msg);
    return wiz_fail(ctx, WIZ_EINTEGRATION, "%s: %s", p->path, msg);
}

enum wiz_rc wiz_load_so(struct wiz_ctx *ctx, struct wiz_plugin *p)
{
    p->kind = WIZ_PK_C;
    dlerror();
    p->dl = dlopen(p->path, RTLD_NOW | RTLD_LOCAL);
    char msg[512];
    if (!p->dl) {
        snprintf(msg, sizeof msg, "cannot load: %s", dlerror());
        return refuse(ctx, p, msg);
    }
    wiz_plugin_entry_v1_fn entry;
    *(void **)&entry = dlsym(p->dl, WIZ_PLUGIN_ENTRY_SYMBOL);
    if (!entry) {
        void *v2 = dlsym(p->dl, "wiz_plugin_entry_v2");
        char have[32];
        snprintf(have, sizeof have, "%d.%d", WIZ_PLUGIN_ABI_MAJOR, WIZ_PLUGIN_ABI_MINOR);
        if (v2)
            snprintf(msg, sizeof msg, "needs plugin ABI 2.x, this ampli-wizard provides %s", have);
        else
            snprintf(msg, sizeof msg, "no " WIZ_PLUGIN_ENTRY_SYMBOL " symbol (this ampli-wizard provides ABI %s)", have);
        return refuse(ctx, p, msg);
    }
    const struct wiz_plugin_desc *d = entry(wiz_host_api());
    if (!d || d->struct_size < offsetof(struct wiz_plugin_desc, verify))
        return refuse(ctx, p, WIZ_PLUGIN_ENTRY_SYMBOL " returned no usable descriptor");
    p->abi_major = d->abi_major;
    p->abi_minor = d->abi_minor;
    char have[96];
    snprintf(have, sizeof have, "%u.%u, this ampli-wizard provides %d.%d", d->abi_major, d->abi_minor,
             WIZ_PLUGIN_ABI_MAJOR, WIZ_PLUGIN_ABI_MINOR);
    if (d->abi_major != WIZ_PLUGIN_ABI_MAJOR || d->abi_minor > WIZ_PLUGIN_ABI_MINOR) {
        snprintf(msg, sizeof msg, "needs plugin ABI %s", have);
        return refuse(ctx, p, msg);
    }
    if (!d->name || !d->frameworks || !d->frameworks[0] || !d->detect || !d->plan)
        return refuse(ctx, p, "descriptor lacks name, frameworks, detect or plan");
    size_t n = 0;
    while (d->frameworks[n])
        n++;
    p->ids = calloc(n + 1, sizeof *p->ids);
    bool oom = !p->ids;
    for (size_t i = 0; !oom && i < n; i++)
        oom = !(p->ids[i] = wiz_strdup(d->frameworks[i]));
    p->name = wiz_strdup(d->name);
    p->version = wiz_strdup(d->version ? d->version : "0");
    if (oom || !p->name || !p->version) { /* not usable: never counted as loaded */
        refuse(ctx, p, "out of memory");
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    p->priority = d->priority > 0 ? d->priority : 500;
    p->has_verify = DESC_HAS(d, verify) && d->verify;
    if (DESC_HAS(d, description) && d->description)
        p->description = wiz_strdup(d->description);
    p->desc = d;
    p->status = WIZ_PS_OK;
    return WIZ_OK;
}

enum wiz_rc wiz_plugin_call(struct wiz_plugin *p, enum wiz_call which, wiz_session *s)
{
    static const char *const names[] = {"detect", "plan", "verify"};
    s->err = 0;
    s->errmsg[0] = '\0';
    s->refused[0] = '\0';
    int r;
    if (p->kind == WIZ_PK_LUA) {
        r = wiz_lua_call(p, which, s);
    } else {
        int (*fn)(wiz_session *) = which == WIZ_CALL_DETECT ? p->desc->detect
                                   : which == WIZ_CALL_PLAN ? p->desc->plan
                                   : p->has_verify          ? p->desc->verify
                                                            : NULL;
        wiz_crash_guard_enter(p->name, names[which]);
        r = fn ? fn(s) : WIZ_PLUGIN_OK;
        wiz_crash_guard_leave();
    }
    /* a refused write the plugin caught and ignored still fails the call: the plan it
     * returns is not the one it meant */
    if (r == WIZ_PLUGIN_OK && s->refused[0])
        return wiz_fail(&s->app->ctx, WIZ_EINTEGRATION, "plugin %s: %s made a refused change and went on: %s",
                        p->name, names[which], s->refused);
    if (r == WIZ_PLUGIN_OK)
        return WIZ_OK;
    if (r > 0)
        r = WIZ_PLUGIN_ERR;
    return wiz_fail(&s->app->ctx, wiz_plugin_rc(r), "plugin %s: %s failed: %s", p->name, names[which],
                    s->errmsg[0] ? s->errmsg : "(no message)");
}
