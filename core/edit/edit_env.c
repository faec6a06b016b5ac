/* .env files and the .gitignore block: merge, never reorder, keep comments. */
#include "edit.h"

#include "../wiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK "# Amplitude wizard"

/* dotenv quoting: bare when safe, double quotes otherwise */
static char *quote(const char *v)
{
    if (!strpbrk(v, " \t#\"'$\\`") && v[0])
        return wiz_strdup(v);
    size_t n = strlen(v);
    char *o = malloc(2 * n + 3), *w = o;
    if (!o)
        return NULL;
    *w++ = '"';
    for (const char *p = v; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '$' || *p == '`')
            *w++ = '\\';
        *w++ = *p;
    }
    *w++ = '"';
    *w = '\0';
    return o;
}

int wiz_edit_env(const char *text, const char *key, const char *value, char **out)
{
    *out = NULL;
    char *qv = quote(value);
    if (!qv)
        return -1;
    size_t kl = strlen(key), tl = strlen(text);
    const char *p = text;
    while (*p) {
        const char *line = p, *q = p;
        const char *nl = strchr(p, '\n');
        const char *eol = nl ? nl : p + strlen(p);
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, "export ", 7) == 0)
            q += 7;
        if (strncmp(q, key, kl) == 0 && q[kl] == '=') {
            const char *vs = q + kl + 1;
            size_t cur = (size_t)(eol - vs);
            if (cur && vs[cur - 1] == '\r')
                cur--;
            if (strlen(qv) == cur && strncmp(vs, qv, cur) == 0) {
                free(qv);
                *out = wiz_strdup(text);
                return *out ? 0 : -1;
            }
            /* replace the value, keep the rest of the file */
            size_t pre = (size_t)(vs - text), post = (size_t)(vs + cur - text);
            *out = malloc(tl - (post - pre) + strlen(qv) + 1);
            if (*out) {
                memcpy(*out, text, pre);
                strcpy(*out + pre, qv);
                strcat(*out, text + post);
            }
            free(qv);
            (void)line;
            return *out ? 0 : -1;
        }
        p = nl ? nl + 1 : eol;
    }
    *out = wiz_asprintf("%s%s%s=%s\n", text, tl && text[tl - 1] != '\n' ? "\n" : "", key, qv);
    free(qv);
    return *out ? 0 : -1;
}

static bool has_line(const char *text, const char *line)
{
    size_t ll = strlen(line);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, line, ll) == 0 && (p[ll] == '\n' || p[ll] == '\0' || p[ll] == '\r'))
            return true;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return false;
}

int wiz_edit_gitignore(const char *text, const char *const *lines, size_t n, char **out)
{
    *out = NULL;
    const char *t = text ? text : "";
    size_t tl = strlen(t);
    /* new lines not yet in the file */
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += strlen(lines[i]) + 1;
    char *add = malloc(need + 1);
    if (!add)
        return -1;
    add[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!has_line(t, lines[i])) {
            strcat(add, lines[i]);
            strcat(add, "\n");
        }
    if (!add[0]) {
        free(add);
        *out = wiz_strdup(t);
        return *out ? 0 : -1;
    }
    const char *blk = NULL;
    for (const char *p = t; p && *p;) {
        if (strncmp(p, BLOCK, strlen(BLOCK)) == 0 && (p[strlen(BLOCK)] == '\n' || !p[strlen(BLOCK)])) {
            blk = p;
            break;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (blk) {
        /* the block runs to the first blank line */
        const char *e = strchr(blk, '\n');
        e = e ? e + 1 : blk + strlen(blk);
        while (*e && *e != '\n') {
            const char *nl = strchr(e, '\n');
            e = nl ? nl + 1 : e + strlen(e);
        }
        size_t at = (size_t)(e - t);
        bool nl_needed = at > 0 && t[at - 1] != '\n';
        *out = malloc(tl + strlen(add) + 2);
        if (*out) {
            memcpy(*out, t, at);
            (*out)[at] = '\0';
            if (nl_needed)
                strcat(*out, "\n");
            strcat(*out, add);
            strcat(*out, t + at);
        }
    } else {
        *out = wiz_asprintf("%s%s%s" BLOCK "\n%s", t, tl && t[tl - 1] != '\n' ? "\n" : "", tl ? "\n" : "", add);
    }
    free(add);
    return *out ? 0 : -1;
}
