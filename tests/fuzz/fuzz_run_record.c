/* The run-record parser (core/plugin/ledger_undo.c): the input is a manifest as undo
 * reads it. Whatever it says, parsing ends, accepts only a record of this project, and
 * no file mode beyond 0777 survives. */
#include "plugin/ledger.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    if (fuzz_tempfile(path, ".manifest", data, size) != 0)
        return 0;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    size_t n = 0;
    enum wiz_rc rc = wiz_ledger_read_record(&ctx, path, "/fuzz/project", &n);
    /* accepted only with its root line naming this project */
    if (rc == WIZ_OK && !memmem(data, size, "root /fuzz/project", 18))
        abort();
    unlink(path);
    return 0;
}
