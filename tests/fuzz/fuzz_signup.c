/* The direct-signup reply parser (core/auth/signup.c). */
#include "auth/signup.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_signup_reply r;
    memset(&r, 0, sizeof r);
    if (wiz_signup_parse(&ctx, (const char *)data, size, &r) == WIZ_OK && r.kind == WIZ_SIGNUP_OAUTH && !r.code)
        abort(); /* an oauth reply without a code must be refused */
    wiz_signup_reply_clear(&r);
    return 0;
}
