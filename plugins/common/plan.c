/* The plan steps the browser frameworks share: what is already there (SDK, init, key),
 * then only what is missing. A project with all three plans nothing; a half-done one is
 * completed, never given a second init. */
#include "js.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Caret ranges of the current majors (npm view, at the time of writing). */
static const char *sdk_spec(enum wiz_js_sdk sdk)
{
    return sdk == WIZ_JS_UNIFIED ? "^1.1.35" : "^2.48.1";
}

/* The public ingestion endpoints: a session using another one (a proxy, our stand-in)
 * gets it written as the server URL variable. */
static bool custom_ingest(const char *url)
{
    return url && url[0] && strcmp(url, "https://api2.amplitude.com/2/httpapi") != 0 &&
           strcmp(url, "https://api.eu.amplitude.com/2/httpapi") != 0;
}

char *wiz_js_read(const struct wiz_host_api *h, wiz_session *s, const char *path)
{
    char *t = NULL;
    if (h->file_exists(s, path) != 1 || h->read_file(s, path, &t, NULL) != WIZ_PLUGIN_OK)
        return NULL;
    return t;
}

char *wiz_js_dep(const struct wiz_host_api *h, wiz_session *s, const char *name)
{
    static const char *const sections[] = {"dependencies", "devDependencies"};
    if (h->file_exists(s, "package.json") != 1)
        return NULL;
    for (size_t i = 0; i < 2; i++) {
        char field[256], *v = NULL;
        snprintf(field, sizeof field, "%s.%s", sections[i], name);
        if (h->json_get(s, "package.json", field, &v) == WIZ_PLUGIN_OK)
            return v;
    }
    return NULL;
}

static bool source_file(const char *p)
{
    static const char *const ext[] = {".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".vue", NULL};
    static const char *const skip[] = {"build/", "dist/", "out/", "public/", "coverage/", NULL};
    for (const char *const *k = skip; *k; k++)
        if (strncmp(p, *k, strlen(*k)) == 0)
            return false;
    if (wiz_js_ends_with(p, ".d.ts"))
        return false;
    for (const char *const *e = ext; *e; e++)
        if (wiz_js_ends_with(p, *e))
            return true;
    return false;
}

int wiz_js_scan_inits(const struct wiz_host_api *h, wiz_session *s, int *count, char **first)
{
    *count = 0;
    *first = NULL;
    char **files = NULL;
    int rc = h->list_files(s, "**/*", &files);
    if (rc)
        return rc;
    for (char **f = files; *f; f++) {
        if (!source_file(*f))
            continue;
        static const char *const inits[] = {"init", "initAll", NULL};
        char *t = wiz_js_read(h, s, *f);
        int n = 0;
        if (t && h->edit_count_calls(s, *f, t, "@amplitude/*", inits, &n) != WIZ_PLUGIN_OK)
            n = 0; /* a file the host cannot read holds no init it could see */
        h->free(t);
        if (n > 0 && !*first && !(*first = strdup(*f))) {
            h->free(files);
            return WIZ_PLUGIN_ENOMEM;
        }
        *count += n;
    }
    h->free(files);
    return WIZ_PLUGIN_OK;
}

/* KEY=<non-empty> in the env file. */
static bool env_has(const struct wiz_host_api *h, wiz_session *s, const char *file, const char *key)
{
    char *t = wiz_js_read(h, s, file);
    bool found = false;
    size_t kl = strlen(key);
    for (const char *l = t; l && *l && !found;) {
        while (*l == ' ' || *l == '\t')
            l++;
        if (strncmp(l, "export ", 7) == 0)
            l += 7;
        found = strncmp(l, key, kl) == 0 && l[kl] == '=' && l[kl + 1] && l[kl + 1] != '\n';
        l = strchr(l, '\n');
        l = l ? l + 1 : NULL;
    }
    h->free(t);
    return found;
}

int wiz_js_plan(const struct wiz_host_api *h, wiz_session *s, const struct wiz_js_fw *fw,
                wiz_js_plan_init_fn plan_init)
{
    enum wiz_js_sdk sdk = strcmp(fw->default_sdk_pkg, "@amplitude/unified") == 0 ? WIZ_JS_UNIFIED : WIZ_JS_BROWSER;
    bool have_dep = true;
    char *v;
    if ((v = wiz_js_dep(h, s, "@amplitude/unified")))
        sdk = WIZ_JS_UNIFIED;
    else if ((v = wiz_js_dep(h, s, "@amplitude/analytics-browser")))
        sdk = WIZ_JS_BROWSER;
    else
        have_dep = false;
    h->free(v);
    int inits;
    char *first;
    int rc = wiz_js_scan_inits(h, s, &inits, &first);
    if (rc)
        return rc;
    bool have_env = env_has(h, s, fw->env_file, fw->key_var);
    if (have_dep && inits > 0 && have_env) {
        h->progress(s, "Amplitude is already set up: %s is declared, %s initialises it, %s sets %s",
                    wiz_js_sdk_name(sdk), first, fw->env_file, fw->key_var);
        free(first);
        /* the project chosen now wins: the key (and server) of this run, which plans
         * nothing when they are the ones already there */
        const char *key = h->get(s, "api_key"), *ingest = h->get(s, "ingest_url");
        int r = key ? h->plan_env(s, fw->env_file, fw->key_var, key) : WIZ_PLUGIN_OK;
        if (!r && custom_ingest(ingest))
            r = h->plan_env(s, fw->env_file, fw->url_var, ingest);
        return r;
    }
    if (inits > 1)
        h->log(s, WIZ_LOG_WARN, "%d Amplitude init calls found (first in %s): keep only one", inits, first);
    if (!have_dep) {
        rc = h->plan_dependency(s, "package.json", wiz_js_sdk_name(sdk), sdk_spec(sdk));
        if (!rc)
            rc = h->plan_install(s, NULL);
    }
    const char *key = h->get(s, "api_key");
    if (!rc && !key)
        rc = h->set_error(s, WIZ_PLUGIN_EINVAL, "no Amplitude API key in this session");
    if (!rc)
        rc = h->plan_env(s, fw->env_file, fw->key_var, key);
    const char *ingest = h->get(s, "ingest_url");
    if (!rc && custom_ingest(ingest))
        rc = h->plan_env(s, fw->env_file, fw->url_var, ingest);
    if (!rc && inits > 0)
        h->progress(s, "Keeping the Amplitude init already in %s", first);
    if (!rc && inits == 0) {
        char kx[160], ux[160];
        snprintf(kx, sizeof kx, "%s%s", fw->env_prefix_expr, fw->key_var);
        snprintf(ux, sizeof ux, "%s%s", fw->env_prefix_expr, fw->url_var);
        const char *zone = h->get(s, "zone");
        struct wiz_js_init in = {
            .sdk = sdk, .key_expr = kx, .url_expr = ux, .env_file = fw->env_file,
            .eu = zone && strcmp(zone, "eu") == 0,
        };
        rc = plan_init(h, s, &in);
    }
    free(first);
    return rc;
}

int wiz_js_verify(const struct wiz_host_api *h, wiz_session *s, const struct wiz_js_fw *fw)
{
    int inits;
    char *first;
    int rc = wiz_js_scan_inits(h, s, &inits, &first);
    if (rc)
        return rc;
    free(first);
    if (inits != 1)
        return h->set_error(s, WIZ_PLUGIN_ERR, "expected exactly one Amplitude init call in the sources, found %d",
                            inits);
    char *a = wiz_js_dep(h, s, "@amplitude/unified"), *b = a ? NULL : wiz_js_dep(h, s, "@amplitude/analytics-browser");
    bool dep = a || b;
    h->free(a);
    h->free(b);
    if (!dep)
        return h->set_error(s, WIZ_PLUGIN_ERR, "package.json does not declare an Amplitude browser SDK");
    if (!env_has(h, s, fw->env_file, fw->key_var))
        return h->set_error(s, WIZ_PLUGIN_ERR, "%s does not set %s", fw->env_file, fw->key_var);
    return WIZ_PLUGIN_OK;
}
