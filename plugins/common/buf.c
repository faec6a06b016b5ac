/* Growable text for building file contents; an allocation failure is remembered and
 * reported once, by wiz_js_take returning NULL. */
#include "js.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wiz_js_addn(struct wiz_js_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (!b->p) { /* only when n + 1 wrapped around */
        b->oom = true;
        return;
    }
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void wiz_js_add(struct wiz_js_buf *b, const char *s)
{
    wiz_js_addn(b, s, strlen(s));
}

void wiz_js_addf(struct wiz_js_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        wiz_js_addn(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    wiz_js_addn(b, big, (size_t)n);
    free(big);
}

char *wiz_js_take(struct wiz_js_buf *b)
{
    if (!b->oom && !b->p)
        wiz_js_addn(b, "", 0);
    if (b->oom) {
        free(b->p);
        b->p = NULL;
        return NULL;
    }
    char *p = b->p;
    b->p = NULL;
    b->n = b->cap = 0;
    return p;
}

bool wiz_js_has(const char *text, const char *needle)
{
    return text && strstr(text, needle) != NULL;
}

bool wiz_js_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}
