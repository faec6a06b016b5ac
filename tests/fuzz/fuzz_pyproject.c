/* The pyproject.toml editor (core/plugin/edit_py.c). */
#include "plugin/host.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    if (!text)
        return 0;
    char *out = NULL;
    if (wiz_edit_pyproject(text, "amplitude-analytics", ">=1.1", &out) == 0 && out &&
        strcmp(out, text) != 0 && !strcasestr(out, "amplitude"))
        abort(); /* an edit that changes the file names the package (names are case-insensitive) */
    free(out);
    free(text);
    return 0;
}
