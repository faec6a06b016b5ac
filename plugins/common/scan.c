/* Reading JavaScript/TypeScript sources just enough to edit them politely: the author's
 * quote style, semicolons and indentation, where the imports end, and how many Amplitude
 * init calls there are. A small lexer, not a parser: comments and string literals are
 * skipped so that text inside them never counts. */
#include "js.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
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

/* Names bound to an @amplitude module: namespaces (import * as a, a default import,
 * const a = require(...)) whose .init/.initAll calls count, and the init functions
 * themselves (import { init, initAll as go }, const { init } = require(...)). */
#define WIZ_JS_BINDINGS 16
struct amp_bindings {
    char ns[WIZ_JS_BINDINGS][64], fn[WIZ_JS_BINDINGS][64];
    int nns, nfn;
};

static size_t skip_ws_comments(const char *t, size_t i)
{
    for (;;) {
        while (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')
            i++;
        size_t c = skip_comment(t, i);
        if (c == i)
            return i;
        i = c;
    }
}

/* The identifier at t[i] into out (truncated to 63); returns its end (i when none). */
static size_t ident(const char *t, size_t i, char out[64])
{
    size_t j = i;
    while (ident_char(t[j]))
        j++;
    size_t n = j - i < 63 ? j - i : 63;
    memcpy(out, t + i, n);
    out[n] = '\0';
    return j;
}

static bool is_amp_module(const char *t, size_t i)
{
    return (t[i] == '\'' || t[i] == '"' || t[i] == '`') && strncmp(t + i + 1, "@amplitude/", 11) == 0;
}

static void add_name(char (*list)[64], int *n, const char *name)
{
    if (name[0] && *n < WIZ_JS_BINDINGS)
        snprintf(list[(*n)++], 64, "%s", name);
}

/* { a, init, initAll as go } at t[i] (its "{"): the local names of init/initAll. Returns
 * the position after "}". */
static size_t named_list(const char *t, size_t i, struct amp_bindings *b, bool keep)
{
    i++;
    while (t[i] && t[i] != '}') {
        i = skip_ws_comments(t, i);
        if (!t[i] || t[i] == '}')
            break; /* the end of the text (unterminated) or of the list */
        char name[64], local[64];
        size_t e = ident(t, i, name);
        if (e == i) {
            i++;
            continue;
        }
        i = skip_ws_comments(t, e);
        snprintf(local, sizeof local, "%s", name);
        if (strncmp(t + i, "as", 2) == 0 && !ident_char(t[i + 2])) { /* import { a as b } */
            i = skip_ws_comments(t, i + 2);
            i = ident(t, i, local);
        } else if (t[i] == ':') { /* const { a: b } = require(...) */
            i = skip_ws_comments(t, i + 1);
            i = ident(t, i, local);
        }
        if (keep && (strcmp(name, "init") == 0 || strcmp(name, "initAll") == 0))
            add_name(b->fn, &b->nfn, local);
        i = skip_ws_comments(t, i);
        if (t[i] == ',')
            i++;
    }
    return t[i] ? i + 1 : i;
}

/* The module string after "from" or inside require( ) beyond position i, or (size_t)-1. */
static size_t module_after(const char *t, size_t i, const char *lead)
{
    i = skip_ws_comments(t, i);
    size_t n = strlen(lead);
    if (strncmp(t + i, lead, n) != 0)
        return (size_t)-1;
    i = skip_ws_comments(t, i + n);
    return t[i] == '\'' || t[i] == '"' || t[i] == '`' ? i : (size_t)-1;
}

static void bindings_of(const char *t, struct amp_bindings *b)
{
    memset(b, 0, sizeof *b);
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
        bool word = i == 0 || !(ident_char(t[i - 1]) || t[i - 1] == '.');
        if (word && strncmp(t + i, "import", 6) == 0 && !ident_char(t[i + 6])) {
            /* import a, * as b, { c } from '...': find the module first, then keep */
            size_t j = skip_ws_comments(t, i + 6), k = j;
            while (t[k] && t[k] != ';' && !(t[k] == '\'' || t[k] == '"' || t[k] == '`'))
                k++;
            bool keep = is_amp_module(t, k);
            char name[64];
            while (j < k) {
                j = skip_ws_comments(t, j);
                if (t[j] == '*') {
                    j = skip_ws_comments(t, j + 1);
                    if (strncmp(t + j, "as", 2) == 0)
                        j = skip_ws_comments(t, j + 2);
                    j = ident(t, j, name);
                    if (keep)
                        add_name(b->ns, &b->nns, name);
                } else if (t[j] == '{') {
                    j = named_list(t, j, b, keep);
                } else if (strncmp(t + j, "from", 4) == 0 && !ident_char(t[j + 4])) {
                    break;
                } else if (ident_char(t[j]) && !(strncmp(t + j, "type", 4) == 0 && !ident_char(t[j + 4]))) {
                    j = ident(t, j, name); /* a default import */
                    if (keep)
                        add_name(b->ns, &b->nns, name);
                } else {
                    j++;
                }
            }
            i = k > i ? k : i + 6;
            continue;
        }
        if (word && (strncmp(t + i, "const", 5) == 0 || strncmp(t + i, "let", 3) == 0 ||
                     strncmp(t + i, "var", 3) == 0)) {
            size_t j = skip_ws_comments(t, i + (t[i] == 'c' ? 5 : 3));
            char name[64] = "";
            struct amp_bindings tmp = {0};
            size_t after = j;
            if (t[j] == '{')
                after = named_list(t, j, &tmp, true);
            else
                after = ident(t, j, name);
            size_t m = skip_ws_comments(t, after);
            if (t[m] == '=') {
                size_t r = module_after(t, m + 1, "require(");
                if (r != (size_t)-1 && is_amp_module(t, r)) {
                    if (t[j] == '{')
                        for (int q = 0; q < tmp.nfn; q++)
                            add_name(b->fn, &b->nfn, tmp.fn[q]);
                    else
                        add_name(b->ns, &b->nns, name);
                }
            }
            i = after > i ? after : i + 1;
            continue;
        }
        i++;
    }
}

int wiz_js_count_inits(const char *t)
{
    if (!t || !strstr(t, "@amplitude/"))
        return 0;
    struct amp_bindings b;
    bindings_of(t, &b);
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
        bool word = i == 0 || !(ident_char(t[i - 1]) || t[i - 1] == '.');
        if (!word || !ident_char(t[i])) {
            i++;
            continue;
        }
        char name[64];
        size_t e = ident(t, i, name);
        /* a definition named init is not a call */
        bool def = i >= 9 && strncmp(t + i - 9, "function ", 9) == 0;
        for (int k = 0; !def && k < b.nfn; k++)
            if (strcmp(name, b.fn[k]) == 0 && t[skip_ws_comments(t, e)] == '(')
                n++;
        for (int k = 0; k < b.nns; k++) {
            if (strcmp(name, b.ns[k]) != 0)
                continue;
            size_t d = skip_ws_comments(t, e);
            if (t[d] == '?' && t[d + 1] == '.')
                d++;
            if (t[d] != '.')
                continue;
            char member[64];
            size_t me = ident(t, skip_ws_comments(t, d + 1), member);
            if ((strcmp(member, "init") == 0 || strcmp(member, "initAll") == 0) && t[skip_ws_comments(t, me)] == '(')
                n++;
        }
        i = e;
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
