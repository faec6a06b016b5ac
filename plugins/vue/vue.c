/* vue: Amplitude for Vue 3 apps built with Vite. The init goes in src/main.(ts|js), before
 * the app is created and mounted; Vite reads VITE_AMPLITUDE_API_KEY from .env.local.
 * Nuxt projects are not claimed (Nuxt has its own plugin system and server rendering). */
#include "js.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct wiz_host_api *host;

static const struct wiz_js_fw vue_fw = {
    /* the analytics SDK alone: Vue apps have no React-specific extras to gain from the
     * unified bundle, and it keeps the client bundle small */
    .default_sdk_pkg = "@amplitude/analytics-browser",
    .env_file = ".env.local",
    .key_var = "VITE_AMPLITUDE_API_KEY",
    .url_var = "VITE_AMPLITUDE_SERVER_URL",
    .env_prefix_expr = "import.meta.env.",
};

static int detect(wiz_session *s)
{
    char *nuxt = wiz_js_dep(host, s, "nuxt");
    if (nuxt) {
        host->free(nuxt);
        return WIZ_PLUGIN_OK;
    }
    char *v = wiz_js_dep(host, s, "vue");
    if (v) {
        char ev[160];
        snprintf(ev, sizeof ev, "package.json depends on vue %s", v);
        host->free(v);
        return host->claim(s, "vue", ev);
    }
    return WIZ_PLUGIN_OK;
}

static const char *const mains[] = {"src/main.ts", "src/main.js", "src/main.mts", "src/main.mjs", NULL};

/* The entry module: src/main.*, else the module script index.html loads. returns owned: free() */
static char *entry(wiz_session *s)
{
    const char *m = NULL;
    host->find_first(s, mains, &m);
    if (m)
        return strdup(m);
    char *html = wiz_js_read(host, s, "index.html");
    const char *p = html ? strstr(html, "type=\"module\"") : NULL;
    const char *src = p ? strstr(p, "src=\"/") : NULL;
    char *out = NULL;
    if (src) {
        const char *e = strchr(src + 6, '"');
        if (e && e - src - 6 > 0 && e - src - 6 < 200)
            out = strndup(src + 6, (size_t)(e - src - 6));
    }
    host->free(html);
    return out;
}

static int plan_init(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in)
{
    char *path = entry(s);
    char *old = path ? wiz_js_read(h, s, path) : NULL;
    if (!old) {
        free(path);
        return h->set_error(s, WIZ_PLUGIN_ERR, "no entry module (src/main.ts or src/main.js) found");
    }
    char *text = wiz_js_insert_init(h, s, path, old, in);
    h->free(old);
    int rc = text ? h->plan_replace(s, path, text, "initialise Amplitude before the app mounts") : WIZ_PLUGIN_EINVAL;
    free(text);
    free(path);
    return rc;
}

static int plan(wiz_session *s)
{
    return wiz_js_plan(host, s, &vue_fw, plan_init);
}

static int verify(wiz_session *s)
{
    return wiz_js_verify(host, s, &vue_fw);
}

static const char *const ids[] = {"vue", NULL};
static const struct wiz_plugin_desc desc = {
    WIZ_PLUGIN_DESC_HEADER,
    .abi_minor = 2, /* the source edits */
    .name = "vue",
    .version = "1.0.0",
    .frameworks = ids,
    .priority = 20,
    .detect = detect,
    .plan = plan,
    .verify = verify,
    .description = "Amplitude for Vue 3 + Vite (init in src/main)",
};

WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    host = h;
    return &desc;
}
