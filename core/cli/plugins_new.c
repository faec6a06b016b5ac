/* plugins new NAME --lang c|lua: a minimal plugin that builds, loads and works. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char c_src[] =
    "/* @NAME@: an ampli-wizard framework plugin. Build: make; then put @NAME@.so in a\n"
    " * directory listed in AMPLI_WIZARD_PLUGIN_PATH. Guide: docs/plugins.md of the SDK. */\n"
    "#include <ampli/plugin.h>\n"
    "#include <string.h>\n"
    "\n"
    "static const struct wiz_host_api *host;\n"
    "\n"
    "/* Claims projects whose package.json depends on \"@NAME@\": in dependencies or, for a\n"
    " * framework bundled at build time (SvelteKit, Astro), in devDependencies. */\n"
    "static int detect(wiz_session *s)\n"
    "{\n"
    "    char *v = NULL;\n"
    "    if (!WIZ_HOST_HAS(host, json_get) ||\n"
    "        (host->json_get(s, \"package.json\", \"dependencies.@NAME@\", &v) &&\n"
    "         host->json_get(s, \"package.json\", \"devDependencies.@NAME@\", &v)))\n"
    "        return WIZ_PLUGIN_OK; /* not ours: no claim */\n"
    "    host->claim(s, \"@NAME@\", \"package.json depends on @NAME@\");\n"
    "    host->free(v);\n"
    "    return WIZ_PLUGIN_OK;\n"
    "}\n"
    "\n"
    "static int plan(wiz_session *s)\n"
    "{\n"
    "    int rc = host->plan_dependency(s, \"package.json\", \"@amplitude/analytics-node\", \"^1.3.0\");\n"
    "    if (rc == WIZ_PLUGIN_OK)\n"
    "        rc = host->plan_env(s, \".env\", \"AMPLITUDE_API_KEY\", host->get(s, \"api_key\"));\n"
    "    if (rc == WIZ_PLUGIN_OK)\n"
    "        rc = host->plan_install(s, \"package.json\");\n"
    "    return rc;\n"
    "}\n"
    "\n"
    "static const char *const frameworks[] = {\"@NAME@\", NULL};\n"
    "\n"
    "static const struct wiz_plugin_desc desc = {\n"
    "    WIZ_PLUGIN_DESC_HEADER,\n"
    "    .abi_minor = 1, /* json_get is 1.1 */\n"
    "    .name = \"@NAME@\",\n"
    "    .version = \"0.1.0\",\n"
    "    .frameworks = frameworks,\n"
    "    .priority = 500,\n"
    "    .detect = detect,\n"
    "    .plan = plan,\n"
    "    .description = \"Amplitude for @NAME@ projects\",\n"
    "};\n"
    "\n"
    "WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)\n"
    "{\n"
    "    host = h;\n"
    "    return &desc;\n"
    "}\n";

static const char c_make[] =
    "# Builds @NAME@.so against the installed ampli-wizard plugin SDK (pkg-config).\n"
    "CFLAGS ?= -O2 -Wall -Wextra\n"
    "@NAME@.so: @NAME@.c\n"
    "\t$(CC) $(CFLAGS) $$(pkg-config --cflags ampli-wizard-plugin) -fvisibility=hidden -shared -fPIC -o $@ $<\n"
    "clean:\n"
    "\trm -f @NAME@.so\n";

static const char lua_src[] =
    "-- @NAME@: an ampli-wizard framework plugin (Lua). Put this file in a directory listed\n"
    "-- in AMPLI_WIZARD_PLUGIN_PATH. Guide: docs/plugins.md of the SDK.\n"
    "local text = import(\"text\")\n"
    "\n"
    "return {\n"
    "  name = \"@NAME@\",\n"
    "  version = \"0.1.0\",\n"
    "  abi = \"1.1\",\n"
    "  frameworks = { \"@NAME@\" },\n"
    "  priority = 500,\n"
    "  description = \"Amplitude for @NAME@ projects\",\n"
    "\n"
    "  detect = function(s)\n"
    "    -- a dependency, or a devDependency (frameworks bundled at build time list it there)\n"
    "    local v = s:json(\"package.json\", \"dependencies.@NAME@\") or s:json(\"package.json\", \"devDependencies.@NAME@\")\n"
    "    if v then s:claim(\"@NAME@\", \"package.json depends on @NAME@ \" .. v) end\n"
    "  end,\n"
    "\n"
    "  plan = function(s)\n"
    "    s:dependency(\"package.json\", \"@amplitude/analytics-node\", \"^1.3.0\")\n"
    "    s:env(\".env\", \"AMPLITUDE_API_KEY\", s:get(\"api_key\"))\n"
    "    s:install(\"package.json\")\n"
    "    local readme = s:read(\"README.md\")\n"
    "    if readme and not text.contains(readme, \"## Analytics\") then\n"
    "      s:replace(\"README.md\", text.ensure_trailing_newline(readme) ..\n"
    "        \"\\n## Analytics\\n\\nAmplitude is set up; the key is in .env.\\n\", \"document the setup\")\n"
    "    end\n"
    "  end,\n"
    "}\n";

static enum wiz_rc write_template(struct wiz_ctx *ctx, const char *path, const char *tmpl, const char *name)
{
    FILE *f = fopen(path, "wx");
    if (!f)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", path);
    for (const char *p = tmpl; *p;) {
        const char *at = strstr(p, "@NAME@");
        size_t n = at ? (size_t)(at - p) : strlen(p);
        fwrite(p, 1, n, f);
        if (!at)
            break;
        fputs(name, f);
        p = at + 6;
    }
    if (fclose(f) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", path);
    return WIZ_OK;
}

static enum wiz_rc run_plugins_new(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    if (app->opts.argc != 1)
        return wiz_fail(ctx, WIZ_EUSAGE, "usage: ampli-wizard plugins new NAME --lang c|lua");
    const char *name = app->opts.argv[0];
    const char *lang = app->opts.lang ? app->opts.lang : "lua";
    bool c = strcmp(lang, "c") == 0;
    if (!c && strcmp(lang, "lua") != 0)
        return wiz_fail(ctx, WIZ_EUSAGE, "--lang must be c or lua, not '%s'", lang);
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return wiz_fail(ctx, WIZ_EUSAGE, "plugin name '%s': use lowercase letters, digits, '-' and '_'", name);
    if (strlen(name) > 64 || name[0] == '-')
        return wiz_fail(ctx, WIZ_EUSAGE, "plugin name '%s' is not usable", name);
    char *dir = wiz_asprintf("%s/%s", app->opts.install_dir, name);
    if (!dir)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = WIZ_OK;
    if (mkdir(dir, 0755) != 0)
        rc = errno == EEXIST ? wiz_fail(ctx, WIZ_EWRITE, "%s already exists: not overwriting it", dir)
                             : wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", dir);
    char *src = wiz_asprintf("%s/%s.%s", dir, name, c ? "c" : "lua");
    char *mk = wiz_asprintf("%s/Makefile", dir);
    if (!rc)
        rc = write_template(ctx, src, c ? c_src : lua_src, name);
    if (!rc && c)
        rc = write_template(ctx, mk, c_make, name);
    if (!rc) {
        printf("created %s\n", src);
        if (c)
            printf("build it: make -C %s   (needs the SDK: pkg-config ampli-wizard-plugin)\n", dir);
        /* the plugin path takes absolute directories only: the hint must work from anywhere */
        char *abs = realpath(dir, NULL);
        printf("use it:   AMPLI_WIZARD_PLUGIN_PATH=%s ampli-wizard plugins list\n", abs ? abs : dir);
        free(abs);
    }
    free(src);
    free(mk);
    free(dir);
    return rc;
}

static const char *const new_flags[] = {"lang", NULL};

const struct wiz_cmd wiz_cmd_plugins_new = {
    .name = "plugins new",
    .summary = "write a minimal working plugin skeleton (C or Lua)",
    .usage = "plugins new NAME [--lang c|lua] [--install-dir DIR]",
    .details = "Creates DIR/NAME/ (DIR defaults to the current directory) with NAME.lua, or with\n"
               "NAME.c and a Makefile that builds NAME.so against the installed SDK.",
    .flags = new_flags,
    .run = run_plugins_new,
};
