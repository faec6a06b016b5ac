/* react-router: Amplitude for React Router 7 apps, and React Router 6 (react-router-dom:
 * the same data and declarative modes). Framework mode: the init goes in the
 * client entry (entry.client.*, revealed as React Router's default when the app has none),
 * before hydration. Data and declarative modes: in the module that renders the router
 * (<RouterProvider> / <BrowserRouter> inside createRoot().render), before it renders.
 * Vite reads VITE_AMPLITUDE_API_KEY from .env.local. */
#include "js.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct wiz_host_api *host;

static const struct wiz_js_fw rr_fw = {
    /* the unified SDK, as for the other React framework (Next): one init for analytics,
     * session replay and experiment */
    .default_sdk_pkg = "@amplitude/unified",
    .env_file = ".env.local",
    .key_var = "VITE_AMPLITUDE_API_KEY",
    .url_var = "VITE_AMPLITUDE_SERVER_URL",
    .env_prefix_expr = "import.meta.env.",
};

static const char *const rr_pkgs[] = {"@react-router/dev", "react-router", "react-router-dom", NULL};

static int detect(wiz_session *s)
{
    for (const char *const *p = rr_pkgs; *p; p++) {
        char *v = wiz_js_dep(host, s, *p);
        if (v) {
            char ev[160];
            snprintf(ev, sizeof ev, "package.json depends on %s %s", *p, v);
            host->free(v);
            return host->claim(s, "react-router", ev);
        }
    }
    return WIZ_PLUGIN_OK;
}

static const char *const configs[] = {"react-router.config.ts", "react-router.config.js",
                                      "react-router.config.mjs", "react-router.config.mts", NULL};

/* Framework mode: @react-router/dev builds the app, or a react-router.config exists. */
static bool framework_mode(wiz_session *s)
{
    char *v = wiz_js_dep(host, s, "@react-router/dev");
    bool dev = v != NULL;
    host->free(v);
    const char *cfg = NULL;
    host->find_first(s, configs, &cfg);
    return dev || cfg;
}

/* appDirectory from react-router.config (default "app"). */
static void app_dir(wiz_session *s, char *out, size_t cap)
{
    snprintf(out, cap, "app");
    const char *cfg = NULL;
    host->find_first(s, configs, &cfg);
    char *t = cfg ? wiz_js_read(host, s, cfg) : NULL;
    const char *k = t ? strstr(t, "appDirectory") : NULL;
    const char *q = k ? strpbrk(k, "'\"\n") : NULL;
    if (q && *q != '\n') {
        const char *e = strchr(q + 1, *q);
        if (e && e - q - 1 > 0 && (size_t)(e - q - 1) < cap && !memchr(q + 1, '\n', (size_t)(e - q - 1)))
            snprintf(out, cap, "%.*s", (int)(e - q - 1), q + 1);
    }
    host->free(t);
}

/* React Router's default entry.client (what `react-router reveal entry.client` writes), in
 * the project's style. returns owned text: free() */
static char *default_entry(const struct wiz_js_style *st)
{
    const char *sc = st->semi ? ";" : "", *u = st->ind;
    char q = st->q;
    struct wiz_js_buf b = {0};
    wiz_js_addf(&b, "import { startTransition, StrictMode } from %creact%c%s\n", q, q, sc);
    wiz_js_addf(&b, "import { hydrateRoot } from %creact-dom/client%c%s\n", q, q, sc);
    wiz_js_addf(&b, "import { HydratedRouter } from %creact-router/dom%c%s\n\n", q, q, sc);
    wiz_js_addf(&b, "startTransition(() => {\n%shydrateRoot(\n%s%sdocument,\n", u, u, u);
    wiz_js_addf(&b, "%s%s<StrictMode>\n%s%s%s<HydratedRouter />\n%s%s</StrictMode>\n", u, u, u, u, u, u, u);
    wiz_js_addf(&b, "%s)%s\n})%s\n", u, sc, sc);
    return wiz_js_take(&b);
}

static int plan_framework(wiz_session *s, struct wiz_js_init *in)
{
    char dir[128];
    app_dir(s, dir, sizeof dir);
    static const char *const exts[] = {"tsx", "jsx", "ts", "js"};
    char cands[4][160];
    const char *list[5] = {NULL};
    for (size_t i = 0; i < 4; i++) {
        snprintf(cands[i], sizeof cands[i], "%s/entry.client.%s", dir, exts[i]);
        list[i] = cands[i];
    }
    const char *entry = NULL;
    host->find_first(s, list, &entry);
    char path[160], *text = NULL;
    if (entry) {
        char *old = wiz_js_read(host, s, entry);
        if (!old)
            return host->set_error(s, WIZ_PLUGIN_ERR, "%s: cannot read it", entry);
        snprintf(path, sizeof path, "%s", entry);
        text = wiz_js_insert_init(host, s, entry, old, in);
        host->free(old);
    } else {
        char root_tsx[160], root_jsx[160];
        snprintf(root_tsx, sizeof root_tsx, "%s/root.tsx", dir);
        snprintf(root_jsx, sizeof root_jsx, "%s/root.jsx", dir);
        bool ts = host->file_exists(s, root_tsx) == 1 ||
                  (host->file_exists(s, root_jsx) != 1 && host->file_exists(s, "tsconfig.json") == 1);
        char *ref = wiz_js_read(host, s, ts ? root_tsx : root_jsx);
        wiz_js_style_of(host, s, ts ? root_tsx : root_jsx, ref, &in->st);
        host->free(ref);
        snprintf(path, sizeof path, "%s/entry.client.%s", dir, ts ? "tsx" : "jsx");
        char *base = default_entry(&in->st);
        text = base ? wiz_js_insert_init(host, s, path, base, in) : NULL;
        free(base);
    }
    if (!text) /* the host's edit said why (an unreadable file), or memory ran out */
        return WIZ_PLUGIN_EINVAL;
    int rc = entry ? host->plan_replace(s, path, text, "initialise Amplitude before hydration")
                   : host->plan_create(s, path, text, "React Router's default client entry, initialising Amplitude "
                                                      "before hydration");
    free(text);
    return rc;
}

static bool renders_router(const char *t)
{
    static const char *const routers[] = {"<RouterProvider", "<BrowserRouter", "<HashRouter", "<MemoryRouter", NULL};
    bool router = false;
    for (const char *const *r = routers; *r && !router; r++)
        router = strstr(t, *r) != NULL;
    return router && (strstr(t, "createRoot(") || strstr(t, "hydrateRoot(") || strstr(t, ".render("));
}

static bool script(const char *p)
{
    return wiz_js_ends_with(p, ".tsx") || wiz_js_ends_with(p, ".jsx") || wiz_js_ends_with(p, ".js") ||
           (wiz_js_ends_with(p, ".ts") && !wiz_js_ends_with(p, ".d.ts"));
}

/* Data / declarative mode: the module under src/ (else anywhere) that renders the router. */
static int plan_spa(wiz_session *s, struct wiz_js_init *in)
{
    static const char *const globs[] = {"src/**/*", "**/*", NULL};
    char *found = NULL;
    for (const char *const *g = globs; *g && !found; g++) {
        char **files = NULL;
        if (host->list_files(s, *g, &files) != WIZ_PLUGIN_OK)
            continue;
        for (char **f = files; *f && !found; f++) {
            if (!script(*f) || strncmp(*f, "dist/", 5) == 0 || strncmp(*f, "build/", 6) == 0)
                continue;
            char *t = wiz_js_read(host, s, *f);
            if (t && renders_router(t))
                found = strdup(*f);
            host->free(t);
        }
        host->free(files);
    }
    if (!found)
        return host->set_error(s, WIZ_PLUGIN_ERR, "no module renders the router (<RouterProvider> or <BrowserRouter> "
                               "inside createRoot().render): add the init to your entry module yourself");
    char *old = wiz_js_read(host, s, found);
    char *text = NULL;
    if (old) {
        text = wiz_js_insert_init(host, s, found, old, in);
    }
    host->free(old);
    int rc = text ? host->plan_replace(s, found, text, "initialise Amplitude before the router renders")
                  : WIZ_PLUGIN_EINVAL;
    free(text);
    free(found);
    return rc;
}

static int plan_init(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in)
{
    (void)h;
    return framework_mode(s) ? plan_framework(s, in) : plan_spa(s, in);
}

static int plan(wiz_session *s)
{
    return wiz_js_plan(host, s, &rr_fw, plan_init);
}

static int verify(wiz_session *s)
{
    return wiz_js_verify(host, s, &rr_fw);
}

static const char *const ids[] = {"react-router", NULL};
static const struct wiz_plugin_desc desc = {
    WIZ_PLUGIN_DESC_HEADER,
    .abi_minor = 2, /* the source edits */
    .name = "react-router",
    .version = "1.0.0",
    .frameworks = ids,
    .priority = 30,
    .detect = detect,
    .plan = plan,
    .verify = verify,
    .description = "Amplitude for React Router 7 (framework mode: entry.client; data/declarative: the module "
                   "rendering the router)",
};

WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    host = h;
    return &desc;
}
