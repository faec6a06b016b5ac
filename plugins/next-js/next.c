/* next-js: Amplitude for Next.js apps. App Router -> app_router.c; Pages Router -> the init
 * in pages/_app (created as Next's default when absent), guarded to run in the browser only
 * since _app also renders on the server. Key in .env.local as NEXT_PUBLIC_AMPLITUDE_API_KEY,
 * which Next inlines into the client bundle at build time. */
#include "next.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct wiz_host_api *host;

static const struct wiz_js_fw next_fw = {
    /* the unified SDK: analytics plus session replay and experiment behind one init, as
     * Amplitude recommends for React apps (and as the public wizard installs for Next) */
    .default_sdk_pkg = "@amplitude/unified",
    .env_file = ".env.local",
    .key_var = "NEXT_PUBLIC_AMPLITUDE_API_KEY",
    .url_var = "NEXT_PUBLIC_AMPLITUDE_SERVER_URL",
    .env_prefix_expr = "process.env.",
};

static int detect(wiz_session *s)
{
    char *v = wiz_js_dep(host, s, "next");
    if (v) {
        char ev[160];
        snprintf(ev, sizeof ev, "package.json depends on next %s", v);
        host->free(v);
        return host->claim(s, "next-js", ev);
    }
    return WIZ_PLUGIN_OK;
}

static const char *const apps[] = {
    "pages/_app.tsx", "pages/_app.jsx", "pages/_app.js", "pages/_app.ts",
    "src/pages/_app.tsx", "src/pages/_app.jsx", "src/pages/_app.js", "src/pages/_app.ts", NULL,
};

/* The pages directory Next uses (pages/ before src/pages/); NULL when there is none. */
static const char *pages_dir(wiz_session *s)
{
    static const char *const dirs[] = {"pages", "src/pages"};
    for (size_t i = 0; i < 2; i++) {
        char glob[32], **files = NULL;
        snprintf(glob, sizeof glob, "%s/**/*", dirs[i]);
        bool any = host->list_files(s, glob, &files) == WIZ_PLUGIN_OK && files && files[0];
        host->free(files);
        if (any)
            return dirs[i];
    }
    return NULL;
}

static int plan_pages(wiz_session *s, struct wiz_js_init *in, const char *dir)
{
    in->browser_only = true;
    const char *app = NULL;
    host->find_first(s, apps, &app);
    char *old = app ? wiz_js_read(host, s, app) : NULL;
    if (app && !old)
        return host->set_error(s, WIZ_PLUGIN_ERR, "%s: cannot read it", app);
    char path[64], *text = NULL;
    if (old) {
        snprintf(path, sizeof path, "%s", app);
        text = wiz_js_insert_init(host, s, app, old, in);
        host->free(old);
    } else {
        /* Next's default _app, in the style of the project's pages */
        static const char *const refs[] = {"pages/index.tsx", "pages/index.jsx", "pages/index.js", "pages/_document.tsx",
                                           "pages/_document.js", "src/pages/index.tsx", "src/pages/index.jsx",
                                           "src/pages/index.js", NULL};
        const char *ref = NULL;
        host->find_first(s, refs, &ref);
        char *rt = ref ? wiz_js_read(host, s, ref) : NULL;
        wiz_js_style_of(host, s, ref, rt, &in->st);
        host->free(rt);
        bool ts = host->file_exists(s, "tsconfig.json") == 1;
        snprintf(path, sizeof path, "%s/_app.%s", dir, ts ? "tsx" : "js");
        const char *sc = in->st.semi ? ";" : "";
        char q = in->st.q;
        struct wiz_js_buf b = {0};
        if (ts)
            wiz_js_addf(&b, "import type { AppProps } from %cnext/app%c%s\n\n", q, q, sc);
        wiz_js_addf(&b, "export default function App({ Component, pageProps }%s) {\n%sreturn <Component {...pageProps} />%s\n}\n",
                    ts ? ": AppProps" : "", in->st.ind, sc);
        char *base = wiz_js_take(&b);
        text = base ? wiz_js_insert_init(host, s, path, base, in) : NULL;
        free(base);
    }
    if (!text) /* the host's edit said why (an unreadable file), or memory ran out */
        return WIZ_PLUGIN_EINVAL;
    int rc = app ? host->plan_replace(s, path, text, "initialise Amplitude once, in the browser")
                 : host->plan_create(s, path, text, "Next's default _app, initialising Amplitude in the browser");
    free(text);
    return rc;
}

static int plan_init(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in)
{
    const char *layout = wiz_next_layout(h, s);
    if (layout)
        return wiz_next_plan_app(h, s, in, layout);
    const char *dir = pages_dir(s);
    if (dir)
        return plan_pages(s, in, dir);
    return h->set_error(s, WIZ_PLUGIN_ERR, "neither an App Router root layout (app/layout.*, src/app/layout.*) "
                        "nor a pages/ directory was found");
}

static int plan(wiz_session *s)
{
    return wiz_js_plan(host, s, &next_fw, plan_init);
}

static int verify(wiz_session *s)
{
    return wiz_js_verify(host, s, &next_fw);
}

static const char *const ids[] = {"next-js", NULL};
static const struct wiz_plugin_desc desc = {
    WIZ_PLUGIN_DESC_HEADER,
    .abi_minor = 2, /* the source edits */
    .name = "next-js",
    .version = "1.0.0",
    .frameworks = ids,
    .priority = 10,
    .detect = detect,
    .plan = plan,
    .verify = verify,
    .description = "Amplitude for Next.js (App Router: instrumentation-client or a client component; Pages Router: _app)",
};

WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    host = h;
    return &desc;
}
