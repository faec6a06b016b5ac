/* The OAuth loopback callback request parser (core/auth/callback_parse.c). */
#include "auth/loopback.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_callback cb = {0};
    enum wiz_rc rc = wiz_callback_parse(&ctx, (const char *)data, size, &cb);
    /* a success always names the fields it found as C strings */
    if (rc == WIZ_OK) {
        if (cb.code)
            (void)strlen(cb.code);
        if (cb.state)
            (void)strlen(cb.state);
    }
    wiz_callback_clear(&cb);
    return 0;
}
