/* Next.js App Router: on Next >= 15.3 the init goes in instrumentation-client.(ts|js), which
 * Next runs in the browser before hydration (root, or src/ beside src/app); older versions
 * get a small client component rendered once in the root layout. */
#include "next.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const layouts[] = {
    "app/layout.tsx", "app/layout.jsx", "app/layout.js", "app/layout.ts",
    "src/app/layout.tsx", "src/app/layout.jsx", "src/app/layout.js", "src/app/layout.ts", NULL,
};

const char *wiz_next_layout(const struct wiz_host_api *h, wiz_session *s)
{
    const char *f = NULL;
    h->find_first(s, layouts, &f);
    return f;
}

/* The installed Next version (node_modules/next), else the lowest the range declares. */
static bool next_at_least(const struct wiz_host_api *h, wiz_session *s, int maj, int min, char *seen, size_t cap)
{
    char *v = NULL;
    if (h->file_exists(s, "node_modules/next/package.json") == 1)
        h->json_get(s, "node_modules/next/package.json", "version", &v);
    if (!v)
        v = wiz_js_dep(h, s, "next");
    snprintf(seen, cap, "%s", v ? v : "?");
    int a, b;
    bool ok = wiz_js_version(v, &a, &b);
    /* "latest", "canary", "rc": today's Next, which has instrumentation-client */
    bool newest = v && !ok && (strcmp(v, "latest") == 0 || strcmp(v, "canary") == 0 || strcmp(v, "rc") == 0);
    h->free(v);
    return newest || (ok && (a > maj || (a == maj && b >= min)));
}

static int plan_instrumentation(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in,
                                const char *layout, bool src)
{
    bool ts = h->file_exists(s, "tsconfig.json") == 1;
    char path[64];
    snprintf(path, sizeof path, "%sinstrumentation-client.%s", src ? "src/" : "", ts ? "ts" : "js");
    const char *const others[] = {"instrumentation-client.ts", "instrumentation-client.js",
                                  "src/instrumentation-client.ts", "src/instrumentation-client.js", NULL};
    const char *existing = NULL;
    h->find_first(s, others, &existing);
    char *text = NULL;
    if (existing) { /* the project has one (Sentry, web vitals…): add ours to it */
        snprintf(path, sizeof path, "%s", existing);
        char *old = wiz_js_read(h, s, existing);
        if (!old)
            return h->set_error(s, WIZ_PLUGIN_ERR, "%s: cannot read it", existing);
        text = wiz_js_insert_init(h, s, existing, old, in);
        h->free(old);
    } else {
        char *ref = wiz_js_read(h, s, layout);
        wiz_js_style_of(h, s, layout, ref, &in->st);
        h->free(ref);
        text = wiz_js_insert_init(h, s, path, "", in);
    }
    if (!text) /* the host's edit said why (an unreadable file), or memory ran out */
        return WIZ_PLUGIN_EINVAL;
    int rc = existing ? h->plan_replace(s, path, text, "initialise Amplitude in the browser, before hydration")
                      : h->plan_create(s, path, text, "initialise Amplitude in the browser, before hydration");
    free(text);
    return rc;
}

/* `<Amplitude />` just inside <body>, on its own line when the body's children are. */
static char *add_to_body(const char *layout, const char *tag)
{
    const char *b = strstr(layout, "<body");
    const char *gt = b ? strchr(b, '>') : NULL;
    if (!gt)
        return NULL;
    size_t at = (size_t)(gt - layout) + 1;
    struct wiz_js_buf o = {0};
    wiz_js_addn(&o, layout, at);
    if (layout[at] == '\n') {
        const char *n = layout + at + 1, *e = n;
        while (*e == ' ' || *e == '\t')
            e++;
        wiz_js_add(&o, "\n");
        wiz_js_addn(&o, n, (size_t)(e - n));
        wiz_js_add(&o, tag);
    } else {
        wiz_js_add(&o, tag);
    }
    wiz_js_add(&o, layout + at);
    return wiz_js_take(&o);
}

static int plan_component(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in, const char *layout)
{
    char *lt = wiz_js_read(h, s, layout);
    if (!lt)
        return h->set_error(s, WIZ_PLUGIN_ERR, "%s: cannot read it", layout);
    wiz_js_style_of(h, s, layout, lt, &in->st);
    in->browser_only = true; /* client components also render on the server */
    const char *ext = strrchr(layout, '.');
    char path[64];
    snprintf(path, sizeof path, "%.*samplitude%s", (int)(strrchr(layout, '/') - layout + 1), layout,
             strcmp(ext, ".ts") == 0 ? ".tsx" : ext);
    if (h->file_exists(s, path) == 1) {
        h->free(lt);
        return h->set_error(s, WIZ_PLUGIN_ERR, "%s exists already and is not an Amplitude init: "
                            "move it aside, or add the init yourself", path);
    }
    const char *sc = in->st.semi ? ";" : "";
    char q = in->st.q;
    struct wiz_js_buf c = {0};
    wiz_js_addf(&c, "%cuse client%c%s\n\n", q, q, sc);
    wiz_js_addf(&c, "// Renders nothing: importing it from the root layout starts Amplitude once per page load.\n"
                    "export function Amplitude() {\n%sreturn null%s\n}\n", in->st.ind, sc);
    char *base = wiz_js_take(&c);
    char *comp = base ? wiz_js_insert_init(h, s, path, base, in) : NULL;
    free(base);
    /* the layout: one import after its imports, the component first in <body> */
    char *imported = NULL;
    h->edit_import(s, layout, lt, "./amplitude", "{ Amplitude }", &imported);
    char *newlayout = imported ? add_to_body(imported, "<Amplitude />") : NULL;
    bool nobody = imported && !newlayout;
    free(imported);
    h->free(lt);
    int rc;
    if (nobody)
        rc = h->set_error(s, WIZ_PLUGIN_ERR, "%s: no <body> element to render <Amplitude /> in", layout);
    else if (!comp || !newlayout)
        rc = WIZ_PLUGIN_EINVAL; /* the host's edit said why */
    else {
        rc = h->plan_create(s, path, comp, "a client component that initialises Amplitude in the browser");
        if (!rc)
            rc = h->plan_replace(s, layout, newlayout, "render <Amplitude /> once, in the root layout");
    }
    free(comp);
    free(newlayout);
    return rc;
}

int wiz_next_plan_app(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in, const char *layout)
{
    char seen[64];
    bool src = strncmp(layout, "src/", 4) == 0;
    if (next_at_least(h, s, 15, 3, seen, sizeof seen)) {
        h->log(s, WIZ_LOG_INFO, "Next %s (>= 15.3): init in instrumentation-client", seen);
        return plan_instrumentation(h, s, in, layout, src);
    }
    h->log(s, WIZ_LOG_INFO, "Next %s (< 15.3, no instrumentation-client): a client component in %s", seen, layout);
    return plan_component(h, s, in, layout);
}
