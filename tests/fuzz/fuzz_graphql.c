/* The GraphQL orgs reply parser (core/auth/userinfo.c). */
#include "auth/userinfo.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_orgs o;
    memset(&o, 0, sizeof o);
    (void)wiz_userinfo_parse(&ctx, (const char *)data, size, size % 2 ? WIZ_ZONE_EU : WIZ_ZONE_US, &o);
    wiz_orgs_clear(&o);
    return 0;
}
