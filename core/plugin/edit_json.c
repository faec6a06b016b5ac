/* package.json dependency edits that keep the author's formatting: jansson checks the
 * file and answers "already there?", a small scanner finds where to splice the new
 * entry, and the rest of the text is left byte for byte. */
#include "host.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct member {
    size_t ks, ke, vs, ve; /* key (with quotes) and value ranges, end exclusive */
};

static size_t ws(const char *t, size_t i)
{
    while (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t i)
{
    for (i++; t[i] && t[i] != '"'; i++)
        if (t[i] == '\\' && t[i + 1])
            i++;
    return t[i] ? i + 1 : 0;
}

static size_t skip_value(const char *t, size_t i)
{
    if (t[i] == '"')
        return skip_string(t, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (t[i]) {
            if (t[i] == '"') {
                i = skip_string(t, i);
                if (!i)
                    return 0;
                continue;
            }
            if (t[i] == '{' || t[i] == '[')
                depth++;
            else if (t[i] == '}' || t[i] == ']') {
                if (--depth == 0)
                    return i + 1;
            }
            i++;
        }
        return 0;
    }
    while (t[i] && !strchr(",}] \t\r\n", t[i]))
        i++;
    return i;
}

/* Members of the object starting at t[obj] == '{'. Returns the count, -1 on error;
 * *close = index of the closing brace. */
static int members(const char *t, size_t obj, struct member *m, int max, size_t *close)
{
    int n = 0;
    size_t i = ws(t, obj + 1);
    while (t[i] && t[i] != '}') {
        if (t[i] != '"')
            return -1;
        size_t ke = skip_string(t, i);
        if (!ke)
            return -1;
        size_t c = ws(t, ke);
        if (t[c] != ':')
            return -1;
        size_t vs = ws(t, c + 1), ve = skip_value(t, vs);
        if (!ve)
            return -1;
        if (n < max)
            m[n] = (struct member){i, ke, vs, ve};
        n++;
        i = ws(t, ve);
        if (t[i] == ',')
            i = ws(t, i + 1);
    }
    if (t[i] != '}')
        return -1;
    *close = i;
    return n < max ? n : -1;
}

static bool key_is(const char *t, const struct member *m, const char *k)
{
    size_t n = m->ke - m->ks - 2;
    return strlen(k) == n && strncmp(t + m->ks + 1, k, n) == 0;
}

/* The whitespace run before position p when it starts its line; "" otherwise. */
static void indent_of(const char *t, size_t p, char *out, size_t cap)
{
    size_t s = p;
    while (s > 0 && (t[s - 1] == ' ' || t[s - 1] == '\t'))
        s--;
    size_t n = (s == 0 || t[s - 1] == '\n') ? p - s : 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, t + s, n);
    out[n] = '\0';
}

char *wiz_text_insert(const char *t, size_t at, const char *ins)
{
    size_t tl = strlen(t), il = strlen(ins);
    char *o = malloc(tl + il + 1);
    if (!o)
        return NULL;
    memcpy(o, t, at);
    memcpy(o + at, ins, il);
    memcpy(o + at + il, t + at, tl - at + 1);
    return o;
}

int wiz_edit_package_json(const char *text, const char *section, const char *name, const char *spec, char **out)
{
    *out = NULL;
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    if (!json_is_object(root)) {
        json_decref(root);
        return -1;
    }
    json_t *sec = json_object_get(root, section);
    bool present = json_is_object(sec) && json_object_get(sec, name);
    bool bad_sec = sec != NULL && !json_is_object(sec);
    json_decref(root);
    if (present) {
        *out = wiz_strdup(text);
        return *out ? 0 : -1;
    }
    if (bad_sec)
        return -1;
    const char *sp = spec ? spec : "*";
    /* quoting and escaping done by jansson */
    json_t *jn = json_string(name), *js = json_string(sp);
    char *qname = jn ? json_dumps(jn, JSON_ENCODE_ANY) : NULL, *qspec = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
    json_decref(jn);
    json_decref(js);
    if (!qname || !qspec) {
        free(qname);
        free(qspec);
        return -1;
    }
    size_t top = ws(text, 0), close;
    struct member m[512];
    int n = members(text, top, m, 512, &close);
    int rc = -1;
    char *ins = NULL;
    if (n < 0)
        goto done;
    char unit[64] = "  ", ind1[64] = "";
    if (n > 0)
        indent_of(text, m[0].ks, ind1, sizeof ind1);
    if (ind1[0])
        snprintf(unit, sizeof unit, "%s", ind1);
    int si = -1;
    for (int i = 0; i < n; i++)
        if (key_is(text, &m[i], section))
            si = i;
    if (si < 0) {
        /* new section after the last top-level member */
        size_t at = n ? m[n - 1].ve : top + 1;
        ins = ind1[0] || n == 0 ? wiz_asprintf("%s\n%s\"%s\": {\n%s%s%s: %s\n%s}%s", n ? "," : "", unit, section,
                                               unit, unit, qname, qspec, unit, n ? "" : "\n")
                                : wiz_asprintf(", \"%s\": {%s: %s}", section, qname, qspec);
        if (ins && (*out = wiz_text_insert(text, at, ins)))
            rc = 0;
        goto done;
    }
    size_t obj = m[si].vs, dclose;
    struct member d[1024];
    int dn = members(text, obj, d, 1024, &dclose);
    if (dn < 0)
        goto done;
    const char *colon = ": ";
    if (dn > 0) {
        size_t c = d[0].ke;
        colon = text[c] == ':' && text[c + 1] != ' ' ? ":" : ": ";
    }
    if (dn == 0) {
        char ind[64];
        indent_of(text, m[si].ks, ind, sizeof ind);
        bool inline_obj = ind1[0] != 0; /* an indented file gets a multi-line object */
        ins = inline_obj ? wiz_asprintf("\n%s%s%s%s%s\n%s", ind, unit, qname, colon, qspec, ind)
                         : wiz_asprintf("%s%s%s", qname, colon, qspec);
        /* replace the empty body between the braces */
        if (ins) {
            size_t tl = strlen(text);
            char *o = malloc(tl + strlen(ins) + 1);
            if (o) {
                memcpy(o, text, obj + 1);
                strcpy(o + obj + 1, ins);
                strcat(o, text + dclose);
                *out = o;
                rc = 0;
            }
        }
        goto done;
    }
    /* npm keeps dependencies sorted: insert before the first greater key */
    int pos = dn;
    for (int i = 0; i < dn; i++) {
        size_t kl = d[i].ke - d[i].ks - 2, nl = strlen(name);
        int c = strncmp(text + d[i].ks + 1, name, kl < nl ? kl : nl);
        if (c > 0 || (c == 0 && kl > nl)) {
            pos = i;
            break;
        }
    }
    bool multiline = memchr(text + obj, '\n', d[0].ks - obj) != NULL;
    char ind[64];
    indent_of(text, d[0].ks, ind, sizeof ind);
    if (pos < dn) {
        ins = multiline ? wiz_asprintf("%s%s%s,\n%s", qname, colon, qspec, ind)
                        : wiz_asprintf("%s%s%s, ", qname, colon, qspec);
        if (ins && (*out = wiz_text_insert(text, d[pos].ks, ins)))
            rc = 0;
    } else {
        ins = multiline ? wiz_asprintf(",\n%s%s%s%s", ind, qname, colon, qspec)
                        : wiz_asprintf(", %s%s%s", qname, colon, qspec);
        if (ins && (*out = wiz_text_insert(text, d[dn - 1].ve, ins)))
            rc = 0;
    }
done:
    free(ins);
    free(qname);
    free(qspec);
    return rc;
}
