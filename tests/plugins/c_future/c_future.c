/* Test plugin "test-future": needs ABI 1.99, which no host provides. The host must refuse
 * it before calling anything but the entry point: detect and plan abort the process. */
#include <ampli/plugin.h>
#include <stdlib.h>

static int detect(wiz_session *s)
{
    (void)s;
    abort();
}

static int plan(wiz_session *s)
{
    (void)s;
    abort();
}

static const char *const ids[] = {"test-future", NULL};
static const struct wiz_plugin_desc desc = {
    WIZ_PLUGIN_DESC_HEADER, .abi_minor = 99, .name = "test-future", .version = "9.0.0",
    .frameworks = ids, .detect = detect, .plan = plan,
};

WIZ_PLUGIN_EXPORT const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    (void)h;
    return &desc;
}
