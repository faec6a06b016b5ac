/* The .env and .gitignore editors (core/plugin/edit_env.c). A successful env edit
 * holds KEY=value on a line of its own. */
#include "plugin/host.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    if (!text)
        return 0;
    char *out = NULL;
    if (wiz_edit_env(text, "AMPLITUDE_API_KEY", "0123456789abcdef", &out) == 0 && out &&
        !strstr(out, "AMPLITUDE_API_KEY=0123456789abcdef"))
        abort();
    free(out);
    out = NULL;
    static const char *const lines[] = {".env", ".env.local"};
    (void)wiz_edit_gitignore(text, lines, 2, &out);
    free(out);
    free(text);
    return 0;
}
