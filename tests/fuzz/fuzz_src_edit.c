/* The host's source edits (core/edit) on any text, read as each language they know: no
 * crash, and an edit that succeeds returns text that holds the original's bytes around
 * what it added (edits only insert). */
#include "edit/srcedit.h"
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    if (!s)
        return 0;
    static const char *const paths[] = {"a.tsx", "a.ts", "a.mjs", "A.vue", "L.svelte", "P.astro", "P.astro#frontmatter",
                                        "i.html", "m.py"};
    static const char *const names[] = {"init", "initAll", NULL};
    char why[WIZ_EDIT_WHY];
    size_t len = strlen(s);
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char *out = NULL;
        if (wiz_edit_import(paths[i], s, "@amplitude/unified", "* as amplitude", &out, why) == 0 && strlen(out) < len)
            __builtin_trap();
        free(out);
        out = NULL;
        if (wiz_edit_import(paths[i], s, "m", "{ a, b }", &out, why) == 0 && strlen(out) < len)
            __builtin_trap();
        free(out);
        out = NULL;
        if (wiz_edit_insert(paths[i], s, i % 2 ? "after-imports" : "function:main", "init();\n", &out, why) == 0 &&
            strlen(out) < len)
            __builtin_trap();
        free(out);
        out = NULL;
        if (wiz_edit_head_script(paths[i], s, "<script src=\"/a.js\"></script>", &out, why) == 0 && strlen(out) < len)
            __builtin_trap();
        free(out);
        int n = 0;
        if (wiz_edit_count_calls(paths[i], s, "@amplitude/*", names, &n, why) == 0 && n < 0)
            __builtin_trap();
    }
    char *out = NULL;
    if (wiz_edit_json_set(s, "a.b\\.c", "{\"x\": [1]}", size % 2, &out, why) == 0 && !out)
        __builtin_trap();
    free(out);
    free(s);
    return 0;
}
