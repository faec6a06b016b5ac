/* Test plugin "test-old", built against the ABI 1.0 header: a newer host must load it,
 * read only the smaller descriptor, and serve it through the same (larger) table. */
#include "plugin_v1_0.h"
#include <stdio.h>

static const struct wiz_host_api *host;

static int detect(wiz_session *s)
{
    char *t = NULL;
    if (host->read_file(s, "test-old.marker", &t, NULL) == 0) {
        host->free(t);
        return host->claim(s, "test-old", "found test-old.marker");
    }
    return 0;
}

static int plan(wiz_session *s)
{
    char body[128];
    snprintf(body, sizeof body, "made by an ABI 1.0 plugin; host table %zu bytes, ABI %u.%u\n", host->struct_size,
             host->abi_major, host->abi_minor);
    return host->plan_create(s, "old.txt", body, "forward compatibility");
}

static const char *const ids[] = {"test-old", NULL};
static const struct wiz_plugin_desc desc = {
    .struct_size = sizeof desc, .abi_major = 1, .abi_minor = 0, .name = "test-old", .version = "1.0.0",
    .frameworks = ids, .priority = 100, .detect = detect, .plan = plan, .verify = NULL,
};

__attribute__((visibility("default"))) const struct wiz_plugin_desc *wiz_plugin_entry_v1(const struct wiz_host_api *h)
{
    host = h;
    return &desc;
}
