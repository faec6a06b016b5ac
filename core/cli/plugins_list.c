/* plugins list [--json]: every plugin found, in discovery order, with its status. */
#include "cli.h"
#include "../plugin/host.h"
#include "../ui/ui.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *status_name(enum wiz_plugin_status s)
{
    return s == WIZ_PS_OK ? "ok" : s == WIZ_PS_SHADOWED ? "shadowed" : "refused";
}

static enum wiz_rc run_plugins_list(struct wiz_app *app)
{
    struct wiz_registry reg;
    enum wiz_rc rc = wiz_registry_load(app, &reg);
    if (rc)
        return rc;
    bool as_json = app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT;
    json_t *arr = as_json ? json_array() : NULL;
    if (!as_json)
        printf("%-18s %-8s %-4s %-5s %-9s %-28s %s\n", "NAME", "VERSION", "KIND", "ABI", "STATUS", "FRAMEWORKS", "PATH");
    for (size_t i = 0; i < reg.n; i++) {
        const struct wiz_plugin *p = &reg.v[i];
        char ids[256] = "", abi[16] = "-";
        json_t *jids = json_array();
        for (char **id = p->ids; id && *id; id++) {
            snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", ids[0] ? "," : "", *id);
            json_array_append_new(jids, json_string(*id));
        }
        if (p->abi_major)
            snprintf(abi, sizeof abi, "%u.%u", p->abi_major, p->abi_minor);
        const char *kind = p->kind == WIZ_PK_C ? "c" : "lua";
        if (arr) {
            json_array_append_new(arr, json_pack("{s:s?, s:s?, s:s, s:o, s:s, s:s, s:s, s:s?, s:i}", "name", p->name,
                                                 "version", p->version, "kind", kind, "frameworks", jids, "path",
                                                 p->path, "abi", abi, "status", status_name(p->status), "note",
                                                 p->note, "priority", p->priority));
        } else {
            json_decref(jids);
            printf("%-18s %-8s %-4s %-5s %-9s %-28s %s\n", p->name ? p->name : "?", p->version ? p->version : "-", kind,
                   abi, status_name(p->status), ids[0] ? ids : "-", p->path);
            if (p->note)
                printf("    %s\n", p->note);
        }
    }
    if (arr) {
        char *s = json_dumps(arr, JSON_COMPACT);
        wiz_ui_result(app, "plugins", "plugins found", s ? s : "[]");
        free(s);
        json_decref(arr);
    } else if (reg.n == 0) {
        printf("(no plugins found)\n");
    }
    wiz_registry_free(&reg);
    return WIZ_OK;
}

const struct wiz_cmd wiz_cmd_plugins_list = {
    .name = "plugins list",
    .summary = "list the framework plugins found, and why any was refused",
    .usage = "plugins list [--json]",
    .details = "Plugins are searched in the built-in directory, then each directory of\n"
               "AMPLI_WIZARD_PLUGIN_PATH (colon-separated, absolute), then\n"
               "~/.local/share/ampli-wizard/plugins. The first plugin serving a framework id wins;\n"
               "later ones are shown as shadowed. Files or directories writable by others are refused.",
    .run = run_plugins_list,
};
