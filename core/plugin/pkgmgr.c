/* Package managers, found by their lockfiles (the order of the services reference:
 * JavaScript first, then Python), then by their manifests' own tables, and the command
 * that installs what a plan added, the project's way. */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How the install command is built (see install_words). */
enum how { H_BUN, H_PNPM, H_YARN1, H_BERRY, H_NPM, H_UV, H_POETRY, H_PDM, H_PIPENV, H_CONDA, H_PIP_REQ, H_PIP_PY };

struct pm {
    const char *name;
    const char *file;     /* must exist in the project dir */
    const char *needle;   /* and, when set, contain this (at a line start for "[" tables) */
    const char *evidence; /* what `detect` shows */
    enum how how;
};

static const struct pm table[] = {
    {"bun", "bun.lockb", NULL, "bun.lockb", H_BUN},
    {"bun", "bun.lock", NULL, "bun.lock", H_BUN},
    {"pnpm", "pnpm-lock.yaml", NULL, "pnpm-lock.yaml", H_PNPM},
    /* yarn 2+ ("berry") lockfiles carry a __metadata entry; yarn 1's do not */
    {"yarn", "yarn.lock", "__metadata:", "yarn.lock (berry)", H_BERRY},
    {"yarn", "yarn.lock", NULL, "yarn.lock (v1)", H_YARN1},
    {"npm", "package-lock.json", NULL, "package-lock.json", H_NPM},
    {"uv", "uv.lock", NULL, "uv.lock", H_UV},
    {"poetry", "poetry.lock", NULL, "poetry.lock", H_POETRY},
    {"pdm", "pdm.lock", NULL, "pdm.lock", H_PDM},
    {"pipenv", "Pipfile.lock", NULL, "Pipfile.lock", H_PIPENV},
    {"pipenv", "Pipfile", NULL, "Pipfile", H_PIPENV},
    {"conda", "environment.yml", NULL, "environment.yml", H_CONDA},
    {"pip", "requirements.txt", NULL, "requirements.txt", H_PIP_REQ},
    /* no lockfile: the manifest decides */
    {"npm", "package.json", NULL, "package.json", H_NPM},
    {"poetry", "pyproject.toml", "[tool.poetry", "pyproject.toml [tool.poetry]", H_POETRY},
    {"uv", "pyproject.toml", "[tool.uv", "pyproject.toml [tool.uv]", H_UV},
    {"pdm", "pyproject.toml", "[tool.pdm", "pyproject.toml [tool.pdm]", H_PDM},
    {"pip", "pyproject.toml", NULL, "pyproject.toml", H_PIP_PY},
    /* setuptools: what pip install -e . reads */
    {"pip", "setup.cfg", NULL, "setup.cfg", H_PIP_PY},
    {"pip", "setup.py", NULL, "setup.py", H_PIP_PY},
};

/* Reads up to cap bytes of dir/file. returns owned string: free(); NULL when unreadable */
static char *head_of(const char *dir, const char *file, size_t cap)
{
    char *p = wiz_asprintf("%s/%s", dir, file);
    FILE *fp = p ? fopen(p, "rb") : NULL;
    free(p);
    if (!fp)
        return NULL;
    char *buf = malloc(cap + 1);
    size_t n = buf ? fread(buf, 1, cap, fp) : 0;
    fclose(fp);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* needle at the start of a line (after blanks), followed by '.', ']' or a blank for a
 * "[table" prefix, so "[tool.uv]" and "[tool.uv.sources]" match but "[tool.uvx]" not. */
static bool has_line(const char *text, const char *needle)
{
    size_t nl = strlen(needle);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, needle, nl) != 0)
            continue;
        char c = p[nl];
        if (needle[0] != '[' || c == '.' || c == ']' || c == ' ' || c == '\t')
            return true;
    }
    return false;
}

static const struct pm *find(const char *dir)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct pm *m = &table[i];
        char *p = wiz_asprintf("%s/%s", dir, m->file);
        bool there = p && access(p, F_OK) == 0;
        free(p);
        if (!there)
            continue;
        if (!m->needle)
            return m;
        /* __metadata sits in a berry lockfile's first lines; a pyproject is small */
        char *text = head_of(dir, m->file, m->how == H_BERRY ? 4096 : 1 << 20);
        bool hit = text && has_line(text, m->needle);
        free(text);
        if (hit)
            return m;
    }
    return NULL;
}

const char *wiz_pkgmgr_detect(const char *dir, const char **evidence)
{
    const struct pm *m = find(dir);
    if (evidence)
        *evidence = m ? m->evidence : NULL;
    return m ? m->name : NULL;
}

/* A Poetry-style constraint (^1.1, ~1.1) means nothing to pip or uv: name only. */
static bool pep440_spec(const char *dep, size_t name_len)
{
    char c = dep[name_len];
    return c && c != '^' && c != '~' && c != '*';
}

/* Fills w (cap entries, NULL-terminated) for m; deps are "name<spec>" strings. */
static size_t install_words(const struct pm *m, const struct wiz_plan *plan, const char **w, char **own, size_t cap)
{
    size_t n = 0, nown = 0;
#define W(s) (n < cap - 1 ? (void)(w[n++] = (s)) : (void)0)
    bool deps = plan && plan->ndeps > 0;
    switch (m->how) {
    case H_BUN: W("bun"); W("install"); break;
    /* a CI machine would make these refuse the changed manifest (frozen / immutable lockfile) */
    case H_PNPM: W("pnpm"); W("install"); W("--no-frozen-lockfile"); break;
    case H_BERRY: W("yarn"); W("install"); W("--no-immutable"); break;
    case H_YARN1: W("yarn"); W("install"); break;
    case H_NPM: W("npm"); W("install"); break;
    case H_PDM: W("pdm"); W("install"); break;
    case H_PIPENV: W("pipenv"); W("install"); break;
    case H_CONDA: W("conda"); W("env"); W("update"); W("--file"); W("environment.yml"); break;
    case H_PIP_REQ: W("pip"); W("install"); W("-r"); W("requirements.txt"); break;
    /* uv add of a requirement already in pyproject.toml updates it, locks and syncs */
    case H_UV: W("uv"); W(deps ? "add" : "sync"); break;
    /* poetry add skips a package the manifest already lists ("Nothing to add"): update
     * locks just that package and installs it; without names, install */
    case H_POETRY: W("poetry"); W(deps ? "update" : "install"); break;
    case H_PIP_PY: W("pip"); W("install"); if (!deps) { W("-e"); W("."); } break;
    }
    if (deps && (m->how == H_UV || m->how == H_POETRY || m->how == H_PIP_PY))
        for (size_t i = 0; i < plan->ndeps && n < cap - 1; i++) {
            const char *d = plan->deps[i];
            size_t nl = strcspn(d, "<>=!~^*; [");
            if (m->how == H_POETRY || !pep440_spec(d, nl)) {
                own[nown] = wiz_asprintf("%.*s", (int)nl, d);
                if (own[nown])
                    W(own[nown++]);
            } else {
                W(d);
            }
        }
#undef W
    w[n] = NULL;
    return nown;
}

char **wiz_pkgmgr_install_cmd(const char *dir, const struct wiz_plan *plan)
{
    const struct pm *m = find(dir);
    if (!m)
        return NULL;
    enum { CAP = 64 };
    const char *w[CAP];
    char *own[CAP] = {0};
    size_t nown = install_words(m, plan, w, own, CAP);
    /* one block: the pointer vector, then the strings */
    size_t n = 0, bytes = 0;
    while (w[n])
        bytes += strlen(w[n++]) + 1;
    char **argv = malloc((n + 1) * sizeof *argv + bytes);
    if (argv) {
        char *s = (char *)(argv + n + 1);
        for (size_t i = 0; i < n; i++) {
            argv[i] = s;
            s = stpcpy(s, w[i]) + 1;
        }
        argv[n] = NULL;
    }
    for (size_t i = 0; i < nown; i++)
        free(own[i]);
    return argv;
}
