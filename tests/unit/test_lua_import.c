/* Lua plugins' import(): an SDK module is read at import (a missing one fails the load)
 * but compiled and run only when a field of it is first used; reads, writes, pairs and #
 * then reach the module itself, and an error in the module surfaces where it is used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin/host.h"

struct fx {
    char dir[64];
    char sdk[96];
};

static void put(const char *dir, const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **st)
{
    struct fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/wizluaimp.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->sdk, sizeof f->sdk, "%s/sdk", f->dir);
    mkdir(f->sdk, 0755);
    /* runs only when used: its top level fails, so an eager import fails the load */
    put(f->sdk, "boom.lua", "error('boom module ran')\nreturn {}\n");
    put(f->sdk, "good.lua", "local M = { 'a', 'b', 'c' }\nM.suffix = 'ok'\n"
                            "function M.get(k) return M[k] end\nreturn M\n");
    /* an SDK module importing another, as js.lua and python.lua import text.lua */
    put(f->sdk, "outer.lua", "local g = import('good')\nreturn { twice = function() return g.suffix .. g.suffix end }\n");
    *st = f;
    return 0;
}

static int teardown(void **st)
{
    struct fx *f = *st;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static const char TAIL[] = "  abi = '1.0', frameworks = { 'x' }, detect = function() end, plan = function() end }\n";

/* Loads a plugin whose file is body .. TAIL; returns rc and leaves the plugin in *p. */
static enum wiz_rc load(struct fx *f, const char *body, struct wiz_plugin *p, struct wiz_ctx *ctx)
{
    char *text = wiz_asprintf("%s%s", body, TAIL);
    assert_non_null(text);
    put(f->dir, "p.lua", text);
    free(text);
    char *path = wiz_asprintf("%s/p.lua", f->dir);
    memset(p, 0, sizeof *p);
    p->path = path;
    wiz_ctx_init(ctx);
    return wiz_load_lua(ctx, p, f->sdk);
}

static void clear(struct wiz_plugin *p)
{
    wiz_unload_lua(p);
    free(p->path);
    free(p->name);
    free(p->version);
    free(p->description);
    free(p->note);
    for (char **id = p->ids; id && *id; id++)
        free(*id);
    free(p->ids);
}

static void unused_import_never_runs(void **st)
{
    struct wiz_plugin p;
    struct wiz_ctx ctx;
    assert_int_equal(load(*st, "local b = import('boom')\nreturn { name = 'lazy',\n", &p, &ctx), WIZ_OK);
    assert_string_equal(p.name, "lazy");
    clear(&p);
}

static void missing_module_fails_the_load(void **st)
{
    struct wiz_plugin p;
    struct wiz_ctx ctx;
    assert_int_equal(load(*st, "local b = import('nosuch')\nreturn { name = 'x',\n", &p, &ctx), WIZ_EINTEGRATION);
    assert_non_null(strstr(p.note, "no SDK module 'nosuch'"));
    clear(&p);
}

static void used_module_behaves_like_the_table(void **st)
{
    struct wiz_plugin p;
    struct wiz_ctx ctx;
    /* field read, a function of the module seeing a write made through the import,
     * pairs, #, the same object from a second import, and a nested import */
    const char *body = "local g = import('good')\n"
                       "local s = g.suffix\n"
                       "g.extra = 'w'\n"
                       "local n = 0\nfor _ in pairs(g) do n = n + 1 end\n"
                       "assert(import('good') == g)\n"
                       "local o = import('outer')\n"
                       "return { name = s .. '-' .. g.get('extra') .. '-' .. n .. '-' .. #g .. '-' .. o.twice(),\n";
    assert_int_equal(load(*st, body, &p, &ctx), WIZ_OK);
    /* pairs: 3 array items + suffix + get + extra */
    assert_string_equal(p.name, "ok-w-6-3-okok");
    clear(&p);
}

static void module_error_surfaces_where_used(void **st)
{
    struct wiz_plugin p;
    struct wiz_ctx ctx;
    const char *body = "local b = import('boom')\n"
                       "local ok, err = pcall(function() return b.anything end)\n"
                       "local ok2, err2 = pcall(function() return b.anything end)\n"
                       "return { name = tostring(ok) .. ':' .. tostring(err) .. '|' .. tostring(err2),\n";
    assert_int_equal(load(*st, body, &p, &ctx), WIZ_OK);
    assert_non_null(strstr(p.name, "false:"));
    assert_non_null(strstr(p.name, "boom module ran"));
    /* a second use does not run it again */
    assert_non_null(strstr(p.name, "failed to load"));
    clear(&p);
}

static void metatable_is_not_the_plugins(void **st)
{
    struct wiz_plugin p;
    struct wiz_ctx ctx;
    const char *body = "local g = import('good')\n"
                       "local ok = pcall(setmetatable, g, nil)\n"
                       "return { name = tostring(getmetatable(g)) .. '/' .. tostring(ok) .. '/' .. g.suffix,\n";
    assert_int_equal(load(*st, body, &p, &ctx), WIZ_OK);
    assert_string_equal(p.name, "sdk module/false/ok");
    clear(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unused_import_never_runs),
        cmocka_unit_test(missing_module_fails_the_load),
        cmocka_unit_test(used_module_behaves_like_the_table),
        cmocka_unit_test(module_error_surfaces_where_used),
        cmocka_unit_test(metatable_is_not_the_plugins),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
