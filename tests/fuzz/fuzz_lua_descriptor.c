/* Lua plugin descriptor validation (core/plugin/loader_lua.c): the input is the plugin
 * file; it is loaded into the sandbox, run under the memory cap and instruction
 * budget, and its returned table checked, then unloaded. */
#include "plugin/host.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    if (fuzz_tempfile(path, ".lua", data, size) != 0)
        return 0;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_plugin p;
    memset(&p, 0, sizeof p);
    p.path = strdup(path);
    if (p.path) {
        enum wiz_rc rc = wiz_load_lua(&ctx, &p, "/nonexistent-sdk");
        if (rc == WIZ_OK && (p.status != WIZ_PS_OK || !p.name || !p.ids || !p.ids[0]))
            abort(); /* an accepted plugin has a name and a framework */
        wiz_unload_lua(&p);
        free(p.path);
        free(p.name);
        free(p.version);
        free(p.description);
        free(p.note);
        for (char **id = p.ids; id && *id; id++)
            free(*id);
        free(p.ids);
    }
    unlink(path);
    return 0;
}
