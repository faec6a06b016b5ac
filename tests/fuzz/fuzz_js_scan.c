/* The C plugins' JavaScript lexer (plugins/common/scan.c): where the imports end, the
 * author's style, and the semantic count of Amplitude init calls, on any text. */
#include "js.h"
#include "fuzz_util.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    if (!s)
        return 0;
    size_t at = wiz_js_after_imports(s);
    if (at > size)
        __builtin_trap();
    struct wiz_js_style st;
    wiz_js_style_of(s, &st);
    int n = wiz_js_count_inits(s);
    if (n < 0)
        __builtin_trap();
    free(s);
    return 0;
}
