/* Reads each FILE argument with the credential file's JSON reader (core/store/jsontext)
 * and prints one line per file: "ok" or "syntax" (or "nomem"). test_credfile_js.sh
 * compares the verdicts with Node's JSON.parse on the same bytes. */
#include "store/jsontext.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, n = 0;
        char *b = malloc(cap);
        size_t r;
        while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
            n += r;
            if (n == cap && !(b = realloc(b, cap *= 2)))
                break;
        }
        fclose(f);
        if (!b)
            return 2;
        json_t *v = NULL;
        struct wiz_jnode root;
        enum wiz_jtext_rc rc = wiz_jtext_parse(b, n, &v, &root, NULL);
        puts(rc == WIZ_JTEXT_OK ? "ok" : rc == WIZ_JTEXT_SYNTAX ? "syntax" : "nomem");
        if (rc == WIZ_JTEXT_OK) {
            json_decref(v);
            wiz_jtext_free(&root);
        }
        free(b);
    }
    return 0;
}
