/* JSON.parse's grammar (ECMA-262 JSON.parse over RFC 8259 text), with positions, and
 * the splice that writes back only what changed. See jsontext.h for what is accepted. */
#include "jsontext.h"

#include "../wiz.h"

#include <openssl/crypto.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void wiz_json_wipe(json_t *j)
{
    if (json_is_string(j)) {
        /* jansson owns this buffer; scrubbing it in place before the free is deliberate */
        char *s = (char *)json_string_value(j);
        OPENSSL_cleanse(s, json_string_length(j));
    } else if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v)
            wiz_json_wipe(v);
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
            wiz_json_wipe(v);
    }
}

static void drop(json_t *v)
{
    if (v && v->refcount == 1)
        wiz_json_wipe(v);
    json_decref(v);
}

struct parser {
    const char *b;
    size_t len, pos;
    enum wiz_jtext_rc rc;
};

static void *fail(struct parser *p, enum wiz_jtext_rc rc)
{
    if (p->rc == WIZ_JTEXT_OK)
        p->rc = rc;
    return NULL;
}

/* JSON.parse's whitespace: exactly these four */
static void skip_ws(struct parser *p)
{
    while (p->pos < p->len) {
        char c = p->b[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static long hex4(const char *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = wiz_hexval(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Finds the end of the string at p->pos (its opening quote), validating escapes and
 * rejecting raw control characters; leaves p->pos after the closing quote. */
static bool scan_string(struct parser *p, size_t *body, size_t *body_len)
{
    size_t i = p->pos + 1;
    while (i < p->len) {
        unsigned char c = (unsigned char)p->b[i];
        if (c == '"') {
            *body = p->pos + 1;
            *body_len = i - *body;
            p->pos = i + 1;
            return true;
        }
        if (c < 0x20)
            break;
        if (c == '\\') {
            if (i + 1 >= p->len)
                break;
            char e = p->b[i + 1];
            if (e == 'u') {
                if (i + 6 > p->len || hex4(p->b + i + 2) < 0)
                    break;
                i += 6;
                continue;
            }
            if (e == '\0' || !strchr("\"\\/bfnrt", e))
                break;
            i += 2;
            continue;
        }
        i++;
    }
    p->pos = i;
    fail(p, WIZ_JTEXT_SYNTAX);
    return false;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Strict UTF-8 (no surrogates, no overlongs), as jansson requires of its strings. */
static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + k >= n)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += k + 1;
    }
    return true;
}

/* Decodes a scanned string body. *s: malloc'd (caller wipes and frees), NUL-terminated
 * after *n bytes; *holdable is false when jansson cannot hold it (not UTF-8: a lone
 * surrogate escape or raw bytes that are not UTF-8, which Node reads as U+FFFD). */
static bool decode_string(struct parser *p, size_t body, size_t blen, char **s, size_t *n, bool *holdable)
{
    const char *in = p->b + body;
    char *o = malloc(blen + 1);
    if (!o) {
        fail(p, WIZ_JTEXT_NOMEM);
        return false;
    }
    size_t w = 0;
    bool escaped_ok = true;
    for (size_t i = 0; i < blen;) {
        if (in[i] != '\\') {
            o[w++] = in[i++];
            continue;
        }
        char e = in[i + 1];
        i += 2;
        switch (e) {
        case 'b': o[w++] = '\b'; break;
        case 'f': o[w++] = '\f'; break;
        case 'n': o[w++] = '\n'; break;
        case 'r': o[w++] = '\r'; break;
        case 't': o[w++] = '\t'; break;
        case 'u': {
            unsigned long cp = (unsigned long)hex4(in + i);
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= blen && in[i] == '\\' && in[i + 1] == 'u') {
                long lo = hex4(in + i + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                escaped_ok = false; /* lone surrogate: JSON.parse keeps it, UTF-8 cannot */
            w += put_utf8(o + w, cp);
            break;
        }
        default: o[w++] = e; break; /* " \ / */
        }
    }
    o[w] = '\0';
    *s = o;
    *n = w;
    *holdable = escaped_ok && valid_utf8((const unsigned char *)o, w);
    return true;
}

static void free_secret(char *s, size_t n)
{
    if (s) {
        OPENSSL_cleanse(s, n);
        free(s);
    }
}

static json_t *parse_string(struct parser *p)
{
    size_t body, blen, n;
    char *s;
    bool ok;
    if (!scan_string(p, &body, &blen) || !decode_string(p, body, blen, &s, &n, &ok))
        return NULL;
    json_t *v = ok ? json_stringn_nocheck(s, n) : json_null();
    free_secret(s, n);
    return v ? v : fail(p, WIZ_JTEXT_NOMEM);
}

/* Validates the number at p->pos and builds it; numbers jansson cannot hold (past a
 * double's range) are null. jansson converts, so the locale's decimal point is moot. */
static json_t *parse_number(struct parser *p, bool build)
{
    size_t s = p->pos, i = s;
    const char *b = p->b;
    if (i < p->len && b[i] == '-')
        i++;
    if (i < p->len && b[i] == '0') {
        i++;
    } else if (i < p->len && b[i] >= '1' && b[i] <= '9') {
        while (i < p->len && b[i] >= '0' && b[i] <= '9')
            i++;
    } else {
        p->pos = i;
        return fail(p, WIZ_JTEXT_SYNTAX);
    }
    if (i < p->len && b[i] == '.') {
        if (++i >= p->len || b[i] < '0' || b[i] > '9') {
            p->pos = i;
            return fail(p, WIZ_JTEXT_SYNTAX);
        }
        while (i < p->len && b[i] >= '0' && b[i] <= '9')
            i++;
    }
    if (i < p->len && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < p->len && (b[i] == '+' || b[i] == '-'))
            i++;
        if (i >= p->len || b[i] < '0' || b[i] > '9') {
            p->pos = i;
            return fail(p, WIZ_JTEXT_SYNTAX);
        }
        while (i < p->len && b[i] >= '0' && b[i] <= '9')
            i++;
    }
    p->pos = i;
    if (!build)
        return json_null();
    json_error_t err;
    json_t *v = json_loadb(b + s, i - s, JSON_DECODE_ANY, &err);
    if (!v && json_error_code(&err) != json_error_out_of_memory) /* too big an integer */
        v = json_loadb(b + s, i - s, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &err);
    if (!v && json_error_code(&err) == json_error_out_of_memory)
        return fail(p, WIZ_JTEXT_NOMEM);
    return v ? v : json_null(); /* overflows a double: JSON.parse says Infinity */
}

static json_t *parse_literal(struct parser *p)
{
    static const struct {
        const char *word;
        size_t n;
    } lit[] = {{"true", 4}, {"false", 5}, {"null", 4}};
    for (size_t k = 0; k < 3; k++) {
        if (p->len - p->pos >= lit[k].n && memcmp(p->b + p->pos, lit[k].word, lit[k].n) == 0) {
            p->pos += lit[k].n;
            return k == 0 ? json_true() : k == 1 ? json_false() : json_null();
        }
    }
    return fail(p, WIZ_JTEXT_SYNTAX);
}

/* A member's key and its colon, not decoded. */
static bool skip_key(struct parser *p)
{
    size_t body, blen;
    if (p->pos >= p->len || p->b[p->pos] != '"' || !scan_string(p, &body, &blen)) {
        fail(p, WIZ_JTEXT_SYNTAX);
        return false;
    }
    skip_ws(p);
    if (p->pos >= p->len || p->b[p->pos] != ':') {
        fail(p, WIZ_JTEXT_SYNTAX);
        return false;
    }
    p->pos++;
    return true;
}

/* Validates a value of any depth without building it or recursing (a file nested a
 * million levels deep is still JSON to JSON.parse). */
static bool skip_value(struct parser *p)
{
    char *stk = NULL;
    size_t n = 0, cap = 0;
    bool ok = false;
    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len) {
            fail(p, WIZ_JTEXT_SYNTAX);
            goto out;
        }
        char c = p->b[p->pos];
        if (c == '{' || c == '[') {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                char *ns = realloc(stk, nc);
                if (!ns) {
                    fail(p, WIZ_JTEXT_NOMEM);
                    goto out;
                }
                stk = ns;
                cap = nc;
            }
            stk[n++] = c;
            p->pos++;
            skip_ws(p);
            char close = c == '{' ? '}' : ']';
            if (p->pos < p->len && p->b[p->pos] == close) {
                p->pos++;
                n--;
            } else if (c == '{') {
                if (!skip_key(p))
                    goto out;
                continue;
            } else {
                continue;
            }
        } else if (c == '"') {
            size_t body, blen;
            if (!scan_string(p, &body, &blen))
                goto out;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!parse_number(p, false))
                goto out;
        } else if (!parse_literal(p)) {
            goto out;
        }
        /* after a value: close containers, or a separator and the next value */
        for (;;) {
            if (n == 0) {
                ok = true;
                goto out;
            }
            skip_ws(p);
            char close = stk[n - 1] == '{' ? '}' : ']';
            if (p->pos < p->len && p->b[p->pos] == close) {
                p->pos++;
                n--;
                continue;
            }
            if (p->pos >= p->len || p->b[p->pos] != ',') {
                fail(p, WIZ_JTEXT_SYNTAX);
                goto out;
            }
            p->pos++;
            if (stk[n - 1] == '{') {
                skip_ws(p);
                if (!skip_key(p))
                    goto out;
            }
            break;
        }
    }
out:
    free(stk);
    return ok;
}

static json_t *parse_value(struct parser *p, struct wiz_jnode *node, int depth);

static bool add_member(struct parser *p, struct wiz_jnode *node, size_t *cap, struct wiz_jmember *m)
{
    if (node->nmemb == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        struct wiz_jmember *nm = realloc(node->memb, nc * sizeof *nm);
        if (!nm) {
            fail(p, WIZ_JTEXT_NOMEM);
            return false;
        }
        node->memb = nm;
        *cap = nc;
    }
    node->memb[node->nmemb++] = *m;
    return true;
}

/* node may be NULL: the object is built but its members' places are not kept. */
static json_t *parse_object(struct parser *p, struct wiz_jnode *node, int depth)
{
    json_t *obj = json_object();
    json_t **held = NULL; /* one reference per member value, until `last` is known */
    size_t nheld = 0, cap = 0, hcap = 0;
    if (!obj)
        return fail(p, WIZ_JTEXT_NOMEM);
    if (node)
        node->object = true;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->b[p->pos] == '}') {
        p->pos++;
        return obj;
    }
    for (;;) {
        struct wiz_jmember m = {0};
        size_t body, blen, klen;
        char *key = NULL;
        bool holdable;
        if (p->pos >= p->len || p->b[p->pos] != '"') {
            fail(p, WIZ_JTEXT_SYNTAX);
            break;
        }
        m.key_start = p->pos;
        if (!scan_string(p, &body, &blen) || !decode_string(p, body, blen, &key, &klen, &holdable))
            break;
        if (!holdable || strlen(key) != klen) { /* jansson keys: UTF-8 without NUL */
            free(key);
            key = NULL;
        }
        skip_ws(p);
        if (p->pos >= p->len || p->b[p->pos] != ':') {
            free(key);
            fail(p, WIZ_JTEXT_SYNTAX);
            break;
        }
        p->pos++;
        json_t *v = parse_value(p, node ? &m.value : NULL, depth + 1);
        if (!v) {
            free(key);
            wiz_jtext_free(&m.value);
            break;
        }
        if (key) {
            if (nheld == hcap) {
                size_t nc = hcap ? hcap * 2 : 8;
                json_t **nh = realloc(held, nc * sizeof *nh);
                if (!nh) {
                    free(key);
                    drop(v);
                    wiz_jtext_free(&m.value);
                    fail(p, WIZ_JTEXT_NOMEM);
                    break;
                }
                held = nh;
                hcap = nc;
            }
            held[nheld++] = json_incref(v);
            if (json_object_set_new_nocheck(obj, key, v) != 0) {
                free(key);
                wiz_jtext_free(&m.value);
                fail(p, WIZ_JTEXT_NOMEM);
                break;
            }
        } else {
            drop(v);
        }
        m.key = key;
        if (node && !add_member(p, node, &cap, &m)) {
            free(key);
            wiz_jtext_free(&m.value);
            break;
        }
        if (!node)
            free(key);
        skip_ws(p);
        if (p->pos < p->len && p->b[p->pos] == ',') {
            p->pos++;
            skip_ws(p);
            continue;
        }
        if (p->pos < p->len && p->b[p->pos] == '}')
            p->pos++;
        else
            fail(p, WIZ_JTEXT_SYNTAX);
        break;
    }
    /* the kept occurrence of a key is the one the object holds now */
    size_t h = 0;
    for (size_t i = 0; node && i < node->nmemb; i++) {
        if (node->memb[i].key)
            node->memb[i].last = h < nheld && json_object_get(obj, node->memb[i].key) == held[h++];
    }
    for (size_t i = 0; i < nheld; i++)
        drop(held[i]);
    free(held);
    if (p->rc != WIZ_JTEXT_OK) {
        drop(obj);
        return NULL;
    }
    return obj;
}

static json_t *parse_array(struct parser *p, int depth)
{
    json_t *arr = json_array();
    if (!arr)
        return fail(p, WIZ_JTEXT_NOMEM);
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->b[p->pos] == ']') {
        p->pos++;
        return arr;
    }
    for (;;) {
        json_t *v = parse_value(p, NULL, depth + 1);
        if (!v)
            break;
        if (json_array_append_new(arr, v) != 0) {
            fail(p, WIZ_JTEXT_NOMEM);
            break;
        }
        skip_ws(p);
        if (p->pos < p->len && p->b[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->b[p->pos] == ']')
            p->pos++;
        else
            fail(p, WIZ_JTEXT_SYNTAX);
        break;
    }
    if (p->rc != WIZ_JTEXT_OK) {
        drop(arr);
        return NULL;
    }
    return arr;
}

static json_t *parse_value(struct parser *p, struct wiz_jnode *node, int depth)
{
    skip_ws(p);
    if (node)
        node->start = p->pos;
    json_t *v = NULL;
    char c = p->pos < p->len ? p->b[p->pos] : '\0';
    if ((c == '{' || c == '[') && depth >= WIZ_JTEXT_DEPTH)
        v = skip_value(p) ? json_null() : NULL;
    else if (c == '{')
        v = parse_object(p, node, depth);
    else if (c == '[')
        v = parse_array(p, depth);
    else if (c == '"')
        v = parse_string(p);
    else if (c == '-' || (c >= '0' && c <= '9'))
        v = parse_number(p, true);
    else
        v = parse_literal(p);
    if (node)
        node->end = p->pos;
    return v;
}

void wiz_jtext_free(struct wiz_jnode *root)
{
    if (!root)
        return;
    for (size_t i = 0; i < root->nmemb; i++) {
        free(root->memb[i].key);
        wiz_jtext_free(&root->memb[i].value);
    }
    free(root->memb);
    root->memb = NULL;
    root->nmemb = 0;
}

enum wiz_jtext_rc wiz_jtext_parse(const char *buf, size_t len, json_t **out, struct wiz_jnode *root,
                                  size_t *err_pos)
{
    struct parser p = {buf, len, 0, WIZ_JTEXT_OK};
    memset(root, 0, sizeof *root);
    *out = NULL;
    json_t *v = parse_value(&p, root, 0);
    if (v) {
        skip_ws(&p);
        if (p.pos != len)
            fail(&p, WIZ_JTEXT_SYNTAX);
    }
    if (p.rc != WIZ_JTEXT_OK) {
        drop(v);
        wiz_jtext_free(root);
        if (err_pos)
            *err_pos = p.pos;
        return p.rc;
    }
    *out = v;
    return WIZ_JTEXT_OK;
}

/* ---- the splice ---- */

/* A growing output buffer that wipes what it leaves behind when it moves. */
struct outbuf {
    char *p;
    size_t len, cap;
    bool oom;
};

static void put(struct outbuf *o, const char *data, size_t size)
{
    if (o->oom)
        return;
    if (o->len + size + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->len + size + 1 > cap)
            cap *= 2;
        char *np = malloc(cap);
        if (!np) {
            o->oom = true;
            return;
        }
        if (o->p) {
            memcpy(np, o->p, o->len);
            OPENSSL_cleanse(o->p, o->len);
            free(o->p);
        }
        o->p = np;
        o->cap = cap;
    }
    if (!o->p) { /* only when len + size wrapped around */
        o->oom = true;
        return;
    }
    if (size)
        memcpy(o->p + o->len, data, size);
    o->len += size;
}

/* How the text is laid out: indentation per level, or none (a one-line file). */
struct layout {
    bool pretty;
    size_t unit; /* spaces per level */
};

struct dump_sink {
    struct outbuf *o;
    const char *prefix;
    size_t plen;
};

/* jansson's dump callback: copies, indenting every new line by the prefix. Failures are
 * recorded in the buffer, not only returned: jansson ignores the result of some calls
 * (an object key's), and a dropped key must not pass as a write. */
static int dump_chunk(const char *data, size_t size, void *ud)
{
    struct dump_sink *d = ud;
    size_t from = 0;
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') { /* strings never hold a raw newline: this is layout */
            put(d->o, data + from, i + 1 - from);
            put(d->o, d->prefix, d->plen);
            from = i + 1;
        }
    }
    put(d->o, data + from, size - from);
    return d->o->oom ? -1 : 0;
}

/* Writes v as JSON.stringify(v, null, unit) would, every line after the first indented
 * by prefix (the indentation of the line it starts on). */
static void put_dump(struct outbuf *o, const json_t *v, const struct layout *lay, const char *prefix, size_t plen)
{
    size_t flags = JSON_ENCODE_ANY | (lay->pretty ? JSON_INDENT(lay->unit) : 0);
    struct dump_sink d = {o, prefix, plen};
    if (json_dump_callback(v, dump_chunk, &d, flags) != 0)
        o->oom = true;
}

/* The indentation of the line a member's key starts on; 0 when something precedes it on
 * its line (a one-line object). */
static size_t line_prefix(const char *buf, size_t key_start, const char **prefix)
{
    size_t j = key_start;
    while (j > 0 && (buf[j - 1] == ' ' || buf[j - 1] == '\t'))
        j--;
    *prefix = buf + j;
    return j == 0 || buf[j - 1] == '\n' ? key_start - j : 0;
}

static void put_key(struct outbuf *o, const char *key)
{
    json_t *k = json_string_nocheck(key);
    if (!k) {
        o->oom = true;
        return;
    }
    put_dump(o, k, &(struct layout){false, 0}, "", 0);
    json_decref(k);
    put(o, ": ", 2);
}

static void splice_value(struct outbuf *o, const char *buf, const struct wiz_jnode *n, const json_t *snap,
                         const json_t *nw, const struct layout *lay, const char *prefix, size_t plen);

static void splice_object(struct outbuf *o, const char *buf, const struct wiz_jnode *n, const json_t *snap,
                          const json_t *nw, const struct layout *lay, const char *prefix, size_t plen)
{
    bool wrote = false, kept_orig = false, added = false;
    size_t prev = 0;
    /* new members go where the others are, or one level inside this object's line */
    const char *mprefix = prefix;
    size_t mplen = 0;
    char *own = NULL;
    if (n->nmemb > 0) {
        mplen = line_prefix(buf, n->memb[0].key_start, &mprefix);
    } else if (lay->pretty) {
        own = malloc(plen + lay->unit + 1);
        if (!own) {
            o->oom = true;
            return;
        }
        memcpy(own, prefix, plen);
        memset(own + plen, ' ', lay->unit);
        mprefix = own;
        mplen = plen + lay->unit;
    }
    put(o, "{", 1);
    for (size_t i = 0; i < n->nmemb; i++) {
        const struct wiz_jmember *m = &n->memb[i];
        const json_t *nv = m->key ? json_object_get(nw, m->key) : NULL;
        const json_t *sv = m->key ? json_object_get(snap, m->key) : NULL;
        if (m->key && (!nv || (!m->last && !json_equal(sv, nv))))
            continue; /* removed, or a shadowed duplicate of a changed key */
        if (!wrote) /* what preceded the first member */
            put(o, buf + n->start + 1, n->memb[0].key_start - (n->start + 1));
        else /* the separator after the previous member kept */
            put(o, buf + n->memb[prev].value.end, n->memb[prev + 1].key_start - n->memb[prev].value.end);
        wrote = kept_orig = true;
        prev = i;
        put(o, buf + m->key_start, m->value.start - m->key_start);
        if (!m->key || !m->last) {
            put(o, buf + m->value.start, m->value.end - m->value.start);
        } else {
            const char *vp;
            size_t vl = line_prefix(buf, m->key_start, &vp);
            splice_value(o, buf, &m->value, sv, nv, lay, vp, vl);
        }
    }
    /* members the original did not have, in the order they were added */
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)nw, key, v) {
        if (json_object_get(snap, key))
            continue;
        if (kept_orig) { /* the file's own separator */
            if (n->nmemb >= 2)
                put(o, buf + n->memb[0].value.end, n->memb[1].key_start - n->memb[0].value.end);
            else {
                put(o, ",", 1);
                put(o, buf + n->start + 1, n->memb[0].key_start - (n->start + 1));
            }
        } else {
            if (wrote)
                put(o, ",", 1);
            if (lay->pretty) {
                put(o, "\n", 1);
                put(o, mprefix, mplen);
            } else if (wrote) {
                put(o, " ", 1);
            }
        }
        put_key(o, key);
        put_dump(o, v, lay, mprefix, mplen);
        wrote = added = true;
    }
    if (kept_orig) { /* what followed the original last member, up to the brace */
        const struct wiz_jmember *last = &n->memb[n->nmemb - 1];
        put(o, buf + last->value.end, n->end - 1 - last->value.end);
    } else if (added && lay->pretty) {
        put(o, "\n", 1);
        put(o, prefix, plen);
    }
    put(o, "}", 1);
    free(own);
}

static void splice_value(struct outbuf *o, const char *buf, const struct wiz_jnode *n, const json_t *snap,
                         const json_t *nw, const struct layout *lay, const char *prefix, size_t plen)
{
    if (snap && json_equal(snap, nw))
        put(o, buf + n->start, n->end - n->start);
    else if (n->object && json_is_object(snap) && json_is_object(nw))
        splice_object(o, buf, n, snap, nw, lay, prefix, plen);
    else
        put_dump(o, nw, lay, prefix, plen);
}

/* The file's indentation unit: the first member's indentation when it starts a line. */
static struct layout detect_layout(const char *buf, const struct wiz_jnode *root)
{
    struct layout lay = {true, 2};
    if (!root || root->nmemb == 0)
        return lay;
    const char *pre;
    size_t n = line_prefix(buf, root->memb[0].key_start, &pre);
    bool newline_before = root->memb[0].key_start > n && buf[root->memb[0].key_start - n - 1] == '\n';
    if (!newline_before) {
        lay.pretty = false;
        return lay;
    }
    bool spaces = n > 0 && n <= 8;
    for (size_t i = 0; spaces && i < n; i++)
        spaces = pre[i] == ' ';
    lay.unit = spaces ? n : 2;
    return lay;
}

int wiz_jtext_splice(const char *buf, size_t len, const struct wiz_jnode *root, const json_t *snap,
                     const json_t *nw, char **out, size_t *out_len)
{
    struct outbuf o = {0};
    *out = NULL;
    *out_len = 0;
    if (!buf || !root || !snap) { /* a new file: as JSON.stringify(doc, null, 2) + "\n" */
        struct layout lay = {true, 2};
        put_dump(&o, nw, &lay, "", 0);
        put(&o, "\n", 1);
    } else {
        struct layout lay = detect_layout(buf, root);
        put(&o, buf, root->start);
        splice_value(&o, buf, root, snap, nw, &lay, "", 0);
        put(&o, buf + root->end, len - root->end);
    }
    if (o.oom) {
        if (o.p) {
            OPENSSL_cleanse(o.p, o.len);
            free(o.p);
        }
        return -1;
    }
    *out = o.p;
    *out_len = o.len;
    return 0;
}
