/* Markup around code: which language a path holds, the <script> and frontmatter regions
 * of Vue, Svelte and Astro files, and adding a <script> element to an HTML-like <head>.
 * Looking for tags skips what is not markup: comments, the bodies of <script> and
 * <style>, quoted attribute values, Astro's frontmatter and {expressions}. */
#include "srcedit.h"

#include "../wiz.h"
#include <ampli/plugin.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *wiz_splice(const char *t, size_t at, size_t del, const char *ins)
{
    size_t n = strlen(t), il = strlen(ins);
    if (at > n)
        at = n;
    if (del > n - at)
        del = n - at;
    char *o = malloc(n - del + il + 1);
    if (!o)
        return NULL;
    memcpy(o, t, at);
    memcpy(o + at, ins, il);
    memcpy(o + at + il, t + at + del, n - at - del + 1);
    return o;
}

const char *wiz_eol_of(const char *t)
{
    const char *nl = strchr(t, '\n');
    return nl && nl > t && nl[-1] == '\r' ? "\r\n" : "\n";
}

char *wiz_with_eol(const char *s, const char *eol)
{
    if (!strcmp(eol, "\n"))
        return wiz_strdup(s);
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '\n';
    char *o = malloc(strlen(s) + n + 1), *q = o;
    if (!o)
        return NULL;
    for (const char *p = s; *p; p++) {
        if (*p == '\n' && (p == s || p[-1] != '\r'))
            *q++ = '\r';
        *q++ = *p;
    }
    *q = 0;
    return o;
}

static bool ends(const char *s, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n >= l && !strncasecmp(s + n - l, suf, l);
}

enum wiz_src_lang wiz_src_lang_of(const char *path)
{
    if (!path)
        return WIZ_LANG_OTHER;
    size_t n = strcspn(path, "#");
    if (ends(path, n, ".vue"))
        return WIZ_LANG_VUE;
    if (ends(path, n, ".svelte"))
        return WIZ_LANG_SVELTE;
    if (ends(path, n, ".astro"))
        return WIZ_LANG_ASTRO;
    if (ends(path, n, ".html") || ends(path, n, ".htm"))
        return WIZ_LANG_HTML;
    if (ends(path, n, ".py"))
        return WIZ_LANG_PY;
    if (ends(path, n, ".ts") || ends(path, n, ".mts") || ends(path, n, ".cts"))
        return WIZ_LANG_TS;
    if (ends(path, n, ".tsx") || ends(path, n, ".jsx") || ends(path, n, ".js"))
        return WIZ_LANG_JSX; /* JSX is common in .js (create-react-app); '<' there is never a type */
    if (ends(path, n, ".mjs") || ends(path, n, ".cjs"))
        return WIZ_LANG_JS;
    return WIZ_LANG_OTHER;
}

/* ---- a tag scanner for the markup level ---- */
struct tag {
    size_t s, e;            /* '<' .. past '>' */
    size_t name_s, name_e;
    bool closing;
    size_t attr_s, attr_e;  /* the attributes' text */
};

/* The frontmatter of an Astro file: the code between the opening and closing "---". */
static bool frontmatter(const char *t, size_t *s, size_t *e)
{
    size_t i = 0;
    while (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')
        i++;
    if (strncmp(t + i, "---", 3))
        return false;
    i += 3;
    while (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')
        i++;
    if (t[i] != '\n')
        return false;
    *s = i + 1;
    for (const char *p = t + *s; (p = strstr(p, "---")); p += 3)
        if ((p == t + *s || p[-1] == '\n') && (p[3] == '\n' || p[3] == '\r' || p[3] == 0 || p[3] == ' ')) {
            *e = (size_t)(p - t);
            return true;
        }
    return false;
}

/* The next tag from i (comments and {expressions} skipped); false at the end. Script and
 * style bodies are skipped by the callers, which ask for their closing tag. */
static bool next_tag(const char *t, size_t i, size_t e, bool braces, struct tag *g, char *why)
{
    while (i < e) {
        if (!strncmp(t + i, "<!--", 4)) {
            const char *c = strstr(t + i + 4, "-->");
            if (!c)
                return snprintf(why, WIZ_EDIT_WHY, "unterminated <!-- comment"), false;
            i = (size_t)(c - t) + 3;
            continue;
        }
        if (braces && t[i] == '{') { /* Astro/Svelte expression: balanced, strings skipped */
            int d = 0;
            for (; i < e; i++) {
                char c = t[i];
                if (c == '"' || c == '\'' || c == '`') {
                    for (i++; i < e && t[i] != c; i++)
                        if (t[i] == '\\')
                            i++;
                } else if (c == '{') {
                    d++;
                } else if (c == '}' && --d == 0) {
                    break;
                }
            }
            i++;
            continue;
        }
        if (t[i] == '<' && (isalpha((unsigned char)t[i + 1]) || (t[i + 1] == '/' && isalpha((unsigned char)t[i + 2])))) {
            *g = (struct tag){.s = i, .closing = t[i + 1] == '/'};
            size_t k = i + 1 + g->closing;
            g->name_s = k;
            while (k < e && (isalnum((unsigned char)t[k]) || t[k] == '-' || t[k] == ':' || t[k] == '.'))
                k++;
            g->name_e = g->attr_s = k;
            for (; k < e && t[k] != '>'; k++) {
                if (t[k] == '"' || t[k] == '\'') {
                    char q = t[k];
                    for (k++; k < e && t[k] != q; k++)
                        ;
                } else if (braces && t[k] == '{') {
                    int d = 0;
                    for (; k < e; k++)
                        if (t[k] == '{')
                            d++;
                        else if (t[k] == '}' && --d == 0)
                            break;
                }
            }
            if (k >= e)
                return snprintf(why, WIZ_EDIT_WHY, "unterminated <%.*s> tag", (int)(g->name_e - g->name_s) % 64,
                                t + g->name_s),
                       false;
            g->attr_e = k;
            g->e = k + 1;
            return true;
        }
        i++;
    }
    return false;
}

static bool tag_is(const char *t, const struct tag *g, const char *name)
{
    size_t n = strlen(name);
    return g->name_e - g->name_s == n && !strncasecmp(t + g->name_s, name, n);
}
static bool has_attr(const char *t, const struct tag *g, const char *a)
{
    size_t n = strlen(a);
    for (size_t i = g->attr_s; i + n <= g->attr_e; i++)
        if (!strncasecmp(t + i, a, n) && isspace((unsigned char)t[i - 1]) &&
            (i + n == g->attr_e || strchr(" \t\n\r=/>", t[i + n])))
            return true;
    return false;
}
static bool attr_has_value(const char *t, const struct tag *g, const char *v)
{
    size_t n = strlen(v);
    for (size_t i = g->attr_s; i + n <= g->attr_e; i++)
        if (!strncmp(t + i, v, n))
            return true;
    return false;
}

/* the end of the element's body: the start of its closing tag */
static size_t body_end(const char *t, size_t from, size_t e, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = from; i + n + 2 <= e; i++)
        if (t[i] == '<' && t[i + 1] == '/' && !strncasecmp(t + i + 2, name, n) && !isalnum((unsigned char)t[i + 2 + n]))
            return i;
    return (size_t)-1;
}

/* a region starting at the end of its opening tag's line when the rest of that line is blank */
static size_t code_start(const char *t, size_t s, size_t e)
{
    size_t i = s;
    while (i < e && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
        i++;
    return i < e && t[i] == '\n' ? i + 1 : s;
}

int wiz_src_regions(const char *path, const char *text, struct wiz_region *r, size_t max, size_t *n, char *why)
{
    enum wiz_src_lang lang = wiz_src_lang_of(path);
    size_t len = strlen(text);
    *n = 0;
    why[0] = 0;
    switch (lang) {
    case WIZ_LANG_JS:
    case WIZ_LANG_TS:
    case WIZ_LANG_JSX:
        r[0] = (struct wiz_region){0, len, lang == WIZ_LANG_TS, lang == WIZ_LANG_JSX &&
                                   !ends(path, strcspn(path, "#"), ".ts")};
        *n = 1;
        return 0;
    case WIZ_LANG_VUE:
    case WIZ_LANG_SVELTE:
    case WIZ_LANG_ASTRO:
    case WIZ_LANG_HTML:
        break;
    default:
        snprintf(why, WIZ_EDIT_WHY, "%.200s: not a JavaScript, TypeScript or markup file", path ? path : "(null)");
        return WIZ_PLUGIN_EINVAL;
    }
    size_t i = 0, fs, fe;
    bool braces = lang == WIZ_LANG_ASTRO || lang == WIZ_LANG_SVELTE;
    if (lang == WIZ_LANG_ASTRO && frontmatter(text, &fs, &fe)) {
        if (*n < max)
            r[(*n)++] = (struct wiz_region){fs, fe, true, false};
        i = fe + 3;
    }
    struct tag g;
    while (next_tag(text, i, len, braces, &g, why)) {
        i = g.e;
        if (g.closing || !(tag_is(text, &g, "script") || tag_is(text, &g, "style")))
            continue;
        bool script = tag_is(text, &g, "script");
        size_t be = body_end(text, g.e, len, script ? "script" : "style");
        if (be == (size_t)-1) {
            snprintf(why, WIZ_EDIT_WHY, "<%s> without </%s>", script ? "script" : "style", script ? "script" : "style");
            return WIZ_PLUGIN_EINVAL;
        }
        if (script && !has_attr(text, &g, "src") && !attr_has_value(text, &g, "application/json") &&
            !attr_has_value(text, &g, "application/ld+json") && *n < max) {
            bool ts = attr_has_value(text, &g, "\"ts\"") || attr_has_value(text, &g, "'ts'") || lang == WIZ_LANG_ASTRO;
            bool jsx = attr_has_value(text, &g, "sx\"") || attr_has_value(text, &g, "sx'");
            r[(*n)++] = (struct wiz_region){code_start(text, g.e, be), be, ts || jsx, jsx};
        }
        i = be;
    }
    return why[0] ? WIZ_PLUGIN_EINVAL : 0;
}

int wiz_src_region(const char *path, const char *text, struct wiz_region *r, char *why)
{
    enum wiz_src_lang lang = wiz_src_lang_of(path);
    const char *frag = path ? strchr(path, '#') : NULL;
    size_t len = strlen(text);
    why[0] = 0;
    if (lang == WIZ_LANG_JS || lang == WIZ_LANG_TS || lang == WIZ_LANG_JSX) {
        size_t n;
        return wiz_src_regions(path, text, r, 1, &n, why);
    }
    if (lang == WIZ_LANG_ASTRO && frag && !strcmp(frag, "#frontmatter")) {
        size_t fs, fe;
        if (!frontmatter(text, &fs, &fe))
            return snprintf(why, WIZ_EDIT_WHY, "no --- frontmatter"), WIZ_PLUGIN_ENOTFOUND;
        *r = (struct wiz_region){fs, fe, true, false};
        return 0;
    }
    if (lang != WIZ_LANG_VUE && lang != WIZ_LANG_SVELTE && lang != WIZ_LANG_ASTRO && lang != WIZ_LANG_HTML)
        return snprintf(why, WIZ_EDIT_WHY, "%.200s: not a JavaScript, TypeScript or markup file", path ? path : "(null)"),
               WIZ_PLUGIN_EINVAL;
    size_t i = 0, fs, fe, found = 0;
    bool braces = lang == WIZ_LANG_ASTRO || lang == WIZ_LANG_SVELTE;
    if (lang == WIZ_LANG_ASTRO && frontmatter(text, &fs, &fe))
        i = fe + 3;
    bool want_module = frag && !strcmp(frag, "#module");
    struct tag g;
    while (next_tag(text, i, len, braces, &g, why)) {
        i = g.e;
        if (g.closing || !tag_is(text, &g, "script"))
            continue;
        size_t be = body_end(text, g.e, len, "script");
        if (be == (size_t)-1)
            return snprintf(why, WIZ_EDIT_WHY, "<script> without </script>"), WIZ_PLUGIN_EINVAL;
        i = be;
        if (has_attr(text, &g, "src") || has_attr(text, &g, "is:inline"))
            continue;
        bool module = has_attr(text, &g, "module") || attr_has_value(text, &g, "context=\"module\"") ||
                      attr_has_value(text, &g, "context='module'");
        if (lang == WIZ_LANG_SVELTE && module != want_module)
            continue;
        bool setup = has_attr(text, &g, "setup");
        bool ts = attr_has_value(text, &g, "\"ts\"") || attr_has_value(text, &g, "'ts'") || lang == WIZ_LANG_ASTRO;
        bool jsx = attr_has_value(text, &g, "sx\"") || attr_has_value(text, &g, "sx'");
        if (!found || (lang == WIZ_LANG_VUE && setup)) {
            *r = (struct wiz_region){code_start(text, g.e, be), be, ts || jsx, jsx};
            found++;
            if (lang != WIZ_LANG_VUE || setup)
                return 0;
        }
    }
    if (why[0])
        return WIZ_PLUGIN_EINVAL;
    if (found)
        return 0;
    snprintf(why, WIZ_EDIT_WHY, "no %s<script> in %.200s", want_module ? "module " : "", path);
    return WIZ_PLUGIN_ENOTFOUND;
}

/* a and b (n bytes of a) equal but for the whitespace that starts each line and CRs: the
 * same script written at another indentation */
static bool same_dedented(const char *a, size_t n, const char *b)
{
    size_t i = 0, j = 0;
    bool bol = true;
    for (;;) {
        if (bol) {
            while (i < n && (a[i] == ' ' || a[i] == '\t'))
                i++;
            while (b[j] == ' ' || b[j] == '\t')
                j++;
        }
        while (i < n && a[i] == '\r')
            i++;
        while (b[j] == '\r')
            j++;
        if (i == n || !b[j])
            return i == n && !b[j];
        if (a[i] != b[j])
            return false;
        bol = a[i] == '\n';
        i++;
        j++;
    }
}

/* element's lines (two-space units) with each unit written as unit and every line after
 * the first prefixed with base. returns owned text: free(); NULL on no memory. */
static char *indent_element(const char *element, const char *base, const char *unit)
{
    size_t lines = 1;
    for (const char *p = element; *p; p++)
        lines += *p == '\n';
    size_t cap = strlen(element) * (strlen(unit) + 1) + lines * (strlen(base) + 1) + 1;
    char *out = malloc(cap), *o = out;
    if (!out)
        return NULL;
    for (const char *p = element; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p), sp = 0;
        while (sp < n && p[sp] == ' ')
            sp++;
        if (sp < n) { /* blank lines stay empty */
            if (p != element)
                o += sprintf(o, "%s", base);
            for (size_t u = 0; u < sp / 2; u++)
                o += sprintf(o, "%s", unit);
            if (sp % 2)
                *o++ = ' ';
            memcpy(o, p + sp, n - sp);
            o += n - sp;
        }
        if (!nl)
            break;
        *o++ = '\n';
        p = nl + 1;
    }
    *o = 0;
    return out;
}

int wiz_edit_head_script(const char *path, const char *text, const char *element, char **out, char *why)
{
    *out = NULL;
    why[0] = 0;
    enum wiz_src_lang lang = wiz_src_lang_of(path);
    if (lang != WIZ_LANG_HTML && lang != WIZ_LANG_ASTRO && lang != WIZ_LANG_SVELTE)
        return snprintf(why, WIZ_EDIT_WHY, "%.200s: not an HTML-like file", path ? path : "(null)"), WIZ_PLUGIN_EINVAL;
    if (!element || strncasecmp(element, "<script", 7) || !strstr(element, "</script>"))
        return snprintf(why, WIZ_EDIT_WHY, "the element must be a whole <script>...</script>"), WIZ_PLUGIN_EINVAL;
    size_t len = strlen(text), i = 0, fs, fe;
    bool braces = lang == WIZ_LANG_ASTRO;
    if (lang == WIZ_LANG_ASTRO && frontmatter(text, &fs, &fe))
        i = fe + 3;
    struct tag g, head = {0};
    bool in_head = false;
    while (next_tag(text, i, len, braces, &g, why)) {
        i = g.e;
        if (tag_is(text, &g, "script") || tag_is(text, &g, "style")) {
            if (g.closing)
                continue;
            size_t be = body_end(text, g.e, len, tag_is(text, &g, "script") ? "script" : "style");
            if (be == (size_t)-1)
                return snprintf(why, WIZ_EDIT_WHY, "<script> or <style> without its closing tag"), WIZ_PLUGIN_EINVAL;
            if (in_head && same_dedented(text + g.s, be + 9 - g.s, element)) {
                *out = wiz_strdup(text); /* already there */
                return *out ? 0 : WIZ_PLUGIN_ENOMEM;
            }
            i = be;
            continue;
        }
        if (!tag_is(text, &g, "head"))
            continue;
        if (!g.closing) {
            head = g;
            in_head = true;
            continue;
        }
        if (!in_head)
            break;
        /* </head>: alone on its line -> a line above it, indented like head's children */
        size_t ls = g.s;
        while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
            ls--;
        const char *eol = wiz_eol_of(text);
        char *ins;
        size_t at;
        if (ls == 0 || text[ls - 1] == '\n') {
            size_t hs = head.s;
            while (hs > 0 && text[hs - 1] != '\n')
                hs--;
            char ind[64];
            snprintf(ind, sizeof ind, "%.*s", (int)((head.s - hs) < 40 ? head.s - hs : 40), text + hs);
            /* a child's indentation: the first non-blank line after <head> */
            size_t c = head.e;
            while (c < g.s && text[c] != '\n')
                c++;
            char child[80] = "";
            if (c < ls) {
                size_t k = c + 1, w = 0;
                while (text[k + w] == ' ' || text[k + w] == '\t')
                    w++;
                snprintf(child, sizeof child, "%.*s", (int)(w < 40 ? w : 40), text + k);
            } else {
                snprintf(child, sizeof child, "%s  ", ind);
            }
            /* the script's own lines one unit deeper than its tag, in the file's unit */
            char unit[48] = "  ";
            size_t il = strlen(ind);
            if (strlen(child) > il && !strncmp(child, ind, il))
                snprintf(unit, sizeof unit, "%s", child + il);
            char *ie = indent_element(element, child, unit);
            char *el = ie ? wiz_with_eol(ie, eol) : NULL;
            free(ie);
            if (!el)
                return WIZ_PLUGIN_ENOMEM;
            ins = wiz_asprintf("%s%s%s", child, el, eol);
            free(el);
            at = ls;
        } else { /* <head>...</head> on one line */
            ins = wiz_strdup(element);
            at = g.s;
        }
        *out = ins ? wiz_splice(text, at, 0, ins) : NULL;
        free(ins);
        return *out ? 0 : WIZ_PLUGIN_ENOMEM;
    }
    if (why[0])
        return WIZ_PLUGIN_EINVAL;
    snprintf(why, WIZ_EDIT_WHY, "no <head> ... </head> in %.200s", path);
    return WIZ_PLUGIN_ENOTFOUND;
}
