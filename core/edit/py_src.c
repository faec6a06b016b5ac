/* Python source edits: an import added to (or merged into) the module's leading imports,
 * and code inserted after them or at the start of a function. Lines are read knowing
 * comments, triple-quoted strings, brackets and backslash continuations, so an import
 * inside a docstring or a parenthesised from-import spread over lines is read right. */
#include "srcedit.h"

#include "../wiz.h"
#include <ampli/plugin.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stmt {
    size_t s, e;   /* first byte of the statement, past the newline of its last line */
    bool top;      /* starts at column 0 */
};

/* The logical lines (statements) of a Python text; *n of at most max. 0 or EINVAL. */
static int statements(const char *t, struct stmt *v, size_t max, size_t *n, char *why)
{
    size_t i = 0, len = strlen(t), line = 1;
    *n = 0;
    while (i < len) {
        size_t s = i;
        int depth = 0;
        bool cont;
        do {
            cont = false;
            while (i < len && t[i] != '\n') {
                char c = t[i];
                if (c == '#') {
                    while (i < len && t[i] != '\n')
                        i++;
                    break;
                }
                if (c == '"' || c == '\'') {
                    bool triple = i + 2 < len && t[i + 1] == c && t[i + 2] == c;
                    size_t q = i;
                    i += triple ? 3 : 1;
                    for (; i < len; i++) {
                        if (t[i] == '\\') {
                            i++;
                            continue;
                        }
                        if (t[i] == '\n') {
                            line++;
                            if (!triple)
                                return snprintf(why, WIZ_EDIT_WHY, "unterminated string at line %zu", line - 1),
                                       WIZ_PLUGIN_EINVAL;
                        }
                        if (t[i] == c && (!triple || (i + 2 < len && t[i + 1] == c && t[i + 2] == c)))
                            break;
                    }
                    if (i >= len)
                        return snprintf(why, WIZ_EDIT_WHY, "unterminated string from byte %zu", q), WIZ_PLUGIN_EINVAL;
                    i += triple ? 3 : 1;
                    continue;
                }
                if (strchr("([{", c))
                    depth++;
                else if (strchr(")]}", c) && depth > 0)
                    depth--;
                i++;
            }
            if (i > s && i <= len && i > 0 && t[i - 1] == '\\')
                cont = true;
            if (i < len) {
                i++;
                line++;
            }
        } while (i < len && (depth > 0 || cont));
        if (*n < max)
            v[(*n)++] = (struct stmt){s, i, t[s] != ' ' && t[s] != '\t'};
    }
    return 0;
}

static bool blank_or_comment(const char *t, const struct stmt *x)
{
    size_t i = x->s;
    while (i < x->e && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
        i++;
    return i >= x->e || t[i] == '\n' || t[i] == '#';
}
static bool starts(const char *t, const struct stmt *x, const char *w)
{
    size_t n = strlen(w);
    return x->top && (size_t)(x->e - x->s) > n && !strncmp(t + x->s, w, n) && isspace((unsigned char)t[x->s + n]);
}
static bool is_import(const char *t, const struct stmt *x) { return starts(t, x, "import") || starts(t, x, "from"); }

struct run {
    size_t after_preamble; /* past the docstring, comments and __future__ imports */
    size_t first, last;    /* statement indexes of the leading imports; last < first: none */
    bool any;
};

static void leading(const char *t, const struct stmt *v, size_t n, struct run *r)
{
    *r = (struct run){0};
    size_t i = 0;
    bool doc = false;
    for (; i < n; i++) {
        if (blank_or_comment(t, &v[i]))
            continue;
        if (!doc && v[i].top && (t[v[i].s] == '"' || t[v[i].s] == '\'')) {
            doc = true;
            r->after_preamble = v[i].e;
            continue;
        }
        if (starts(t, &v[i], "from") && !strncmp(t + v[i].s, "from __future__", 15)) {
            r->after_preamble = v[i].e;
            continue;
        }
        break;
    }
    for (; i < n; i++) {
        if (blank_or_comment(t, &v[i]))
            continue;
        if (!is_import(t, &v[i]))
            break;
        if (!r->any)
            r->first = i;
        r->last = i;
        r->any = true;
    }
}

/* the statement's module: "x.y" of `import x.y` / `from x.y import ...` */
static bool module_is(const char *t, const struct stmt *x, const char *kw, const char *module)
{
    size_t k = strlen(kw), m = strlen(module);
    if (!starts(t, x, kw))
        return false;
    size_t i = x->s + k;
    while (t[i] == ' ' || t[i] == '\t')
        i++;
    if (strncmp(t + i, module, m))
        return false;
    char c = t[i + m];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '#' || c == 0;
}

static char *blocked(const char *t, size_t at, const char *block, const char *eol, bool blank_before, bool blank_after)
{
    size_t len = strlen(t);
    bool no_nl = at == len && len && t[len - 1] != '\n';
    bool prev_blank = at == 0 || (at >= 2 && t[at - 1] == '\n' && (t[at - 2] == '\n' || (t[at - 2] == '\r' && at >= 3 && t[at - 3] == '\n')));
    size_t k = at;
    while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
        k++;
    bool next_blank = k >= len || t[k] == '\n';
    char *ins = wiz_asprintf("%s%s%s%s", no_nl ? eol : "", blank_before && !prev_blank ? eol : "", block,
                             blank_after && !next_blank ? eol : "");
    char *o = ins ? wiz_splice(t, at, 0, ins) : NULL;
    free(ins);
    return o;
}

#define MAX_STMTS 20000

/* the statements of text into *v (owned: free(), also on failure) */
static int load(const char *text, struct stmt **v, size_t *n, char *why)
{
    if (!(*v = malloc(MAX_STMTS * sizeof **v)))
        return snprintf(why, WIZ_EDIT_WHY, "out of memory"), WIZ_PLUGIN_ENOMEM;
    return statements(text, *v, MAX_STMTS, n, why);
}

int wiz_py_import(const char *text, const char *module, const char *clause, char **out, char *why)
{
    *out = NULL;
    if (!module || !*module || strspn(module, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") != strlen(module))
        return snprintf(why, WIZ_EDIT_WHY, "invalid module name"), WIZ_PLUGIN_EINVAL;
    if (clause && (strpbrk(clause, "\n\r#;()\\") || !*clause))
        return snprintf(why, WIZ_EDIT_WHY, "invalid import clause"), WIZ_PLUGIN_EINVAL;
    struct stmt *v;
    size_t n;
    int rc = load(text, &v, &n, why);
    if (rc)
        return free(v), rc;
    const char *eol = wiz_eol_of(text);
    for (size_t i = 0; i < n; i++) {
        if (!clause && module_is(text, &v[i], "import", module)) {
            free(v);
            return (*out = wiz_strdup(text)) ? 0 : WIZ_PLUGIN_ENOMEM;
        }
        if (!clause || !module_is(text, &v[i], "from", module))
            continue;
        /* from module import a, b  (one line, no brackets): add the missing names */
        const char *imp = strstr(text + v[i].s, " import ");
        if (!imp || (size_t)(imp - text) >= v[i].e)
            continue;
        size_t ns = (size_t)(imp - text) + 8, ne = v[i].e;
        while (ne > ns && (text[ne - 1] == '\n' || text[ne - 1] == '\r'))
            ne--;
        const char *hash = memchr(text + ns, '#', ne - ns);
        if (hash)
            ne = (size_t)(hash - text);
        while (ne > ns && (text[ne - 1] == ' ' || text[ne - 1] == '\t'))
            ne--;
        if (memchr(text + ns, '(', ne - ns) || memchr(text + ns, '\\', ne - ns) || memchr(text + ns, '*', ne - ns))
            continue;
        char add[512] = "";
        for (const char *p = clause; *p;) {
            while (*p == ' ' || *p == ',')
                p++;
            size_t w = strcspn(p, ",");
            while (w && p[w - 1] == ' ')
                w--;
            bool have = false;
            for (size_t k = ns; k + w <= ne && w; k++)
                if (!strncmp(text + k, p, w) && (k == ns || strchr(" ,", text[k - 1])) &&
                    (k + w == ne || strchr(" ,", text[k + w])))
                    have = true;
            if (w && !have) {
                size_t l = strlen(add);
                snprintf(add + l, sizeof add - l, ", %.*s", (int)w, p);
            }
            p += strcspn(p, ",");
        }
        free(v);
        *out = *add ? wiz_splice(text, ne, 0, add) : wiz_strdup(text);
        return *out ? 0 : WIZ_PLUGIN_ENOMEM;
    }
    struct run r;
    leading(text, v, n, &r);
    char *line = clause ? wiz_asprintf("from %s import %s%s", module, clause, eol) : wiz_asprintf("import %s%s", module, eol);
    if (line)
        *out = r.any ? blocked(text, v[r.last].e, line, eol, false, false)
                     : blocked(text, r.after_preamble, line, eol, r.after_preamble > 0, true);
    free(line);
    free(v);
    return *out ? 0 : WIZ_PLUGIN_ENOMEM;
}

int wiz_py_insert(const char *text, const char *anchor, const char *code, char **out, char *why)
{
    *out = NULL;
    struct stmt *v;
    size_t n;
    int rc = load(text, &v, &n, why);
    if (rc)
        return free(v), rc;
    const char *eol = wiz_eol_of(text);
    size_t at = 0;
    bool before = true, after = true;
    char base[64] = "";
    struct run r;
    leading(text, v, n, &r);
    if (!strcmp(anchor, "after-imports")) {
        at = r.any ? v[r.last].e : r.after_preamble;
        before = at > 0;
    } else if (!strcmp(anchor, "before-imports")) {
        at = r.any ? v[r.first].s : r.after_preamble;
        before = !r.any && at > 0;
    } else if (!strcmp(anchor, "end")) {
        at = strlen(text);
        after = false;
    } else if (!strncmp(anchor, "def:", 4) || !strncmp(anchor, "function:", 9)) {
        const char *name = anchor + (anchor[0] == 'd' ? 4 : 9);
        size_t nl = strlen(name), i;
        for (i = 0; i < n; i++) {
            size_t s = v[i].s;
            while (text[s] == ' ' || text[s] == '\t')
                s++;
            if (!strncmp(text + s, "async ", 6))
                s += 6;
            if (!strncmp(text + s, "def ", 4) && !strncmp(text + s + 4, name, nl) && text[s + 4 + nl] == '(')
                break;
        }
        if (i >= n || i + 1 >= n) {
            free(v);
            snprintf(why, WIZ_EDIT_WHY, "no def %.64s( with a body", name);
            return WIZ_PLUGIN_ENOTFOUND;
        }
        size_t b = i + 1;
        while (b < n && blank_or_comment(text, &v[b]))
            b++;
        size_t w = 0;
        if (b < n) {
            while (text[v[b].s + w] == ' ' || text[v[b].s + w] == '\t')
                w++;
        }
        if (b >= n || w == 0) {
            free(v);
            snprintf(why, WIZ_EDIT_WHY, "def %.64s has its body on the def line", name);
            return WIZ_PLUGIN_EINVAL;
        }
        snprintf(base, sizeof base, "%.*s", (int)(w < 60 ? w : 60), text + v[b].s);
        at = text[v[b].s + w] == '"' || text[v[b].s + w] == '\'' ? v[b].e : v[b].s; /* after a docstring */
        before = after = false;
    } else {
        free(v);
        snprintf(why, WIZ_EDIT_WHY, "unknown anchor '%.64s' (after-imports, before-imports, function:NAME, end)", anchor);
        return WIZ_PLUGIN_EINVAL;
    }
    free(v);
    /* the code, each line with the base indentation and the file's newline */
    size_t lines = 1;
    for (const char *p = code; *p; p++)
        lines += *p == '\n';
    char *blk = malloc(strlen(code) + lines * (strlen(base) + 2) + 1), *o = blk;
    if (!blk)
        return WIZ_PLUGIN_ENOMEM;
    for (const char *p = code; *p;) {
        size_t l = strcspn(p, "\n");
        if (l)
            o += sprintf(o, "%s%.*s", base, (int)l, p);
        o += sprintf(o, "%s", eol);
        p += l;
        if (*p)
            p++;
    }
    *o = 0;
    /* a second run: the code is there already */
    char *probe = wiz_strdup(blk);
    if (probe) {
        size_t pl = strlen(probe);
        while (pl && (probe[pl - 1] == '\n' || probe[pl - 1] == '\r'))
            probe[--pl] = 0;
        bool there = pl && strstr(text, probe);
        free(probe);
        if (there) {
            free(blk);
            return (*out = wiz_strdup(text)) ? 0 : WIZ_PLUGIN_ENOMEM;
        }
    }
    *out = blocked(text, at, blk, eol, before, after);
    free(blk);
    return *out ? 0 : WIZ_PLUGIN_ENOMEM;
}
