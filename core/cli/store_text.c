/* Shared text helpers of the offline store commands. */
#include "store_text.h"

#include "cli.h"

#include <string.h>

void wiz_fputs_safe(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
}

char *wiz_user_display_name(const struct wiz_user *u)
{
    const char *first = u->first_name ? u->first_name : "", *last = u->last_name ? u->last_name : "";
    if (!first[0] && !last[0])
        return wiz_strdup(u->id ? u->id : "");
    return wiz_asprintf("%s%s%s", first, first[0] && last[0] ? " " : "", last);
}

struct wiz_store wiz_app_store(const struct wiz_app *app)
{
    struct wiz_store st = {.path = app->config_path, .lock_timeout_ms = 0};
    return st;
}
