/* The JavaScript/TypeScript tokenizer behind every source edit (srcedit.h says why a
 * tokenizer and not a parser). One recursive scanner: template literals' ${...} and JSX
 * expressions are scanned by the same loop with recording off, so a quote in JSX text or
 * a brace inside a nested template never desynchronises the tokens outside. */
#include "srcedit.h"

#include <ampli/plugin.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lex {
    const char *t;
    size_t e;
    bool jsx;
    struct wiz_toks *out;
    int base;             /* nesting of the expression being scanned: ${...} and {...} add one */
    size_t cap;
    char *why;
    int fuel;             /* nesting left: a hostile file cannot exhaust the stack */
};

static bool id_start(unsigned char c) { return isalpha(c) || c == '_' || c == '$' || c >= 0x80; }
static bool id_char(unsigned char c) { return isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

static size_t line_no(const char *t, size_t at)
{
    size_t n = 1;
    for (size_t i = 0; i < at; i++)
        n += t[i] == '\n';
    return n;
}

static int bad(struct lex *L, size_t at, const char *what)
{
    snprintf(L->why, WIZ_EDIT_WHY, "%s at line %zu", what, line_no(L->t, at));
    return WIZ_PLUGIN_EINVAL;
}

/* After the previous significant token, may an expression start here (so `/` begins a
 * regular expression and `<` a JSX element)? */
static const char *const expr_keywords[] = {"return", "typeof", "instanceof", "in", "of", "new", "delete",
                                            "void", "throw", "case", "do", "else", "yield", "await", "default",
                                            "export", NULL};
struct prev {
    enum wiz_tok_kind kind;
    size_t s, e;
    bool any;
};
static bool expr_may_start(const struct lex *L, const struct prev *p)
{
    if (!p->any)
        return true;
    if (p->kind == WIZ_TOK_PUNCT) {
        char c = L->t[p->s];
        return c != ')' && c != ']';
    }
    if (p->kind == WIZ_TOK_IDENT)
        for (const char *const *k = expr_keywords; *k; k++)
            if (p->e - p->s == strlen(*k) && !memcmp(L->t + p->s, *k, p->e - p->s))
                return true;
    return false;
}

static size_t skip_quoted(struct lex *L, size_t i, int *rc)
{
    char q = L->t[i];
    for (i++; i < L->e; i++) {
        if (L->t[i] == '\\') {
            i++;
            continue;
        }
        if (L->t[i] == q)
            return i + 1;
        if (L->t[i] == '\n')
            break;
    }
    *rc = bad(L, i, "unterminated string");
    return i;
}

static size_t scan(struct lex *L, size_t i, char stop, int base, int *rc);

/* a template literal from its backquote; ${...} through scan() */
static size_t skip_template(struct lex *L, size_t i, int *rc)
{
    size_t start = i;
    for (i++; i < L->e; i++) {
        if (L->t[i] == '\\') {
            i++;
            continue;
        }
        if (L->t[i] == '`')
            return i + 1;
        if (L->t[i] == '$' && i + 1 < L->e && L->t[i + 1] == '{') {
            i = scan(L, i + 2, '}', L->base + 1, rc);
            if (*rc)
                return i;
            i--; /* the loop steps past the closing brace */
        }
    }
    *rc = bad(L, start, "unterminated template literal");
    return i;
}

/* a regex literal from its slash; 0 when the line holds no closing slash (then it was a
 * division after all) */
static size_t skip_regex(struct lex *L, size_t i)
{
    bool cls = false;
    for (i++; i < L->e && L->t[i] != '\n'; i++) {
        char c = L->t[i];
        if (c == '\\') {
            i++;
            continue;
        }
        if (c == '[')
            cls = true;
        else if (c == ']')
            cls = false;
        else if (c == '/' && !cls) {
            for (i++; i < L->e && id_char((unsigned char)L->t[i]); i++)
                ;
            return i;
        }
    }
    return 0;
}

static size_t skip_comment(struct lex *L, size_t i, int *rc)
{
    if (L->t[i + 1] == '/') {
        while (i < L->e && L->t[i] != '\n')
            i++;
        return i;
    }
    const char *end = NULL;
    for (size_t j = i + 2; j + 1 < L->e; j++)
        if (L->t[j] == '*' && L->t[j + 1] == '/') {
            end = L->t + j;
            break;
        }
    if (!end) {
        *rc = bad(L, i, "unterminated comment");
        return L->e;
    }
    return (size_t)(end - L->t) + 2;
}

/* A JSX element from its '<'. Returns its end, or 0 when this is no JSX after all (a
 * TypeScript generic such as <T,>(x) => x), so the caller reads '<' as an operator. */
static size_t skip_jsx(struct lex *L, size_t i, int *rc)
{
    int open = 0;
    size_t start = i;
    for (;;) {
        /* at a '<': a tag */
        i++;
        bool closing = i < L->e && L->t[i] == '/';
        if (closing)
            i++;
        while (i < L->e && (id_char((unsigned char)L->t[i]) || strchr(".:-", L->t[i])))
            i++;
        for (;;) { /* attributes */
            while (i < L->e && isspace((unsigned char)L->t[i]))
                i++;
            if (i >= L->e)
                return *rc = bad(L, start, "unterminated JSX element"), i;
            char c = L->t[i];
            if (c == '>' || (c == '/' && i + 1 < L->e && L->t[i + 1] == '>'))
                break;
            if (c == '"' || c == '\'') {
                i = skip_quoted(L, i, rc);
            } else if (c == '{') {
                i = scan(L, i + 1, '}', L->base + 1, rc);
            } else if (id_char((unsigned char)c) || c == '=' || c == '-' || c == ':') {
                i++;
            } else {
                return 0; /* not a tag */
            }
            if (*rc)
                return i;
        }
        bool self = L->t[i] == '/';
        i += self ? 2 : 1;
        if (closing)
            open--;
        else if (!self)
            open++;
        if (open <= 0)
            return i;
        /* children: text, {expressions}, elements */
        while (i < L->e && L->t[i] != '<') {
            if (L->t[i] == '{') {
                i = scan(L, i + 1, '}', L->base + 1, rc);
                if (*rc)
                    return i;
            } else {
                i++;
            }
        }
        if (i >= L->e)
            return *rc = bad(L, start, "unterminated JSX element"), i;
    }
}

static void emit(struct lex *L, enum wiz_tok_kind k, size_t s, size_t e, int depth, bool nl, int *rc)
{
    if (!L->out)
        return;
    if (L->out->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 256;
        struct wiz_tok *v = realloc(L->out->v, cap * sizeof *v);
        if (!v) {
            snprintf(L->why, WIZ_EDIT_WHY, "out of memory");
            *rc = WIZ_PLUGIN_ENOMEM;
            return;
        }
        L->out->v = v;
        L->cap = cap;
    }
    L->out->v[L->out->n++] = (struct wiz_tok){k, s, e, depth, nl};
}

/* Scans code from i. stop '}' : returns just past the brace that closes the scan (inside
 * ${...} or a JSX expression); stop 0: scans to the end. A template or JSX token comes
 * before the tokens of its expressions, which are one level deeper than it. */
static size_t scan(struct lex *L, size_t i, char stop, int base, int *rc)
{
    if (L->fuel <= 0) {
        *rc = bad(L, i, "nesting too deep");
        return i;
    }
    L->fuel--;
    int saved_base = L->base;
    struct wiz_toks *rec = L->out;
    struct prev p = {0};
    int depth = 0;
    bool nl = false;
    while (i < L->e && !*rc) {
        unsigned char c = (unsigned char)L->t[i];
        size_t s = i;
        if (c == '\n') {
            nl = true;
            i++;
            continue;
        }
        if (isspace(c)) {
            i++;
            continue;
        }
        if (c == '/' && i + 1 < L->e && (L->t[i + 1] == '/' || L->t[i + 1] == '*')) {
            i = skip_comment(L, i, rc);
            for (size_t j = s; j < i; j++)
                nl |= L->t[j] == '\n';
            if (rec && !stop && !p.any && !*rc) {
                size_t k = i;
                while (k < L->e && L->t[k] != '\n')
                    k++;
                rec->preamble_end = k < L->e ? k + 1 : k;
            }
            continue;
        }
        if (c == '#' && i == 0 && i + 1 < L->e && L->t[1] == '!') { /* shebang */
            while (i < L->e && L->t[i] != '\n')
                i++;
            if (rec && !stop)
                rec->preamble_end = i < L->e ? i + 1 : i;
            continue;
        }
        enum wiz_tok_kind k;
        if (id_start(c)) {
            while (i < L->e && id_char((unsigned char)L->t[i]))
                i++;
            k = WIZ_TOK_IDENT;
        } else if (isdigit(c) || (c == '.' && i + 1 < L->e && isdigit((unsigned char)L->t[i + 1]))) {
            while (i < L->e && (isalnum((unsigned char)L->t[i]) || L->t[i] == '.' || L->t[i] == '_'))
                i++;
            k = WIZ_TOK_NUM;
        } else if (c == '"' || c == '\'') {
            i = skip_quoted(L, i, rc);
            k = WIZ_TOK_STR;
        } else if (c == '`') { /* its slot first: the expressions inside come after it */
            size_t slot = rec ? rec->n : 0;
            emit(L, WIZ_TOK_TMPL, s, s, base + depth, nl, rc);
            L->base = base + depth;
            i = skip_template(L, i, rc);
            L->base = saved_base;
            if (rec && slot < rec->n)
                rec->v[slot].e = i;
            nl = false;
            p = (struct prev){WIZ_TOK_TMPL, s, i, true};
            continue;
        } else if (c == '/' && expr_may_start(L, &p) && (i = skip_regex(L, s)) != 0) {
            k = WIZ_TOK_REGEX;
        } else if (c == '<' && L->jsx && expr_may_start(L, &p) && s + 1 < L->e &&
                   (id_start((unsigned char)L->t[s + 1]) || L->t[s + 1] == '>')) {
            size_t slot = rec ? rec->n : 0;
            emit(L, WIZ_TOK_JSX, s, s, base + depth, nl, rc);
            L->base = base + depth;
            i = skip_jsx(L, s, rc);
            L->base = saved_base;
            if (!i && !*rc) { /* a TypeScript generic: '<' is an operator; drop what it recorded */
                if (rec)
                    rec->n = slot;
                i = s + 1;
                k = WIZ_TOK_PUNCT;
            } else {
                if (rec && slot < rec->n)
                    rec->v[slot].e = i;
                nl = false;
                p = (struct prev){WIZ_TOK_JSX, s, i, true};
                continue;
            }
        } else {
            i = s + 1;
            k = WIZ_TOK_PUNCT;
            if (c == '}' && depth == 0 && stop == '}') {
                L->fuel++;
                return i;
            }
        }
        if (*rc)
            break;
        int d = depth;
        if (k == WIZ_TOK_PUNCT) {
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                d = --depth;
        }
        emit(L, k, s, i, base + d, nl, rc);
        nl = false;
        p = (struct prev){k, s, i, true};
    }
    if (stop && !*rc)
        *rc = bad(L, i, "unterminated ${...} or {...}");
    L->fuel++;
    return i;
}

int wiz_js_lex(const char *text, size_t s, size_t e, bool jsx, struct wiz_toks *t, char *why)
{
    *t = (struct wiz_toks){.preamble_end = s};
    struct lex L = {.t = text, .e = e, .jsx = jsx, .out = t, .why = why, .fuel = 200};
    int rc = 0;
    why[0] = 0;
    scan(&L, s, 0, 0, &rc);
    return rc;
}

bool wiz_tok_is(const char *text, const struct wiz_tok *k, const char *word)
{
    size_t n = strlen(word);
    return k->e - k->s == n && !memcmp(text + k->s, word, n);
}
