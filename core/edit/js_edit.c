/* JS/TS edits on the tokens of js_lex.c: the import block, the file's style, anchors,
 * and the SDK calls made through a module's bindings. */
#include "srcedit.h"

#include "../wiz.h"
#include <ampli/plugin.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one top-level import or require statement */
struct imp {
    size_t s, e;           /* the statement, its ';' included */
    size_t spec;           /* token index of the module specifier */
    size_t first, last;    /* token indexes of the statement */
    bool semi, require, type_only;
};

struct js {
    const char *t;
    struct wiz_region r;
    struct wiz_toks k;
    struct imp *imp;
    size_t nimp;
    size_t run_end;        /* imports in the leading run: imp[0 .. run_end) */
    size_t directives_end; /* byte offset past 'use client' and the like (r.s when none) */
};

static void js_free(struct js *j)
{
    free(j->k.v);
    free(j->imp);
}

static const struct wiz_tok *tok(const struct js *j, size_t i) { return i < j->k.n ? &j->k.v[i] : NULL; }
static bool is(const struct js *j, size_t i, const char *w)
{
    const struct wiz_tok *k = tok(j, i);
    return k && wiz_tok_is(j->t, k, w);
}
static bool punct(const struct js *j, size_t i, char c)
{
    const struct wiz_tok *k = tok(j, i);
    return k && k->kind == WIZ_TOK_PUNCT && j->t[k->s] == c;
}

/* the statement end after token i: a ';' on the same line is part of it */
static size_t stmt_end(struct js *j, size_t i, struct imp *m)
{
    m->semi = punct(j, i + 1, ';') && !j->k.v[i + 1].nl_before;
    m->last = m->semi ? i + 1 : i;
    m->e = j->k.v[m->last].e;
    return m->last + 1;
}

/* An import/require at token i (depth 0, at a statement start)? Fills m, returns the
 * index after it, or 0. */
static size_t import_at(struct js *j, size_t i, struct imp *m)
{
    *m = (struct imp){.s = j->k.v[i].s, .first = i};
    if (is(j, i, "import") && !punct(j, i + 1, '(') && !punct(j, i + 1, '.')) {
        m->type_only = is(j, i + 1, "type") && !is(j, i + 2, "from");
        for (size_t k = i + 1; k < j->k.n && k < i + 400; k++) {
            const struct wiz_tok *x = &j->k.v[k];
            if (x->kind == WIZ_TOK_STR && (k == i + 1 || is(j, k - 1, "from"))) {
                m->spec = k;
                size_t n = k;
                if ((is(j, k + 1, "with") || is(j, k + 1, "assert")) && punct(j, k + 2, '{'))
                    for (n = k + 3; n < j->k.n && !punct(j, n, '}'); n++)
                        ;
                return stmt_end(j, n, m);
            }
            if (is(j, k, "require") && punct(j, k + 1, '(') && tok(j, k + 2) && j->k.v[k + 2].kind == WIZ_TOK_STR &&
                punct(j, k + 3, ')')) { /* TypeScript: import x = require('m') */
                m->spec = k + 2;
                m->require = true;
                return stmt_end(j, k + 3, m);
            }
            if (punct(j, k, ';'))
                return 0;
        }
        return 0;
    }
    /* const|let|var PATTERN = require('m') [.member...]  |  require('m') [...] */
    size_t k = i;
    if (is(j, i, "const") || is(j, i, "let") || is(j, i, "var")) {
        for (k = i + 1; k < j->k.n && k < i + 200 && !(punct(j, k, '=') && j->k.v[k].depth == j->k.v[i].depth); k++)
            if (punct(j, k, ';'))
                return 0;
        k++;
    }
    if (!(is(j, k, "require") && punct(j, k + 1, '(') && tok(j, k + 2) && j->k.v[k + 2].kind == WIZ_TOK_STR &&
          punct(j, k + 3, ')')))
        return 0;
    m->spec = k + 2;
    m->require = true;
    size_t n = k + 3; /* require('dotenv').config() runs to the end of its line */
    while (n + 1 < j->k.n && !j->k.v[n + 1].nl_before && !punct(j, n + 1, ';'))
        n++;
    return stmt_end(j, n, m);
}

static int js_open(struct js *j, const char *path, const char *text, bool all, char *why)
{
    *j = (struct js){.t = text};
    int rc = wiz_src_region(path, text, &j->r, why);
    if (rc)
        return rc;
    (void)all;
    if ((rc = wiz_js_lex(text, j->r.s, j->r.e, j->r.jsx, &j->k, why)))
        return rc;
    j->imp = calloc(j->k.n + 1, sizeof *j->imp);
    if (!j->imp)
        return snprintf(why, WIZ_EDIT_WHY, "out of memory"), WIZ_PLUGIN_ENOMEM;
    j->directives_end = j->r.s;
    if (!j->k.n || !j->k.v)
        return 0;
    size_t i = 0;
    while (tok(j, i) && j->k.v[i].kind == WIZ_TOK_STR && (punct(j, i + 1, ';') || !tok(j, i + 1) || j->k.v[i + 1].nl_before)) {
        i += punct(j, i + 1, ';') ? 2 : 1;
        j->directives_end = j->k.v[i - 1].e;
    }
    bool run = true;
    while (i < j->k.n) {
        const struct wiz_tok *x = &j->k.v[i];
        bool start = i == 0 || punct(j, i - 1, ';') || punct(j, i - 1, '}') || x->nl_before;
        size_t next = x->depth == 0 && start ? import_at(j, i, &j->imp[j->nimp]) : 0;
        if (next) {
            j->nimp++;
            if (run)
                j->run_end = j->nimp;
            i = next;
            continue;
        }
        if (x->depth == 0 && start)
            run = false;
        i++;
    }
    return 0;
}

/* ---- style ---- */
struct style {
    char q;
    bool semi;
    bool trail;        /* multi-line literals end with a comma */
    char unit[9];
    const char *eol;
};

static void style_of(const struct js *j, struct style *st)
{
    int single = 0, dbl = 0, semi = 0, bare = 0;
    for (size_t i = 0; i < j->nimp; i++) {
        *(j->t[j->k.v[j->imp[i].spec].s] == '"' ? &dbl : &single) += 1;
        *(j->imp[i].semi ? &semi : &bare) += 1;
    }
    if (!single && !dbl)
        for (size_t i = 0; i < j->k.n; i++)
            if (j->k.v[i].kind == WIZ_TOK_STR)
                *(j->t[j->k.v[i].s] == '"' ? &dbl : &single) += 1;
    if (!j->nimp) /* no imports: lines that end a statement with ';' against ')' without */
        for (size_t i = 1; i < j->k.n; i++)
            if (j->k.v[i].nl_before && j->k.v[i].depth == 0) {
                if (punct(j, i - 1, ';'))
                    semi++;
                else if (punct(j, i - 1, ')'))
                    bare++;
            }
    /* a multi-line object or array closed after a comma, or after its last value ('}' after
     * ')' is left out: a function body in a file without semicolons looks the same) */
    int trail = 0, no_trail = 0;
    for (size_t i = 1; i < j->k.n; i++) {
        const struct wiz_tok *x = &j->k.v[i];
        if (x->kind != WIZ_TOK_PUNCT || !x->nl_before || (j->t[x->s] != '}' && j->t[x->s] != ']'))
            continue;
        if (punct(j, i - 1, ','))
            trail++;
        else if (!punct(j, i - 1, ';') && !punct(j, i - 1, '{') && !punct(j, i - 1, '[') && !punct(j, i - 1, '}') &&
                 !(j->t[x->s] == '}' && punct(j, i - 1, ')')))
            no_trail++;
    }
    st->trail = trail >= no_trail;
    st->q = dbl > single ? '"' : '\'';
    st->semi = semi >= bare;
    st->eol = wiz_eol_of(j->t);
    snprintf(st->unit, sizeof st->unit, "  ");
    /* the first line indented after a line ending in { ( [ */
    const char *t = j->t;
    for (size_t i = j->r.s; i < j->r.e; i++) {
        if (t[i] != '\n' || i == 0)
            continue;
        size_t b = i;
        while (b > j->r.s && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\r'))
            b--;
        if (b == j->r.s || !strchr("{([", t[b - 1]))
            continue;
        size_t ls = b;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        size_t base = 0;
        while (t[ls + base] == ' ' || t[ls + base] == '\t')
            base++;
        size_t n = 0;
        while (i + 1 + n < j->r.e && (t[i + 1 + n] == ' ' || t[i + 1 + n] == '\t'))
            n++;
        if (n <= base || t[i + 1 + n] == '\n' || t[i + 1 + n] == '\r')
            continue;
        if (t[i + 1 + base] == '\t')
            snprintf(st->unit, sizeof st->unit, "\t");
        else if (n - base <= 8)
            snprintf(st->unit, sizeof st->unit, "%.*s", (int)(n - base), "        ");
        break;
    }
}

/* Canonical code (two-space indentation, single quotes, semicolons) in the file's style,
 * every line prefixed with base. returns owned text: free(); NULL on no memory. */
static char *restyle(const char *code, const struct style *st, const char *base)
{
    size_t len = strlen(code);
    char *c = malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, code, len + 1);
    struct wiz_toks k;
    char why[WIZ_EDIT_WHY];
    if (wiz_js_lex(c, 0, len, false, &k, why) == 0) {
        char stack[64];
        int sp = 0;
        for (size_t i = 0; i < k.n; i++) {
            struct wiz_tok *x = &k.v[i];
            char ch = c[x->s];
            if (x->kind == WIZ_TOK_PUNCT && strchr("([{", ch) && sp < 64)
                stack[sp++] = ch;
            else if (x->kind == WIZ_TOK_PUNCT && strchr(")]}", ch) && sp > 0)
                sp--;
            if (x->kind == WIZ_TOK_STR && ch == '\'' && st->q == '"' && !memchr(c + x->s + 1, '"', x->e - x->s - 2) &&
                !memchr(c + x->s + 1, '\\', x->e - x->s - 2)) {
                c[x->s] = '"';
                c[x->e - 1] = '"';
            }
            bool eol_next = i + 1 == k.n || k.v[i + 1].nl_before;
            if (x->kind == WIZ_TOK_PUNCT && ch == ',' && !st->trail && eol_next && i + 1 < k.n &&
                k.v[i + 1].kind == WIZ_TOK_PUNCT && strchr("}])", c[k.v[i + 1].s]))
                c[x->s] = '\x01'; /* a trailing comma the file does not write */
            if (x->kind == WIZ_TOK_PUNCT && ch == ';' && !st->semi && eol_next && (sp == 0 || stack[sp - 1] == '{') &&
                !(i + 1 < k.n && strchr("([`+-/", c[k.v[i + 1].s])))
                c[x->s] = '\x01'; /* dropped below */
        }
    }
    free(k.v);
    /* lines: indentation units, the base, the file's newline */
    size_t cap = len * 4 + strlen(base) * 64 + 64;
    char *out = malloc(cap), *o = out;
    if (!out) {
        free(c);
        return NULL;
    }
    const char *p = c;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t sp = 0;
        while (sp < n && p[sp] == ' ')
            sp++;
        bool blank = sp == n;
        if (!blank) {
            size_t need = strlen(base) + (sp / 2) * strlen(st->unit) + (sp % 2) + n + 4;
            if ((size_t)(o - out) + need >= cap) {
                size_t off = (size_t)(o - out);
                char *g = realloc(out, cap = cap * 2 + need);
                if (!g) {
                    free(out);
                    free(c);
                    return NULL;
                }
                out = g;
                o = out + off;
            }
            o += sprintf(o, "%s", base);
            for (size_t u = 0; u < sp / 2; u++)
                o += sprintf(o, "%s", st->unit);
            if (sp % 2)
                *o++ = ' ';
            for (size_t q = sp; q < n; q++)
                if (p[q] != '\x01')
                    *o++ = p[q];
        }
        if (!nl)
            break;
        o += sprintf(o, "%s", st->eol);
        p = nl + 1;
    }
    *o = 0;
    free(c);
    return out;
}

/* ---- helpers over lines ---- */
static size_t line_start(const char *t, size_t i)
{
    while (i > 0 && t[i - 1] != '\n')
        i--;
    return i;
}
static size_t next_line(const char *t, size_t i, size_t e)
{
    while (i < e && t[i] != '\n')
        i++;
    return i < e ? i + 1 : i;
}
static bool blank_line_at(const char *t, size_t i, size_t e)
{
    while (i < e && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
        i++;
    return i < e && t[i] == '\n';
}

/* Inserts the (restyled, eol-ended) block at line start p, with a blank line between it
 * and code on either side. returns owned text: free() */
static char *put_block(const char *t, size_t p, size_t e, const char *block, const char *eol, bool blank_before,
                       bool blank_after)
{
    bool at_end_no_nl = p > 0 && p == strlen(t) && t[p - 1] != '\n';
    bool prev_blank = p == 0 || (p >= 2 && t[p - 1] == '\n' && (t[p - 2] == '\n' || (t[p - 2] == '\r' && p >= 3 && t[p - 3] == '\n')));
    bool next_blank = p >= e || blank_line_at(t, p, e);
    char *ins = wiz_asprintf("%s%s%s%s", at_end_no_nl ? eol : "", blank_before && !prev_blank ? eol : "", block,
                                  blank_after && !next_blank ? eol : "");
    if (!ins)
        return NULL;
    char *out = wiz_splice(t, p, 0, ins);
    free(ins);
    return out;
}

/* the end of an edit: no text without a reason is memory that ran out */
static int finish(struct js *j, int rc, const char *out, char *why)
{
    if (!rc && !out)
        rc = WIZ_PLUGIN_ENOMEM;
    if (rc == WIZ_PLUGIN_ENOMEM && !why[0])
        snprintf(why, WIZ_EDIT_WHY, "out of memory");
    js_free(j);
    return rc;
}

static char *dup_text(const char *t)
{
    return wiz_strdup(t);
}

static bool module_ok(const char *m, char *why)
{
    if (!m || !*m || strpbrk(m, "'\"`\\\n\r") || strlen(m) > 512) {
        snprintf(why, WIZ_EDIT_WHY, "invalid module name");
        return false;
    }
    return true;
}

/* the specifier's text (between the quotes) equals module; a trailing '*' in module
 * matches a prefix */
static bool spec_is(const struct js *j, const struct imp *m, const char *module)
{
    const struct wiz_tok *x = &j->k.v[m->spec];
    size_t n = x->e - x->s - 2, ml = strlen(module);
    const char *p = j->t + x->s + 1;
    if (ml && module[ml - 1] == '*')
        return n >= ml - 1 && !memcmp(p, module, ml - 1);
    return n == ml && !memcmp(p, module, n);
}

/* text with white space normalised ("{a,b}" and "{ a, b, }" read "{ a, b }"), into out */
static void squeeze(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    bool sp = false;
    for (size_t i = 0; i < n && o + 4 < cap; i++) {
        char c = s[i];
        if (isspace((unsigned char)c)) {
            sp = true;
            continue;
        }
        if (c == ',') {
            out[o++] = ',';
            sp = true;
            continue;
        }
        if (c == '}') {
            if (o && out[o - 1] == ',')
                o--;
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
            out[o++] = '}';
            sp = true;
            continue;
        }
        if (sp && o && out[o - 1] != ' ')
            out[o++] = ' ';
        sp = c == '{';
        out[o++] = c;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

/* Where a new import line goes when the region has none: past directives, else past the
 * preamble comments, else the region's start. */
static size_t top_spot(const struct js *j, bool *after_something)
{
    *after_something = true;
    if (j->directives_end > j->r.s)
        return next_line(j->t, j->directives_end, j->r.e);
    if (j->k.preamble_end > j->r.s)
        return j->k.preamble_end;
    *after_something = false;
    return j->r.s;
}

/* Adds the missing names of clause "{ a, b as c }" to the named list of import m.
 * Returns owned text, NULL when m has no named list; *done when nothing was missing. */
static char *merge_named(const struct js *j, const struct imp *m, const char *clause, bool *done, int *rc)
{
    size_t open = 0, close = 0;
    for (size_t i = m->first; i < m->spec; i++) {
        if (punct(j, i, '{'))
            open = i;
        if (punct(j, i, '}'))
            close = i;
    }
    *done = false;
    if (!open || close <= open)
        return NULL;
    char have[2048];
    squeeze(j->t + j->k.v[open].s, j->k.v[close].e - j->k.v[open].s, have, sizeof have);
    /* the names asked for, one by one */
    char add[1024] = "";
    const char *p = strchr(clause, '{') + 1;
    while (*p && *p != '}') {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",}");
        while (n && p[n - 1] == ' ')
            n--;
        if (n) {
            char one[256], probe[300];
            snprintf(one, sizeof one, "%.*s", (int)n, p);
            bool found = false;
            for (const char *sep = "{ ,"; *sep; sep++)
                for (const char *end = " ,}"; *end && !found; end++) {
                    snprintf(probe, sizeof probe, "%c%s%c", *sep, one, *end);
                    found = strstr(have, probe) != NULL;
                }
            if (!found) {
                size_t l = strlen(add);
                snprintf(add + l, sizeof add - l, "%s%s", l ? ", " : "", one);
            }
        }
        p += strcspn(p, ",}");
    }
    if (!*add) {
        *done = true;
        return NULL;
    }
    const struct wiz_tok *cl = &j->k.v[close], *last = &j->k.v[close - 1];
    bool trailing = punct(j, close - 1, ',');
    char *ins;
    size_t at;
    if (cl->nl_before) { /* one name a line: the last name's indentation */
        size_t ls = line_start(j->t, last->s), n = 0;
        while (j->t[ls + n] == ' ' || j->t[ls + n] == '\t')
            n++;
        const char *eol = wiz_eol_of(j->t);
        /* each added name on its own line */
        char lines[2048] = "";
        for (const char *a = add; *a;) {
            size_t w = strcspn(a, ",");
            size_t l = strlen(lines);
            snprintf(lines + l, sizeof lines - l, "%s%.*s%.*s,", eol, (int)n, j->t + ls, (int)w, a);
            a += w;
            while (*a == ',' || *a == ' ')
                a++;
        }
        if (!trailing)
            lines[strlen(lines) - 1] = 0, at = last->e, ins = wiz_asprintf(",%s", lines);
        else
            at = last->e, ins = wiz_asprintf("%s", lines);
    } else {
        at = last->e;
        ins = trailing ? wiz_asprintf(" %s,", add) : wiz_asprintf(", %s", add);
    }
    char *out = ins ? wiz_splice(j->t, at, 0, ins) : NULL;
    free(ins);
    if (!out)
        *rc = WIZ_PLUGIN_ENOMEM;
    return out;
}

int wiz_edit_import(const char *path, const char *text, const char *module, const char *clause, char **out, char *why)
{
    *out = NULL;
    why[0] = 0;
    if (wiz_src_lang_of(path) == WIZ_LANG_PY)
        return wiz_py_import(text, module, clause, out, why);
    if (!module_ok(module, why))
        return WIZ_PLUGIN_EINVAL;
    if (clause && (strpbrk(clause, "\n\r;'\"`") || strlen(clause) > 512))
        return snprintf(why, WIZ_EDIT_WHY, "invalid import clause"), WIZ_PLUGIN_EINVAL;
    bool named = clause && strchr(clause, '{') && strchr(clause, '}');
    char want[1100] = "";
    if (clause)
        squeeze(clause, strlen(clause), want, sizeof want);
    struct js j;
    int rc = js_open(&j, path, text, false, why);
    if (rc)
        goto done;
    for (size_t i = 0; i < j.nimp; i++) {
        const struct imp *m = &j.imp[i];
        if (!spec_is(&j, m, module) || m->type_only)
            continue;
        if (!*want) { /* any import of the module runs it */
            *out = dup_text(text);
            goto done;
        }
        if (m->require)
            continue;
        char have[1100];
        size_t cs = j.k.v[m->first + 1].s, ce = j.k.v[m->spec - 1].s; /* between import and from */
        squeeze(text + cs, ce > cs ? ce - cs : 0, have, sizeof have);
        if (!strcmp(have, want)) {
            *out = dup_text(text);
            goto done;
        }
        if (named && want[0] == '{') {
            bool all = false;
            char *m2 = merge_named(&j, m, want, &all, &rc);
            if (all || m2) {
                *out = all ? dup_text(text) : m2;
                goto done;
            }
        }
    }
    struct style st;
    style_of(&j, &st);
    char *line = *want ? wiz_asprintf("import %s from %c%s%c%s%s", want, st.q, module, st.q, st.semi ? ";" : "", st.eol)
                       : wiz_asprintf("import %c%s%c%s%s", st.q, module, st.q, st.semi ? ";" : "", st.eol);
    if (!line) {
        rc = WIZ_PLUGIN_ENOMEM;
        goto done;
    }
    if (j.run_end) {
        *out = put_block(text, next_line(text, j.imp[j.run_end - 1].e, strlen(text)), j.r.e, line, st.eol, false, false);
    } else {
        bool after;
        size_t p = top_spot(&j, &after);
        *out = put_block(text, p, j.r.e, line, st.eol, after, true);
    }
    free(line);
done:
    return finish(&j, rc, *out, why);
}

/* the token index of NAME's body '{' (a function declaration, an arrow or function
 * expression bound to NAME, or a method NAME() {}), or 0 */
static size_t function_body(const struct js *j, const char *name)
{
    for (size_t i = 0; i < j->k.n; i++) {
        if (!is(j, i, name) || (i > 0 && punct(j, i - 1, '.')))
            continue;
        size_t k = i + 1;
        bool decl = i > 0 && is(j, i - 1, "function");
        if (!decl && punct(j, k, '=')) { /* = [async] (..) => {  or  = [async] function (..) { */
            k++;
            if (is(j, k, "async"))
                k++;
            if (is(j, k, "function"))
                decl = true, k++;
            else {
                while (k < j->k.n && !(punct(j, k, '=') && punct(j, k + 1, '>')) && !punct(j, k, ';'))
                    k++;
                if (!punct(j, k, '='))
                    continue;
                return punct(j, k + 2, '{') ? k + 2 : 0;
            }
        }
        if (!decl && !punct(j, k, '('))
            continue;
        while (k < j->k.n && !punct(j, k, '('))
            k++; /* generics <T> */
        int d = j->k.v[k].depth;
        for (k++; k < j->k.n && !(punct(j, k, ')') && j->k.v[k].depth == d); k++)
            ;
        for (k++; k < j->k.n && !(punct(j, k, '{') && j->k.v[k].depth == d) && !punct(j, k, ';'); k++)
            ; /* a return type */
        if (punct(j, k, '{'))
            return k;
    }
    return 0;
}

/* the token index of the '{' of the object at spec "CALL[.KEY...]": the object literal
 * passed first to CALL(, then the object value of each KEY in turn
 * (defineNuxtConfig.runtimeConfig.public), or 0. A KEY is a member name (bare or quoted)
 * directly in the object, followed by ':' and '{'. */
static size_t object_body(const struct js *j, const char *spec)
{
    char call[64];
    const char *dot = strchr(spec, '.');
    size_t cl = dot ? (size_t)(dot - spec) : strlen(spec);
    if (!cl || cl >= sizeof call)
        return 0;
    memcpy(call, spec, cl);
    call[cl] = 0;
    size_t b = 0;
    for (size_t i = 0; i + 2 < j->k.n && !b; i++)
        if (is(j, i, call) && !(i > 0 && punct(j, i - 1, '.')) && punct(j, i + 1, '(') && punct(j, i + 2, '{'))
            b = i + 2;
    for (const char *key = dot ? dot + 1 : NULL; b && key && *key;) {
        const char *next = strchr(key, '.');
        size_t kl = next ? (size_t)(next - key) : strlen(key);
        int d = j->k.v[b].depth + 1;
        size_t found = 0;
        for (size_t i = b + 1; i + 2 < j->k.n && !found; i++) {
            const struct wiz_tok *t = &j->k.v[i];
            if (t->depth < d)
                break; /* the object's closing brace */
            if (t->depth != d || !(punct(j, i - 1, '{') || punct(j, i - 1, ',')) || !punct(j, i + 1, ':') ||
                !punct(j, i + 2, '{'))
                continue;
            size_t s = t->s, e = t->e;
            if (t->kind == WIZ_TOK_STR)
                s++, e--;
            else if (t->kind != WIZ_TOK_IDENT)
                continue;
            if (e - s == kl && !memcmp(j->t + s, key, kl))
                found = i + 2;
        }
        b = found;
        key = next ? next + 1 : NULL;
    }
    return b;
}

static const char *const anchors =
    "after-imports, before-imports, function:NAME, object:CALL[.KEY...], before-default-export, end";

int wiz_edit_insert(const char *path, const char *text, const char *anchor, const char *code, char **out, char *why)
{
    *out = NULL;
    why[0] = 0;
    if (!anchor || !code)
        return snprintf(why, WIZ_EDIT_WHY, "an anchor and code are needed"), WIZ_PLUGIN_EINVAL;
    if (wiz_src_lang_of(path) == WIZ_LANG_PY)
        return wiz_py_insert(text, anchor, code, out, why);
    struct js j;
    int rc = js_open(&j, path, text, false, why);
    char *block = NULL;
    if (rc)
        goto done;
    struct style st;
    style_of(&j, &st);
    size_t len = strlen(text), p;
    bool before = true, after = true;
    char base[64] = "";
    if (!strcmp(anchor, "after-imports")) {
        p = j.run_end ? next_line(text, j.imp[j.run_end - 1].e, len) : top_spot(&j, &before);
    } else if (!strcmp(anchor, "before-imports")) {
        p = j.run_end ? line_start(text, j.imp[0].s) : top_spot(&j, &before);
        before = p > j.r.s && !j.run_end;
    } else if (!strncmp(anchor, "function:", 9) || !strncmp(anchor, "object:", 7)) {
        bool fn = anchor[0] == 'f';
        const char *name = anchor + (fn ? 9 : 7);
        size_t b = fn ? function_body(&j, name) : object_body(&j, name);
        if (!b) {
            rc = WIZ_PLUGIN_ENOTFOUND;
            snprintf(why, WIZ_EDIT_WHY, fn ? "no function %.64s with a { } body" : "no object %.64s", name);
            goto done;
        }
        size_t brace = j.k.v[b].e;
        if (!blank_line_at(text, brace, len) && b + 1 < j.k.n && !j.k.v[b + 1].nl_before && !punct(&j, b + 1, '}')) {
            rc = WIZ_PLUGIN_EINVAL;
            snprintf(why, WIZ_EDIT_WHY, "the body of %.64s goes on after its opening brace's line", name);
            goto done;
        }
        p = next_line(text, brace, len);
        /* the body's own indentation, else the function line's plus one unit */
        size_t ls = line_start(text, j.k.v[b].s), n = 0;
        while (text[ls + n] == ' ' || text[ls + n] == '\t')
            n++;
        if (b + 1 < j.k.n && !punct(&j, b + 1, '}') && j.k.v[b + 1].nl_before) {
            size_t fs = line_start(text, j.k.v[b + 1].s), m = 0;
            while (text[fs + m] == ' ' || text[fs + m] == '\t')
                m++;
            snprintf(base, sizeof base, "%.*s", (int)(m < 60 ? m : 60), text + fs);
        } else {
            snprintf(base, sizeof base, "%.*s%s", (int)(n < 50 ? n : 50), text + ls, st.unit);
        }
        before = after = false;
        if (p >= len || punct(&j, b + 1, '}')) { /* `{}` on one line: open it */
            if (!j.k.v[b + 1].nl_before) {
                char *inner = restyle(code, &st, base);
                char *ins = inner ? wiz_asprintf("%s%s%.*s", st.eol, inner, (int)(n < 50 ? n : 50), text + ls) : NULL;
                if (inner && strstr(text + j.r.s, inner))
                    *out = dup_text(text);
                else
                    *out = ins ? wiz_splice(text, brace, 0, ins) : NULL;
                free(inner);
                free(ins);
                goto done;
            }
        }
    } else if (!strcmp(anchor, "before-default-export")) {
        size_t i = 0;
        while (i < j.k.n && !(j.k.v[i].depth == 0 && is(&j, i, "export") && is(&j, i + 1, "default")))
            i++;
        if (i >= j.k.n) {
            rc = WIZ_PLUGIN_ENOTFOUND;
            snprintf(why, WIZ_EDIT_WHY, "no `export default`");
            goto done;
        }
        p = line_start(text, j.k.v[i].s);
        while (p > j.r.s) { /* the comments (JSDoc) that belong to it */
            size_t q = line_start(text, p - 1), w = q;
            while (text[w] == ' ' || text[w] == '\t')
                w++;
            if (!(text[w] == '/' && (text[w + 1] == '/' || text[w + 1] == '*')) && text[w] != '*')
                break;
            p = q;
        }
    } else if (!strcmp(anchor, "end")) {
        p = j.r.e;
        size_t ls = line_start(text, p), w = ls;
        while (w < p && (text[w] == ' ' || text[w] == '\t'))
            w++;
        if (w == p && p > j.r.s)
            p = ls;
        after = false;
    } else {
        rc = WIZ_PLUGIN_EINVAL;
        snprintf(why, WIZ_EDIT_WHY, "unknown anchor '%.64s' (%s)", anchor, anchors);
        goto done;
    }
    block = restyle(code, &st, base);
    if (!block) {
        rc = WIZ_PLUGIN_ENOMEM;
        goto done;
    }
    size_t bl = strlen(block);
    if (bl && (block[bl - 1] != '\n')) {
        char *b2 = wiz_asprintf("%s%s", block, st.eol);
        free(block);
        block = b2;
        if (!block) {
            rc = WIZ_PLUGIN_ENOMEM;
            goto done;
        }
    }
    /* already there (a second run): compare without the final newline */
    char *probe = wiz_strdup(block);
    if (probe) {
        size_t pl = strlen(probe);
        while (pl && (probe[pl - 1] == '\n' || probe[pl - 1] == '\r'))
            probe[--pl] = 0;
        const char *hit = pl ? strstr(text + j.r.s, probe) : NULL;
        bool inside = hit && (size_t)(hit - text) < j.r.e;
        free(probe);
        if (inside) {
            *out = dup_text(text);
            goto done;
        }
    }
    *out = put_block(text, p, j.r.e, block, st.eol, before, after);
done:
    free(block);
    return finish(&j, rc, *out, why);
}

/* ---- calls through a module's bindings ---- */
#define MAX_BIND 64
struct bind {
    size_t s, e;      /* the local name */
    size_t is, ie;    /* the imported name (named bindings) */
    bool ns;          /* X in X.init() */
};

static void add_bind(struct bind *b, size_t *n, struct bind x)
{
    if (*n < MAX_BIND)
        b[(*n)++] = x;
}

/* the bindings import/require m makes */
static void bindings(const struct js *j, const struct imp *m, struct bind *b, size_t *n)
{
    size_t i = m->first + 1, end = m->spec;
    if (m->require) { /* const X = require(), const { a, b: c } = require(), import X = require() */
        if (!(is(j, m->first, "const") || is(j, m->first, "let") || is(j, m->first, "var") || is(j, m->first, "import")))
            return;
        if (tok(j, i) && j->k.v[i].kind == WIZ_TOK_IDENT && punct(j, i + 1, '=')) {
            add_bind(b, n, (struct bind){j->k.v[i].s, j->k.v[i].e, 0, 0, true});
            return;
        }
        if (!punct(j, i, '{'))
            return;
        for (i++; i < end && !punct(j, i, '}'); i++) {
            if (j->k.v[i].kind != WIZ_TOK_IDENT)
                continue;
            size_t im = i;
            if (punct(j, i + 1, ':') && tok(j, i + 2) && j->k.v[i + 2].kind == WIZ_TOK_IDENT)
                i += 2;
            add_bind(b, n, (struct bind){j->k.v[i].s, j->k.v[i].e, j->k.v[im].s, j->k.v[im].e, false});
        }
        return;
    }
    if (m->type_only)
        return;
    for (; i < end; i++) {
        if (is(j, i, "from"))
            break;
        if (punct(j, i, '*') && is(j, i + 1, "as") && tok(j, i + 2)) {
            add_bind(b, n, (struct bind){j->k.v[i + 2].s, j->k.v[i + 2].e, 0, 0, true});
            i += 2;
        } else if (punct(j, i, '{')) {
            for (i++; i < end && !punct(j, i, '}'); i++) {
                if (j->k.v[i].kind != WIZ_TOK_IDENT || is(j, i, "type") || punct(j, i - 1, ':'))
                    continue;
                size_t im = i;
                if (is(j, i + 1, "as") && tok(j, i + 2))
                    i += 2;
                add_bind(b, n, (struct bind){j->k.v[i].s, j->k.v[i].e, j->k.v[im].s, j->k.v[im].e, false});
            }
        } else if (j->k.v[i].kind == WIZ_TOK_IDENT && !is(j, i, "type")) { /* default: X.init() */
            add_bind(b, n, (struct bind){j->k.v[i].s, j->k.v[i].e, 0, 0, true});
        }
    }
}

static bool same(const char *t, size_t s, size_t e, size_t s2, size_t e2)
{
    return e - s == e2 - s2 && !memcmp(t + s, t + s2, e - s);
}
static bool named(const char *t, size_t s, size_t e, const char *const *names)
{
    for (; *names; names++)
        if (strlen(*names) == e - s && !memcmp(t + s, *names, e - s))
            return true;
    return false;
}

static int count_region(const char *path, const char *text, const struct wiz_region *r, const char *module,
                        const char *const *names, int *count, char *why)
{
    struct js j = {.t = text, .r = *r};
    int rc = wiz_js_lex(text, r->s, r->e, r->jsx, &j.k, why);
    if (rc)
        return free(j.k.v), rc;
    (void)path;
    j.imp = calloc(j.k.n + 1, sizeof *j.imp);
    if (!j.imp)
        return free(j.k.v), WIZ_PLUGIN_ENOMEM;
    /* imports and requires anywhere at the top level */
    bool *in_imp = calloc(j.k.n + 1, sizeof *in_imp);
    struct bind b[MAX_BIND];
    size_t nb = 0;
    for (size_t i = 0; in_imp && i < j.k.n;) {
        bool start = i == 0 || punct(&j, i - 1, ';') || punct(&j, i - 1, '}') || j.k.v[i].nl_before;
        size_t next = start ? import_at(&j, i, &j.imp[j.nimp]) : 0;
        if (!next) {
            i++;
            continue;
        }
        if (spec_is(&j, &j.imp[j.nimp], module))
            bindings(&j, &j.imp[j.nimp], b, &nb);
        for (size_t k = i; k < next; k++)
            in_imp[k] = true;
        i = next;
    }
    if (!in_imp) {
        js_free(&j);
        return WIZ_PLUGIN_ENOMEM;
    }
    for (size_t i = 0; i < j.k.n; i++) {
        const struct wiz_tok *x = &j.k.v[i];
        if (in_imp[i] || x->kind != WIZ_TOK_IDENT || !punct(&j, i + 1, '('))
            continue;
        if (i >= 2 && punct(&j, i - 1, '.')) { /* X.name( or X?.name( with X a namespace binding */
            size_t o = punct(&j, i - 2, '?') ? i - 3 : i - 2;
            if (o >= i || !named(text, x->s, x->e, names) || j.k.v[o].kind != WIZ_TOK_IDENT ||
                (o > 0 && punct(&j, o - 1, '.')))
                continue;
            for (size_t k = 0; k < nb; k++)
                if (b[k].ns && same(text, b[k].s, b[k].e, j.k.v[o].s, j.k.v[o].e)) {
                    (*count)++;
                    break;
                }
            continue;
        }
        if (i > 0 && (punct(&j, i - 1, '.') || is(&j, i - 1, "function")))
            continue;
        for (size_t k = 0; k < nb; k++) /* name( or, for { init as start }, start( */
            if (!b[k].ns && same(text, b[k].s, b[k].e, x->s, x->e) && named(text, b[k].is, b[k].ie, names)) {
                (*count)++;
                break;
            }
    }
    free(in_imp);
    js_free(&j);
    return 0;
}

int wiz_edit_count_calls(const char *path, const char *text, const char *module, const char *const *names, int *count,
                         char *why)
{
    *count = 0;
    why[0] = 0;
    if (!module_ok(module, why))
        return WIZ_PLUGIN_EINVAL;
    if (!names || !*names)
        return snprintf(why, WIZ_EDIT_WHY, "no function names to count"), WIZ_PLUGIN_EINVAL;
    struct wiz_region r[16];
    size_t n = 0;
    int rc = wiz_src_regions(path, text, r, 16, &n, why);
    for (size_t i = 0; !rc && i < n; i++)
        rc = count_region(path, text, &r[i], module, names, count, why);
    return rc;
}

int wiz_edit_style(const char *path, const char *text, char *quote, bool *semi, bool *trail, char unit[9],
                   const char **eol, char *why)
{
    why[0] = 0;
    struct js j;
    int rc = js_open(&j, path, text, false, why);
    if (!rc) {
        struct style st;
        style_of(&j, &st);
        *quote = st.q;
        *semi = st.semi;
        *trail = st.trail;
        snprintf(unit, 9, "%s", st.unit);
        *eol = st.eol;
    }
    js_free(&j);
    return rc;
}
