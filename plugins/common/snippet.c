/* The one Amplitude init every browser framework gets, written in the author's style.
 * The key and the optional server URL are read from the framework's public env vars
 * (never written into source); SDK defaults are kept, so sessions and page views are
 * tracked and the first events leave within about a second of page load. */
#include "js.h"

#include <stdlib.h>
#include <string.h>

const char *wiz_js_sdk_name(enum wiz_js_sdk sdk)
{
    return sdk == WIZ_JS_UNIFIED ? "@amplitude/unified" : "@amplitude/analytics-browser";
}

char *wiz_js_import_line(const struct wiz_js_init *in)
{
    struct wiz_js_buf b = {0};
    wiz_js_addf(&b, "import * as amplitude from %c%s%c%s\n", in->st.q, wiz_js_sdk_name(in->sdk), in->st.q,
                in->st.semi ? ";" : "");
    return wiz_js_take(&b);
}

char *wiz_js_init_block(const struct wiz_js_init *in, const char *base)
{
    const char *sc = in->st.semi ? ";" : "", *u = in->st.ind;
    char q = in->st.q;
    struct wiz_js_buf b = {0};
    wiz_js_addf(&b, "%s// Amplitude: the API key (and an optional server URL) come from %s, which git ignores.\n",
                base, in->env_file);
    wiz_js_addf(&b, "%sconst amplitudeApiKey = %s%s\n", base, in->key_expr, sc);
    wiz_js_addf(&b, "%sconst amplitudeServerUrl = %s%s\n", base, in->url_expr, sc);
    if (in->browser_only) /* this module also renders on the server: start the SDK in the browser only */
        wiz_js_addf(&b, "%sif (typeof window !== %cundefined%c && amplitudeApiKey) {\n", base, q, q);
    else
        wiz_js_addf(&b, "%sif (amplitudeApiKey) {\n", base);
    wiz_js_addf(&b, "%s%samplitude.%s(amplitudeApiKey, {\n", base, u, in->sdk == WIZ_JS_UNIFIED ? "initAll" : "init");
    if (in->eu)
        wiz_js_addf(&b, "%s%s%sserverZone: %cEU%c,\n", base, u, u, q, q);
    /* autocapture set, as Amplitude's framework guides say (amplitude/wizard
     * skills/integration/integration-nextjs-app-router/SKILL.md: sessions, page views, form
     * interactions and file downloads; left unset, the SDK warns on every page) */
    const char *ac = "autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }";
    if (in->sdk == WIZ_JS_UNIFIED)
        wiz_js_addf(&b, "%s%s%sanalytics: { %s, ...(amplitudeServerUrl ? { serverUrl: amplitudeServerUrl } : {}) },\n",
                    base, u, u, ac);
    else {
        wiz_js_addf(&b, "%s%s%s%s,\n", base, u, u, ac);
        wiz_js_addf(&b, "%s%s%s...(amplitudeServerUrl ? { serverUrl: amplitudeServerUrl } : {}),\n", base, u, u);
    }
    wiz_js_addf(&b, "%s%s})%s\n", base, u, sc);
    wiz_js_addf(&b, "%s}\n", base);
    return wiz_js_take(&b);
}

char *wiz_js_insert_init(const struct wiz_host_api *h, wiz_session *s, const char *path, const char *text,
                         const struct wiz_js_init *in)
{
    if (!*text) { /* a new file: the import and the init, in the style of the file it sits beside */
        char *imp = wiz_js_import_line(in), *blk = wiz_js_init_block(in, "");
        struct wiz_js_buf b = {0};
        b.oom = !imp || !blk;
        wiz_js_add(&b, imp ? imp : "");
        wiz_js_add(&b, "\n");
        wiz_js_add(&b, blk ? blk : "");
        free(imp);
        free(blk);
        return wiz_js_take(&b);
    }
    /* an existing file: the host's edits read its syntax and write in its style, from the
     * canonical form (single quotes, semicolons, two spaces) */
    struct wiz_js_init canon = *in;
    canon.st = (struct wiz_js_style){.q = '\'', .semi = true, .ind = "  "};
    char *blk = wiz_js_init_block(&canon, ""), *imported = NULL, *out = NULL;
    if (blk && h->edit_import(s, path, text, wiz_js_sdk_name(in->sdk), "* as amplitude", &imported) == WIZ_PLUGIN_OK)
        h->edit_insert(s, path, imported, "after-imports", blk, &out);
    h->free(imported);
    free(blk);
    return out; /* the host's memory: free() and host->free are the same allocator */
}
