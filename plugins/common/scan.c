/* Reading JavaScript/TypeScript sources just enough to edit them politely: the author's
 * quote style, semicolons and indentation, where the imports end, and how many Amplitude
 * init calls there are. A small lexer, not a parser: comments and string literals are
 * skipped so that text inside them never counts. */
#include "js.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* Index just past the string literal starting at t[i] (a quote). */
static size_t skip_string(const char *t, size_t i)
{
    char q = t[i++];
    while (t[i] && t[i] != q) {
        if (t[i] == '\\' && t[i + 1])
            i++;
        else if (t[i] == '\n' && q != '`')
            break; /* unterminated: stop at the line end */
        i++;
    }
    return t[i] == q ? i + 1 : i;
}

/* Index just past a comment starting at t[i], or i when none starts there. */
static size_t skip_comment(const char *t, size_t i)
{
    if (t[i] == '/' && t[i + 1] == '/') {
        while (t[i] && t[i] != '\n')
            i++;
        return i;
    }
    if (t[i] == '/' && t[i + 1] == '*') {
        const char *e = strstr(t + i + 2, "*/");
        return e ? (size_t)(e - t) + 2 : strlen(t);
    }
    return i;
}

static size_t line_end(const char *t, size_t i)
{
    while (t[i] && t[i] != '\n')
        i++;
    return t[i] ? i + 1 : i;
}

/* A static import starts at t[i] ("import x", "import {", "import '…'"), not import() or import.meta. */
static bool import_at(const char *t, size_t i)
{
    if (strncmp(t + i, "import", 6) != 0)
        return false;
    char c = t[i + 6];
    return c == ' ' || c == '\t' || c == '{' || c == '*' || c == '\'' || c == '"' || c == '\n';
}

/* The module specifier of the import at t[i]: sets *qs to its opening quote; returns the
 * index past the statement's line, 0 when it cannot be read. */
static size_t import_end(const char *t, size_t i, size_t *qs)
{
    size_t j = i + 6;
    while (t[j]) {
        size_t c = skip_comment(t, j);
        if (c != j) {
            j = c;
            continue;
        }
        if (t[j] == '\'' || t[j] == '"') {
            size_t k = j; /* the word before the quote must be `from` or `import` */
            while (k > i && isspace((unsigned char)t[k - 1]))
                k--;
            bool spec = (k >= 4 && strncmp(t + k - 4, "from", 4) == 0) || k == i + 6;
            size_t e = skip_string(t, j);
            if (spec) {
                *qs = j;
                return line_end(t, e);
            }
            j = e;
            continue;
        }
        if (t[j] == ';')
            return 0; /* a statement ended without a specifier: not an import we understand */
        j++;
    }
    return 0;
}

size_t wiz_js_after_imports(const char *t)
{
    size_t i = 0, last = 0;
    bool seen_import = false;
    for (;;) {
        while (t[i] && isspace((unsigned char)t[i]))
            i++;
        size_t c = skip_comment(t, i);
        if (c != i) {
            i = c;
            if (!seen_import)
                last = line_end(t, i);
            continue;
        }
        if ((t[i] == '\'' || t[i] == '"') && strncmp(t + i + 1, "use ", 4) == 0) {
            last = i = line_end(t, i); /* 'use client' / 'use strict' stay first */
            continue;
        }
        size_t qs;
        if (import_at(t, i)) {
            size_t e = import_end(t, i, &qs);
            if (!e)
                break;
            last = i = e;
            seen_import = true;
            continue;
        }
        break;
    }
    return last;
}

void wiz_js_style_of(const char *t, struct wiz_js_style *st)
{
    int single = 0, dbl = 0, semi = 0, nosemi = 0, tabs = 0, minsp = 0;
    for (size_t i = 0; t[i];) {
        bool bol = i == 0 || t[i - 1] == '\n';
        if (bol) {
            size_t k = i;
            while (t[k] == ' ')
                k++;
            if (t[i] == '\t')
                tabs++;
            else if (k > i && t[k] && t[k] != '\n' && t[k] != '*' && (minsp == 0 || (int)(k - i) < minsp))
                minsp = (int)(k - i);
        }
        size_t c = skip_comment(t, i);
        if (c != i) {
            i = c;
            continue;
        }
        size_t qs;
        if (bol && import_at(t, i)) {
            size_t e = import_end(t, i, &qs);
            if (e) {
                if (t[qs] == '\'')
                    single++;
                else
                    dbl++;
                size_t after = skip_string(t, qs);
                if (t[after] == ';')
                    semi++;
                else
                    nosemi++;
                i = after;
                continue;
            }
        }
        if (t[i] == '\'' || t[i] == '"' || t[i] == '`') {
            i = skip_string(t, i);
            continue;
        }
        i++;
    }
    st->q = dbl > single ? '"' : '\'';
    st->semi = !(nosemi > semi);
    if (tabs > 0 && minsp == 0)
        strcpy(st->ind, "\t");
    else {
        int n = minsp >= 2 && minsp <= 8 ? minsp : 2;
        memset(st->ind, ' ', (size_t)n);
        st->ind[n] = '\0';
    }
}

int wiz_js_count_inits(const char *t)
{
    if (!t || !strstr(t, "@amplitude/"))
        return 0;
    int n = 0;
    for (size_t i = 0; t[i];) {
        size_t c = skip_comment(t, i);
        if (c != i) {
            i = c;
            continue;
        }
        if (t[i] == '\'' || t[i] == '"' || t[i] == '`') {
            i = skip_string(t, i);
            continue;
        }
        bool word = i == 0 || !ident_char(t[i - 1]);
        if (word && (strncmp(t + i, "initAll(", 8) == 0 || strncmp(t + i, "init(", 5) == 0)) {
            /* a definition named init is not a call */
            bool def = i >= 9 && strncmp(t + i - 9, "function ", 9) == 0;
            if (!def)
                n++;
            i += 4;
            continue;
        }
        i++;
    }
    return n;
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
