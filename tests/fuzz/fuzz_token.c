/* The token endpoint reply parser and the id_token expiry decoder (core/auth/oauth.c). */
#include "auth/oauth.h"
#include "store/credstore.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    const time_t now = 1767225600; /* fixed clock: 2026-01-01 */
    struct wiz_tokens t = {0};
    if (wiz_oauth_parse_token_reply(&ctx, now, (const char *)data, size, &t) == WIZ_OK && !t.access_token)
        abort(); /* the contract: success carries an access token */
    wiz_tokens_clear(&t);
    /* the same bytes as an id_token (JWT payload decoding, not verified) */
    char *s = fuzz_cstr(data, size);
    if (s) {
        (void)wiz_oauth_expiry(now, s, 3600);
        free(s);
    }
    return 0;
}
