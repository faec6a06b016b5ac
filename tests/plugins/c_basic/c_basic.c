/* Test plugin "test-basic": exercises the host table the way a framework plugin does.
 * Marker files in the project steer it: fail-plan, fail-verify, escape-path, want-install,
 * swap-src-to (at the end of plan, src/ is swapped for a link to the directory the file
 * names: another process's attack between plan and apply, played in-process), crash-plan,
 * crash-verify (a fault in the plugin's own code). */
#include <ampli/plugin.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct wiz_host_api *host;

static int detect(wiz_session *s)
{
    if (host->file_exists(s, "test-basic.marker") == 1)
        return host->claim(s, "test-basic", "found test-basic.marker");
    return WIZ_PLUGIN_OK;
}

static int plan(wiz_session *s)
{
    int rc = WIZ_PLUGIN_OK;
    if (host->file_exists(s, "package.json") == 1)
        rc = host->plan_dependency(s, "package.json", "@amplitude/analytics-node", "^1.3.0");
    if (rc == WIZ_PLUGIN_OK && host->file_exists(s, "requirements.txt") == 1)
        rc = host->plan_dependency(s, "requirements.txt", "amplitude-analytics", ">=1.1");
    if (rc == WIZ_PLUGIN_OK)
        rc = host->plan_env(s, ".env", "AMPLITUDE_API_KEY", host->get(s, "api_key"));
    if (rc != WIZ_PLUGIN_OK)
        return rc;
    char body[512];
    const char *url = host->get(s, "ingest_url");
    snprintf(body, sizeof body, "// Amplitude (zone %s)\nexport const serverUrl = '%s';\n", host->get(s, "zone"),
             url ? url : "");
    rc = host->plan_create(s, "src/amplitude.js", body, "initialise the SDK");
    if (rc != WIZ_PLUGIN_OK)
        return rc;
    char *target = NULL;
    if (host->read_file(s, "escape-path", &target, NULL) == WIZ_PLUGIN_OK) {
        target[strcspn(target, "\n")] = '\0';
        rc = host->plan_create(s, target, "escaped\n", "should be refused");
        host->free(target);
        if (rc != WIZ_PLUGIN_OK)
            return rc;
    }
    if (host->file_exists(s, "want-install") == 1 && (rc = host->plan_install(s, NULL)) != WIZ_PLUGIN_OK)
        return rc;
    if (host->file_exists(s, "fail-plan") == 1)
        return host->set_error(s, WIZ_PLUGIN_ERR, "deliberate plan failure");
    if (host->file_exists(s, "crash-plan") == 1)
        raise(SIGSEGV);
    if (host->read_file(s, "swap-src-to", &target, NULL) == WIZ_PLUGIN_OK) {
        target[strcspn(target, "\n")] = '\0';
        char src[4096], moved[4200];
        snprintf(src, sizeof src, "%s/src", host->get(s, "install_dir"));
        snprintf(moved, sizeof moved, "%s-moved", src);
        if (rename(src, moved) != 0 || symlink(target, src) != 0)
            rc = host->set_error(s, WIZ_PLUGIN_ERR, "test: cannot swap src/");
        host->free(target);
    }
    return rc;
}

static int verify(wiz_session *s)
{
    char *t = NULL;
    if (host->read_file(s, "src/amplitude.js", &t, NULL) != WIZ_PLUGIN_OK)
        return host->set_error(s, WIZ_PLUGIN_ERR, "src/amplitude.js missing after apply");
    host->free(t);
    if (host->file_exists(s, "crash-verify") == 1)
        raise(SIGSEGV);
    if (host->file_exists(s, "fail-verify") == 1)
        return host->set_error(s, WIZ_PLUGIN_ERR, "deliberate verify failure");
    return WIZ_PLUGIN_OK;
}

static const char *const ids[] = {"test-basic", NULL};

static const struct wiz_plugin_desc desc = {
    WIZ_PLUGIN_DESC_HEADER,
    .abi_minor = 1,
    .name = "test-basic",
    .version = "1.2.3",
    .frameworks = ids,
    .priority = 100,
    .detect = detect,
    .plan = plan,
    .verify = verify,
    .description = "test plugin",
};

WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    host = h;
    return &desc;
}
