/* Python dependency edits (requirements*.txt, pyproject.toml, Pipfile) that keep every
 * other byte: comments, order, indentation, quoting style. */
#include "host.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PEP 503 name comparison: case-insensitive, runs of - _ . equal. */
static bool same_name(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        char x = a[i], y = b[j];
        bool xs = x == '-' || x == '_' || x == '.', ys = y == '-' || y == '_' || y == '.';
        if (xs && ys) {
            while (i < an && (a[i] == '-' || a[i] == '_' || a[i] == '.'))
                i++;
            while (j < bn && (b[j] == '-' || b[j] == '_' || b[j] == '.'))
                j++;
            continue;
        }
        if (tolower((unsigned char)x) != tolower((unsigned char)y))
            return false;
        i++;
        j++;
    }
    return i == an && j == bn;
}

static size_t name_len(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_' || p[n] == '.')
        n++;
    return n;
}

static char *insert_at(const char *t, size_t at, const char *ins)
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

/* Appends a line, adding the missing newline of the last line first. */
static char *append_line(const char *t, const char *line)
{
    size_t tl = strlen(t);
    return wiz_asprintf("%s%s%s\n", t, tl && t[tl - 1] != '\n' ? "\n" : "", line);
}

int wiz_edit_requirements(const char *text, const char *name, const char *spec, char **out)
{
    const char *p = text;
    while (*p) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        size_t n = name_len(q);
        if (n && *q != '-' && same_name(q, n, name, strlen(name))) {
            *out = wiz_strdup(text);
            return *out ? 0 : -1;
        }
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    char *line = wiz_asprintf("%s%s", name, spec ? spec : "");
    *out = line ? append_line(text, line) : NULL;
    free(line);
    return *out ? 0 : -1;
}

/* Finds "[header]" at the start of a line; returns index of the line after it, or -1. */
static long find_table(const char *t, const char *header)
{
    size_t hl = strlen(header);
    for (const char *p = t; p && *p;) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, header, hl) == 0) {
            const char *r = q + hl;
            while (*r == ' ' || *r == '\t')
                r++;
            if (*r == '\n' || *r == '\0' || *r == '#' || *r == '\r') {
                const char *nl = strchr(r, '\n');
                return nl ? nl + 1 - t : (long)strlen(t);
            }
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return -1;
}

/* End of a table body: the start of the next "[" line, or the end of text. Also returns
 * the end of the last non-blank, non-comment line within it. */
static size_t table_end(const char *t, size_t body, size_t *last_content_end)
{
    size_t i = body;
    *last_content_end = body;
    while (t[i]) {
        size_t s = i;
        while (t[i] == ' ' || t[i] == '\t')
            i++;
        if (t[i] == '[')
            return s;
        bool content = t[i] && t[i] != '\n' && t[i] != '#' && t[i] != '\r';
        while (t[i] && t[i] != '\n')
            i++;
        if (t[i] == '\n')
            i++;
        if (content)
            *last_content_end = i;
    }
    return i;
}

/* "key = value" tables (poetry, Pipfile): is name a key in [body, end)? */
static bool table_has_key(const char *t, size_t body, size_t end, const char *name)
{
    for (size_t i = body; i < end;) {
        while (t[i] == ' ' || t[i] == '\t')
            i++;
        const char *k = t + i;
        if (*k == '"' || *k == '\'')
            k++;
        size_t n = name_len(k);
        if (n && same_name(k, n, name, strlen(name)))
            return true;
        while (i < end && t[i] != '\n')
            i++;
        i++;
    }
    return false;
}

static int keyed_table(const char *text, const char *header, const char *name, const char *spec, char **out)
{
    long body = find_table(text, header);
    if (body < 0) {
        char *sec = wiz_asprintf("\n%s\n%s = \"%s\"", header, name, spec ? spec : "*");
        *out = sec ? append_line(text, sec) : NULL;
        free(sec);
        return *out ? 0 : -1;
    }
    size_t last, end = table_end(text, (size_t)body, &last);
    if (table_has_key(text, (size_t)body, end, name)) {
        *out = wiz_strdup(text);
        return *out ? 0 : -1;
    }
    char *line = wiz_asprintf("%s%s = \"%s\"\n", last && text[last - 1] != '\n' ? "\n" : "", name, spec ? spec : "*");
    *out = line ? insert_at(text, last, line) : NULL;
    free(line);
    return *out ? 0 : -1;
}

int wiz_edit_pipfile(const char *text, const char *name, const char *spec, char **out)
{
    return keyed_table(text, "[packages]", name, spec, out);
}

/* [project] dependencies = [ "a>=1", ... ] */
static int project_deps(const char *text, long body, const char *name, const char *spec, char **out)
{
    size_t last, end = table_end(text, (size_t)body, &last);
    const char *p = text + body;
    const char *deps = NULL;
    while (p < text + end) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, "dependencies", 12) == 0) {
            const char *r = q + 12;
            while (*r == ' ' || *r == '\t')
                r++;
            if (*r == '=') {
                deps = r + 1;
                break;
            }
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    char *item = wiz_asprintf("\"%s%s\"", name, spec ? spec : "");
    if (!item)
        return -1;
    int rc = -1;
    if (!deps) {
        char *line = wiz_asprintf("%sdependencies = [\n    %s,\n]\n", last && text[last - 1] != '\n' ? "\n" : "", item);
        *out = line ? insert_at(text, last, line) : NULL;
        free(line);
        free(item);
        return *out ? 0 : -1;
    }
    while (*deps == ' ' || *deps == '\t')
        deps++;
    if (*deps != '[') {
        free(item);
        return -1;
    }
    /* walk the array's strings; remember the last item's end and its indentation */
    size_t i = (size_t)(deps - text) + 1, last_item_end = 0, first_item = 0;
    bool multiline = false;
    while (text[i] && text[i] != ']') {
        char c = text[i];
        if (c == '\n')
            multiline = true;
        if (c == '#') {
            while (text[i] && text[i] != '\n')
                i++;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t s = i + 1, e = s;
            while (text[e] && text[e] != c)
                e++;
            if (!text[e])
                break;
            const char *nm = text + s;
            size_t n = name_len(nm);
            if (n && same_name(nm, n, name, strlen(name))) {
                free(item);
                *out = wiz_strdup(text);
                return *out ? 0 : -1;
            }
            if (!first_item)
                first_item = i;
            last_item_end = e + 1;
            i = e + 1;
            continue;
        }
        i++;
    }
    if (text[i] != ']') {
        free(item);
        return -1;
    }
    char *ins;
    size_t at;
    if (!last_item_end) {
        at = i;
        ins = multiline ? wiz_asprintf("    %s,\n", item) : wiz_strdup(item);
    } else if (multiline) {
        size_t s = first_item;
        while (s > 0 && (text[s - 1] == ' ' || text[s - 1] == '\t'))
            s--;
        char ind[64];
        size_t n = first_item - s < sizeof ind ? first_item - s : sizeof ind - 1;
        memcpy(ind, text + s, n);
        ind[n] = '\0';
        /* after the last item (and its comma, if any) */
        at = last_item_end;
        bool comma = text[at] == ',';
        if (comma) {
            at++;
            ins = wiz_asprintf("\n%s%s,", ind, item);
        } else {
            ins = wiz_asprintf(",\n%s%s", ind, item);
        }
    } else {
        at = last_item_end;
        ins = wiz_asprintf(", %s", item);
    }
    if (ins && (*out = insert_at(text, at, ins)))
        rc = 0;
    free(ins);
    free(item);
    return rc;
}

int wiz_edit_pyproject(const char *text, const char *name, const char *spec, char **out)
{
    *out = NULL;
    long poetry = find_table(text, "[tool.poetry.dependencies]");
    long project = find_table(text, "[project]");
    if (project >= 0) {
        /* a poetry project that also has [project] but no dependency list there */
        size_t last, end = table_end(text, (size_t)project, &last);
        bool has_list = false;
        for (size_t i = (size_t)project; i < end; i++)
            if ((i == 0 || text[i - 1] == '\n') && strncmp(text + i, "dependencies", 12) == 0)
                has_list = true;
        if (has_list || poetry < 0)
            return project_deps(text, project, name, spec, out);
    }
    if (poetry >= 0) {
        /* poetry spells ">=1.0" as is, and "any" as "*" */
        return keyed_table(text, "[tool.poetry.dependencies]", name, spec, out);
    }
    return -1;
}
