/* Text from servers, plugins and project files on its way to a terminal or a CI log:
 * control characters (ESC sequences that move the cursor, retitle the window or write
 * the clipboard; CR that overwrites a line; C1 controls in UTF-8) become '?'. Line
 * breaks stay only where the text is meant to have lines (a diff, a log tail). */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

char *wiz_safe_text(const char *s, bool multiline)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f) {
            out[o++] = '?'; /* U+0080..U+009F: C1 controls (CSI is U+009B) */
            i++;
        } else if (c == '\n') {
            out[o++] = multiline ? '\n' : ' ';
        } else if (c == '\t') {
            out[o++] = multiline ? '\t' : ' ';
        } else if (c < 0x20 || c == 0x7f) {
            out[o++] = '?';
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}
