/* Python dependency edits (requirements*.txt, pyproject.toml, Pipfile) that keep every
 * other byte: comments, order, indentation, quoting style. */
#include "edit.h"

#include "../wiz.h"

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


/* The file's line ending: CRLF when its first line ends so, else LF. */
static const char *eol_of(const char *t)
{
    const char *nl = strchr(t, '\n');
    return nl && nl > t && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Appends a line, adding the missing line ending of the last line first. */
static char *append_line(const char *t, const char *line)
{
    size_t tl = strlen(t);
    const char *eol = eol_of(t);
    return wiz_asprintf("%s%s%s%s", t, tl && t[tl - 1] != '\n' ? eol : "", line, eol);
}

/* The leading blanks of the line that starts at t[s]. returns owned string: free() */
static char *indent_at(const char *t, size_t s)
{
    size_t n = 0;
    while (t[s + n] == ' ' || t[s + n] == '\t')
        n++;
    return wiz_asprintf("%.*s", (int)n, t + s);
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
/* True when the line starting at t[line] lies inside a multi-line string (TOML's """ and
 * ''' strings span lines: a "[" line there is text, not a table header). Scans from the
 * top, skipping comments and one-line strings. */
static bool in_multiline_string(const char *t, size_t line)
{
    char open = 0; /* the quote while inside a triple-quoted string */
    for (size_t i = 0; i < line && t[i];) {
        if (open) {
            if (t[i] == open && t[i + 1] == open && t[i + 2] == open) {
                open = 0;
                i += 3;
            } else {
                i += t[i] == '\\' && open == '"' && t[i + 1] ? 2 : 1;
            }
            continue;
        }
        if ((t[i] == '"' || t[i] == '\'') && t[i + 1] == t[i] && t[i + 2] == t[i]) {
            open = t[i];
            i += 3;
        } else if (t[i] == '"' || t[i] == '\'') {
            char q = t[i++];
            while (t[i] && t[i] != q && t[i] != '\n')
                i += t[i] == '\\' && q == '"' && t[i + 1] ? 2 : 1;
            if (t[i] == q)
                i++;
        } else if (t[i] == '#') {
            while (t[i] && t[i] != '\n')
                i++;
        } else {
            i++;
        }
    }
    return open != 0;
}

static long find_table(const char *t, const char *header)
{
    size_t hl = strlen(header);
    for (const char *p = t; p && *p;) {
        if (in_multiline_string(t, (size_t)(p - t))) {
            p = strchr(p, '\n');
            if (p)
                p++;
            continue;
        }
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
        if (t[i] == '[' && !in_multiline_string(t, s))
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
    const char *eol = eol_of(text);
    long body = find_table(text, header);
    if (body < 0) {
        char *sec = wiz_asprintf("%s%s%s%s = \"%s\"", eol, header, eol, name, spec ? spec : "*");
        *out = sec ? append_line(text, sec) : NULL;
        free(sec);
        return *out ? 0 : -1;
    }
    size_t last, end = table_end(text, (size_t)body, &last);
    if (table_has_key(text, (size_t)body, end, name)) {
        *out = wiz_strdup(text);
        return *out ? 0 : -1;
    }
    /* the new key takes the indentation of the table's first key */
    size_t k = (size_t)body;
    while (k < last) {
        size_t j = k;
        while (text[j] == ' ' || text[j] == '\t')
            j++;
        if (text[j] != '#' && text[j] != '\n' && text[j] != '\r')
            break;
        while (text[j] && text[j] != '\n')
            j++;
        k = text[j] ? j + 1 : j;
    }
    char *ind = indent_at(text, k < last ? k : last);
    char *line = ind ? wiz_asprintf("%s%s%s = \"%s\"%s", last && text[last - 1] != '\n' ? eol : "", ind, name,
                                    spec ? spec : "*", eol)
                     : NULL;
    *out = line ? wiz_splice(text, last, 0, line) : NULL;
    free(line);
    free(ind);
    return *out ? 0 : -1;
}

int wiz_edit_pipfile(const char *text, const char *name, const char *spec, char **out)
{
    return keyed_table(text, "[packages]", name, spec, out);
}

/* The text with a inserted at ia and b at ib (ia <= ib). returns owned string: free() */
static char *insert2(const char *t, size_t ia, const char *a, size_t ib, const char *b)
{
    return wiz_asprintf("%.*s%s%.*s%s%s", (int)ia, t, a, (int)(ib - ia), t + ia, b, t + ib);
}

/* Adds item to a multi-line list after its last item (which ends at e). A comment after
 * that item stays on its line: the new item goes on a line of its own, with ind and
 * the list's trailing-comma style. */
static char *after_last_item(const char *t, size_t e, const char *ind, const char *item, const char *eol)
{
    size_t j = e;
    while (t[j] == ' ' || t[j] == '\t')
        j++;
    bool comma = t[j] == ',';
    size_t k = comma ? j + 1 : e;
    while (t[k] == ' ' || t[k] == '\t')
        k++;
    if (t[k] == '#')
        while (t[k] && t[k] != '\n')
            k++;
    char *line, *o;
    if (t[k] == '\n') {
        line = wiz_asprintf("%s%s%s%s", ind, item, comma ? "," : "", eol);
        o = line ? insert2(t, e, comma ? "" : ",", k + 1, line) : NULL;
    } else if (t[k] == '\r' && t[k + 1] == '\n') {
        line = wiz_asprintf("%s%s%s%s", ind, item, comma ? "," : "", eol);
        o = line ? insert2(t, e, comma ? "" : ",", k + 2, line) : NULL;
    } else { /* the closing bracket on the item's line */
        size_t at = comma ? j + 1 : e;
        line = wiz_asprintf("%s%s%s%s%s", comma ? "" : ",", eol, ind, item, comma ? "," : "");
        o = line ? wiz_splice(t, at, 0, line) : NULL;
    }
    free(line);
    return o;
}

/* [project] dependencies = [ "a>=1", ... ] */
/* Adds item (a quoted requirement) to the list whose "[" is at or after deps (spaces
 * first), in the list's layout; unchanged when a string of the list names `name`.
 * Shared by pyproject's dependencies and setup.py's install_requires. *out: free(). */
static int add_to_list(const char *text, const char *deps, const char *item, const char *name, const char *eol,
                       char **out)
{
    while (*deps == ' ' || *deps == '\t')
        deps++;
    if (*deps != '[') {
        return -1;
    }
    /* walk the array's strings; remember the last item's end and the first item that
     * starts a line (its indentation is the list's) */
    size_t i = (size_t)(deps - text) + 1, last_item_end = 0, line_item = 0;
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
                        *out = wiz_strdup(text);
                return *out ? 0 : -1;
            }
            size_t ls = i;
            while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
                ls--;
            if (!line_item && (ls == 0 || text[ls - 1] == '\n'))
                line_item = ls + 1; /* +1: 0 means none */
            last_item_end = e + 1;
            i = e + 1;
            continue;
        }
        i++;
    }
    if (text[i] != ']') {
        return -1;
    }
    char *ins = NULL;
    if (!last_item_end && multiline) {
        /* empty list: a line of its own before the closing bracket's line */
        size_t ls = i;
        while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
            ls--;
        bool own_line = ls > 0 && text[ls - 1] == '\n';
        ins = wiz_asprintf("%s    %s,%s", own_line ? "" : eol, item, own_line ? eol : "");
        *out = ins ? wiz_splice(text, own_line ? ls : i, 0, ins) : NULL;
    } else if (!last_item_end) {
        *out = wiz_splice(text, i, 0, item);
    } else if (multiline) {
        char *ind = line_item ? indent_at(text, line_item - 1) : wiz_strdup("    ");
        *out = ind ? after_last_item(text, last_item_end, ind, item, eol) : NULL;
        free(ind);
    } else {
        ins = wiz_asprintf(", %s", item);
        *out = ins ? wiz_splice(text, last_item_end, 0, ins) : NULL;
    }
    free(ins);
    return *out ? 0 : -1;
}

static int project_deps(const char *text, long body, const char *name, const char *spec, char **out)
{
    const char *eol = eol_of(text);
    size_t last, end = table_end(text, (size_t)body, &last);
    const char *p = text + body;
    const char *deps = NULL;
    while (p < text + end) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, "dependencies", 12) == 0 && !in_multiline_string(text, (size_t)(p - text))) {
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
    if (!deps) {
        char *line = wiz_asprintf("%sdependencies = [%s    %s,%s]%s", last && text[last - 1] != '\n' ? eol : "", eol,
                                  item, eol, eol);
        *out = line ? wiz_splice(text, last, 0, line) : NULL;
        free(line);
        free(item);
        return *out ? 0 : -1;
    }
    int r = add_to_list(text, deps, item, name, eol, out);
    free(item);
    return r;
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
            if ((i == 0 || text[i - 1] == '\n') && strncmp(text + i, "dependencies", 12) == 0 &&
                !in_multiline_string(text, i))
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

/* setup.cfg: install_requires in [options], the value on its line and the indented lines
 * that continue it (configparser's continuation); a new item goes on a line of its own in
 * their indentation. No [options] section: -1 (the project declares nothing there). */
int wiz_edit_setup_cfg(const char *text, const char *name, const char *spec, char **out)
{
    *out = NULL;
    const char *eol = eol_of(text);
    long body = find_table(text, "[options]");
    if (body < 0)
        return -1;
    size_t last, end = table_end(text, (size_t)body, &last);
    size_t key = 0;
    bool found = false;
    for (size_t i = (size_t)body; i < end && !found;) {
        if (strncmp(text + i, "install_requires", 16) == 0) {
            size_t j = i + 16;
            while (text[j] == ' ' || text[j] == '\t')
                j++;
            if (text[j] == '=' || text[j] == ':') {
                key = i;
                found = true;
                break;
            }
        }
        while (i < end && text[i] != '\n')
            i++;
        i++;
    }
    char *item = wiz_asprintf("%s%s", name, spec ? spec : "");
    if (!item)
        return -1;
    if (!found) { /* a new key after the section's last line */
        char *line = wiz_asprintf("%sinstall_requires =%s    %s%s", last && text[last - 1] != '\n' ? eol : "", eol,
                                  item, eol);
        *out = line ? wiz_splice(text, last, 0, line) : NULL;
        free(line);
        free(item);
        return *out ? 0 : -1;
    }
    /* the key's line, then its continuation lines; each holds one requirement */
    size_t i = key, after = key, indent_from = 0;
    bool first = true;
    while (text[i]) {
        size_t ls = i;
        if (!first && !(text[i] == ' ' || text[i] == '\t'))
            break;
        const char *v = text + i;
        if (first) {
            v = strpbrk(v, "=:");
            v = v ? v + 1 : text + i;
        }
        while (*v == ' ' || *v == '\t')
            v++;
        if (!first && (*v == '\n' || *v == '\r' || !*v))
            break; /* a blank line ends the value */
        if (*v != '#' && *v != ';' && *v != '\n' && *v != '\r' && *v) {
            size_t n = name_len(v);
            if (n && same_name(v, n, name, strlen(name))) {
                free(item);
                *out = wiz_strdup(text);
                return *out ? 0 : -1;
            }
            if (!first && !indent_from)
                indent_from = ls + 1;
        }
        while (text[i] && text[i] != '\n')
            i++;
        if (text[i] == '\n')
            i++;
        after = i;
        first = false;
    }
    char *ind = indent_from ? indent_at(text, indent_from - 1) : wiz_strdup("    ");
    char *line = ind ? wiz_asprintf("%s%s%s%s", after && text[after - 1] != '\n' ? eol : "", ind, item, eol) : NULL;
    *out = line ? wiz_splice(text, after, 0, line) : NULL;
    free(line);
    free(ind);
    free(item);
    return *out ? 0 : -1;
}

/* setup.py: the literal list of install_requires=[...] (setup()'s keyword argument); -1
 * when there is none or it is not a literal list (a variable, a function's result). */
int wiz_edit_setup_py(const char *text, const char *name, const char *spec, char **out)
{
    *out = NULL;
    const char *p = text, *deps = NULL;
    while ((p = strstr(p, "install_requires")) != NULL) {
        bool word = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        const char *q = p + 16;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (word && *q == '=' && q[1] != '=') {
            q++;
            while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
                q++;
            if (*q == '[') {
                deps = q;
                break;
            }
            return -1; /* not a literal list: say so, never guess */
        }
        p += 16;
    }
    if (!deps)
        return -1;
    char *item = wiz_asprintf("\"%s%s\"", name, spec ? spec : "");
    if (!item)
        return -1;
    int r = add_to_list(text, deps, item, name, eol_of(text), out);
    free(item);
    return r;
}
