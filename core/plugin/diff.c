/* Unified diff of two texts (LCS over lines), for --dry-run and the confirm preview. */
#include "host.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lines {
    const char **p;
    size_t *len;
    size_t n;
};

static int split(const char *t, size_t tl, struct lines *l)
{
    l->n = 0;
    size_t cap = 1;
    for (size_t i = 0; i < tl; i++)
        cap += t[i] == '\n';
    l->p = malloc(cap * sizeof *l->p);
    l->len = malloc(cap * sizeof *l->len);
    if (!l->p || !l->len)
        return -1;
    size_t s = 0;
    for (size_t i = 0; i < tl; i++)
        if (t[i] == '\n') {
            l->p[l->n] = t + s;
            l->len[l->n++] = i - s + 1;
            s = i + 1;
        }
    if (s < tl) {
        l->p[l->n] = t + s;
        l->len[l->n++] = tl - s;
    }
    return 0;
}

static bool eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

/* op per output line: ' ' keep, '-' delete (from a), '+' insert (from b) */
struct op {
    char k;
    size_t i, j;
};

/* An API key in a diff (KEY=value where the name ends in API_KEY) is shown masked: the
 * first and last four characters, enough to tell the old key from the new one. */
static bool masked_key(const char *p, size_t n, size_t *vstart, size_t *vlen)
{
    const char *eq = memchr(p, '=', n);
    if (!eq || (size_t)(eq - p) < 7 || memcmp(eq - 7, "API_KEY", 7) != 0)
        return false;
    for (const char *c = p; c < eq; c++)
        if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == ' ' ||
              (c - p < 7 && *c >= 'a' && *c <= 'z')))
            return false; /* a KEY= line of an env file (or "export KEY="), not code */
    *vstart = (size_t)(eq + 1 - p);
    *vlen = n - *vstart;
    while (*vlen && (p[*vstart + *vlen - 1] == '\n' || p[*vstart + *vlen - 1] == '\r'))
        (*vlen)--;
    return *vlen > 8;
}

/* The same for a JSON member "apiKey":"value" (a generated module that holds the key, as
 * the angular plugin's): the value between the quotes. */
static bool masked_json_key(const char *p, size_t n, size_t *vstart, size_t *vlen)
{
    static const char tag[] = "\"apiKey\":\"";
    const size_t tl = sizeof tag - 1;
    for (size_t i = 0; i + tl < n; i++)
        if (memcmp(p + i, tag, tl) == 0) {
            const char *q = memchr(p + i + tl, '"', n - i - tl);
            if (!q)
                return false;
            *vstart = i + tl;
            *vlen = (size_t)(q - (p + *vstart));
            return *vlen > 8;
        }
    return false;
}

static void put_line(FILE *f, char k, const char *p, size_t n, bool colour)
{
    size_t vs, vl;
    if (masked_key(p, n, &vs, &vl) || masked_json_key(p, n, &vs, &vl)) {
        const char *c = colour && k != ' ' ? (k == '+' ? "\033[32m" : "\033[31m") : "";
        size_t rest = vs + vl, rl = n - rest;
        while (rl && (p[rest + rl - 1] == '\n' || p[rest + rl - 1] == '\r'))
            rl--;
        fprintf(f, "%s%c%.*s%.4s...%.4s%.*s%s\n", c, k, (int)vs, p, p + vs, p + vs + vl - 4, (int)rl, p + rest,
                colour && k != ' ' ? "\033[0m" : "");
        if (!n || p[n - 1] != '\n')
            fprintf(f, "\\ No newline at end of file\n");
        return;
    }
    const char *c = k == '-' ? "\033[31m" : k == '+' ? "\033[32m" : "";
    fprintf(f, "%s%c%.*s", colour && k != ' ' ? c : "", k, (int)(n && p[n - 1] == '\n' ? n - 1 : n), p);
    fprintf(f, "%s\n", colour && k != ' ' ? "\033[0m" : "");
    if (!n || p[n - 1] != '\n')
        fprintf(f, "\\ No newline at end of file\n");
}

void wiz_diff_print(void *file, const char *path, const char *at, size_t alen, const char *bt, size_t blen,
                    bool colour)
{
    FILE *f = file;
    struct lines a = {0}, b = {0};
    struct op *ops = NULL;
    uint32_t *dp = NULL;
    if (split(at ? at : "", at ? alen : 0, &a) || split(bt ? bt : "", bt ? blen : 0, &b))
        goto out;
    size_t n = a.n, m = b.n, nops = 0;
    ops = malloc((n + m + 1) * sizeof *ops);
    if (!ops)
        goto out;
    /* LCS table; for huge files fall back to "all removed, all added". */
    if ((n + 1) * (m + 1) <= 4000000)
        dp = calloc((n + 1) * (m + 1), sizeof *dp);
    if (dp) {
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                dp[i * (m + 1) + j] = eq(&a, i, &b, j) ? dp[(i + 1) * (m + 1) + j + 1] + 1
                                      : dp[(i + 1) * (m + 1) + j] > dp[i * (m + 1) + j + 1]
                                          ? dp[(i + 1) * (m + 1) + j]
                                          : dp[i * (m + 1) + j + 1];
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (dp && i < n && j < m && eq(&a, i, &b, j))
            ops[nops++] = (struct op){' ', i++, j++};
        else if (i < n && (j >= m || !dp || dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]))
            ops[nops++] = (struct op){'-', i++, j};
        else
            ops[nops++] = (struct op){'+', i, j++};
    }
    fprintf(f, "%s--- %s%s\n", colour ? "\033[1m" : "", at ? "a/" : "/dev/null", at ? path : "");
    fprintf(f, "+++ b/%s%s\n", path, colour ? "\033[0m" : "");
    const size_t ctx = 3;
    size_t k = 0;
    while (k < nops) {
        while (k < nops && ops[k].k == ' ')
            k++;
        if (k >= nops)
            break;
        size_t start = k > ctx ? k - ctx : 0, end = k;
        /* extend the hunk while changes are within 2*ctx of each other */
        for (;;) {
            while (end < nops && ops[end].k != ' ')
                end++;
            size_t run = end;
            while (run < nops && ops[run].k == ' ' && run - end < 2 * ctx)
                run++;
            if (run < nops && ops[run].k != ' ') {
                end = run;
                continue;
            }
            end = end + ctx < nops ? end + ctx : nops;
            break;
        }
        size_t as = ops[start].i, bs = ops[start].j, ac = 0, bc = 0;
        for (size_t q = start; q < end; q++) {
            ac += ops[q].k != '+';
            bc += ops[q].k != '-';
        }
        fprintf(f, "%s@@ -%zu,%zu +%zu,%zu @@%s\n", colour ? "\033[36m" : "", ac ? as + 1 : as, ac,
                bc ? bs + 1 : bs, bc, colour ? "\033[0m" : "");
        for (size_t q = start; q < end; q++) {
            if (ops[q].k == '+')
                put_line(f, '+', b.p[ops[q].j], b.len[ops[q].j], colour);
            else
                put_line(f, ops[q].k, a.p[ops[q].i], a.len[ops[q].i], colour);
        }
        k = end;
    }
out:
    free(dp);
    free(ops);
    free(a.p);
    free(a.len);
    free(b.p);
    free(b.len);
}
