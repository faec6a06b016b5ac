/* What the JavaScript plugins read of sources themselves: the style of a new file's
 * neighbour (through the host's edit_style) and the versions package.json declares.
 * Everything else (imports, inserts, counting inits) is the host's source edits (ABI 1.2). */
#include "js.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void wiz_js_style_of(const struct wiz_host_api *h, wiz_session *s, const char *path, const char *text,
                     struct wiz_js_style *st)
{
    *st = (struct wiz_js_style){.q = '\'', .semi = true, .ind = "  "};
    struct wiz_code_style cs = {.struct_size = sizeof cs};
    if (!text || h->edit_style(s, path, text, &cs) != WIZ_PLUGIN_OK)
        return; /* the defaults: a reference the host cannot read says nothing about style */
    st->q = cs.quote;
    st->semi = cs.semicolons != 0;
    memcpy(st->ind, cs.indent, sizeof st->ind);
    st->ind[sizeof st->ind - 1] = 0;
}

bool wiz_js_version(const char *r, int *major, int *minor)
{
    if (!r)
        return false;
    while (*r && strchr("^~>=v <", *r))
        r++;
    if (!isdigit((unsigned char)*r))
        return false;
    char *end;
    *major = (int)strtol(r, &end, 10);
    *minor = 0;
    if (*end == '.' && isdigit((unsigned char)end[1]))
        *minor = (int)strtol(end + 1, NULL, 10);
    return true;
}
