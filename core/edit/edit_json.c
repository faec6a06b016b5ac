/* package.json dependency edits that keep the author's formatting: jansson checks the
 * file and answers "already there?", a small scanner finds where to splice the new
 * entry, and the rest of the text is left byte for byte. */
#include "edit.h"

#include "../wiz.h"

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
        if (ins && (*out = wiz_splice(text, at, 0, ins)))
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
        if (ins && (*out = wiz_splice(text, d[pos].ks, 0, ins)))
            rc = 0;
    } else {
        ins = multiline ? wiz_asprintf(",\n%s%s%s%s", ind, qname, colon, qspec)
                        : wiz_asprintf(", %s%s%s", qname, colon, qspec);
        if (ins && (*out = wiz_splice(text, d[dn - 1].ve, 0, ins)))
            rc = 0;
    }
done:
    free(ins);
    free(qname);
    free(qspec);
    return rc;
}

/* ---- a value at a key path (wiz_edit_json_set) ---- */

/* the quoted JSON form of key: the same bytes the file has for a plain key.
 * returns owned text: free() */
static char *quoted(const char *key)
{
    json_t *s = json_string(key);
    char *q = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    return q;
}

/* v rendered as the file writes JSON: one indentation unit per level, every line after the
 * first prefixed with ind; compact when the file is. returns owned text: free() */
static char *render(const json_t *v, const char *unit, const char *ind)
{
    bool tabs = unit[0] == '\t';
    size_t w = tabs ? 1 : strlen(unit);
    char *d = json_dumps(v, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER | (w ? JSON_INDENT(w) : JSON_COMPACT));
    if (!d || !w)
        return d;
    size_t lines = 1;
    for (char *p = d; *p; p++)
        lines += *p == '\n';
    char *o = malloc(strlen(d) + lines * (strlen(ind) + 1) + 1), *q = o;
    if (!o) {
        free(d);
        return NULL;
    }
    for (char *p = d; *p; p++) {
        *q++ = *p;
        if (*p == '\n') {
            q += sprintf(q, "%s", ind);
            if (tabs)
                while (p[1] == ' ')
                    *q++ = '\t', p++;
        }
    }
    *q = 0;
    free(d);
    return o;
}

static int set_in(const char *text, char **segs, size_t nseg, const json_t *val, const char *unit, char **out, char *why)
{
    size_t obj = ws(text, 0);
    char ind[64] = "";
    for (size_t si = 0; si < nseg; si++) {
        struct member m[512];
        size_t close;
        int n = members(text, obj, m, 512, &close);
        if (n < 0)
            return snprintf(why, WIZ_EDIT_WHY, "an object too large or malformed"), WIZ_PLUGIN_EINVAL;
        char *q = quoted(segs[si]);
        if (!q)
            return WIZ_PLUGIN_ENOMEM;
        int hit = -1;
        for (int i = 0; i < n; i++)
            if (m[i].ke - m[i].ks == strlen(q) && !memcmp(text + m[i].ks, q, strlen(q)))
                hit = i;
        if (hit >= 0 && si + 1 < nseg) {
            free(q);
            if (text[m[hit].vs] != '{')
                return snprintf(why, WIZ_EDIT_WHY, "%.64s is not an object", segs[si]), WIZ_PLUGIN_EINVAL;
            indent_of(text, m[hit].ks, ind, sizeof ind);
            obj = m[hit].vs;
            continue;
        }
        /* the member's indentation: its siblings', else the parent's plus one unit */
        char mind[64];
        if (hit >= 0)
            indent_of(text, m[hit].ks, mind, sizeof mind);
        else if (n > 0)
            indent_of(text, m[0].ks, mind, sizeof mind);
        else
            snprintf(mind, sizeof mind, "%s%s", ind, unit);
        bool multiline = *unit && (n == 0 || mind[0]);
        /* what goes in: the rest of the path as nested objects around the value */
        json_t *v = json_deep_copy(val);
        for (size_t k = nseg; k-- > si + 1 && v;) {
            json_t *o = json_object();
            if (!o || json_object_set_new(o, segs[k], v)) {
                json_decref(o);
                v = NULL;
                break;
            }
            v = o;
        }
        char *rv = v ? render(v, multiline ? unit : "", multiline ? mind : "") : NULL;
        json_decref(v);
        char *ins = NULL;
        size_t at, del = 0;
        if (!rv) {
            free(q);
            return WIZ_PLUGIN_ENOMEM;
        }
        const char *colon = n > 0 && text[m[0].ke] == ':' && text[m[0].ke + 1] != ' ' ? ":" : ": ";
        if (hit >= 0) {
            at = m[hit].vs;
            del = m[hit].ve - m[hit].vs;
            ins = wiz_strdup(rv);
        } else if (n == 0) {
            at = obj + 1;
            del = close - obj - 1;
            ins = multiline ? wiz_asprintf("\n%s%s%s%s\n%s", mind, q, colon, rv, ind) : wiz_asprintf("%s%s%s", q, colon, rv);
        } else {
            at = m[n - 1].ve;
            ins = multiline ? wiz_asprintf(",\n%s%s%s%s", mind, q, colon, rv) : wiz_asprintf(", %s%s%s", q, colon, rv);
        }
        free(q);
        free(rv);
        *out = ins ? wiz_splice(text, at, del, ins) : NULL;
        free(ins);
        return *out ? 0 : WIZ_PLUGIN_ENOMEM;
    }
    return WIZ_PLUGIN_EINVAL;
}

static int merge_in(char **text, char **segs, size_t nseg, size_t cap, const json_t *val, const char *unit, char *why);

/* sets or merges val at segs on *text (replaced by the new text) */
static int apply(char **text, char **segs, size_t nseg, size_t cap, const json_t *val, bool merge, const char *unit,
                 char *why)
{
    json_t *root = json_loads(*text, 0, NULL), *old = root;
    for (size_t i = 0; i < nseg && old; i++)
        old = json_object_get(old, segs[i]);
    bool both = merge && json_is_object(old) && json_is_object(val);
    bool equal = old && json_equal(old, val);
    json_decref(root);
    if (equal)
        return 0;
    if (both)
        return merge_in(text, segs, nseg, cap, val, unit, why);
    char *o = NULL;
    int rc = set_in(*text, segs, nseg, val, unit, &o, why);
    if (!rc) {
        free(*text);
        *text = o;
    }
    return rc;
}

static int merge_in(char **text, char **segs, size_t nseg, size_t cap, const json_t *val, const char *unit, char *why)
{
    if (nseg + 1 >= cap)
        return snprintf(why, WIZ_EDIT_WHY, "key path too deep"), WIZ_PLUGIN_EINVAL;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)val, k, v)
    {
        segs[nseg] = (char *)k;
        int rc = apply(text, segs, nseg + 1, cap, v, true, unit, why);
        if (rc)
            return rc;
    }
    return 0;
}

int wiz_edit_json_set(const char *text, const char *key_path, const char *json, bool merge, char **out, char *why)
{
    *out = NULL;
    why[0] = 0;
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    if (!json_is_object(root)) {
        json_decref(root);
        snprintf(why, WIZ_EDIT_WHY, "not a JSON object (line %d: %.120s)", je.line, je.text);
        return WIZ_PLUGIN_EINVAL;
    }
    json_decref(root);
    json_t *val = json ? json_loads(json, JSON_DECODE_ANY, &je) : NULL;
    if (!val)
        return snprintf(why, WIZ_EDIT_WHY, "the value is not JSON: %.160s", json ? je.text : "(null)"), WIZ_PLUGIN_EINVAL;
    /* the key path: '.' separates, "\." is a dot in a key */
    char *path = key_path ? wiz_strdup(key_path) : NULL, *segs[33];
    size_t nseg = 0;
    int rc = 0;
    if (!path || !*path) {
        rc = WIZ_PLUGIN_EINVAL;
        snprintf(why, WIZ_EDIT_WHY, "an empty key path");
        goto done;
    }
    for (char *r = path, *w = path, *seg = path;; r++) {
        if (*r == '\\' && r[1] == '.') {
            *w++ = '.';
            r++;
            continue;
        }
        if (*r == '.' || !*r) {
            bool end = !*r;
            *w++ = 0;
            if (nseg == 32 || !*seg) {
                rc = WIZ_PLUGIN_EINVAL;
                snprintf(why, WIZ_EDIT_WHY, "a key path with an empty or 33rd key");
                goto done;
            }
            segs[nseg++] = seg;
            seg = w;
            if (end)
                break;
            continue;
        }
        *w++ = *r;
    }
    /* the file's indentation unit: its first member's */
    char unit[64] = "";
    size_t top = ws(text, 0), close;
    struct member m[512];
    if (members(text, top, m, 512, &close) > 0)
        indent_of(text, m[0].ks, unit, sizeof unit);
    if (!unit[0] && strchr(text + top, '\n'))
        snprintf(unit, sizeof unit, "  ");
    char *t = wiz_strdup(text);
    if (!t) {
        rc = WIZ_PLUGIN_ENOMEM;
        goto done;
    }
    rc = apply(&t, segs, nseg, 33, val, merge, unit, why);
    if (rc)
        free(t);
    else
        *out = t;
done:
    json_decref(val);
    free(path);
    return rc;
}
