/* Package managers, found by their lockfiles (the order of the services reference:
 * JavaScript first, then Python), and the argv of their install command. */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pm {
    const char *name;
    const char *lockfile;
    const char *const argv[6];
};

static const struct pm table[] = {
    {"bun", "bun.lockb", {"bun", "install", NULL}},
    {"bun", "bun.lock", {"bun", "install", NULL}},
    {"pnpm", "pnpm-lock.yaml", {"pnpm", "install", NULL}},
    {"yarn", "yarn.lock", {"yarn", "install", NULL}},
    {"npm", "package-lock.json", {"npm", "install", NULL}},
    {"uv", "uv.lock", {"uv", "sync", NULL}},
    {"poetry", "poetry.lock", {"poetry", "install", NULL}},
    {"pdm", "pdm.lock", {"pdm", "install", NULL}},
    {"pipenv", "Pipfile.lock", {"pipenv", "install", NULL}},
    {"pipenv", "Pipfile", {"pipenv", "install", NULL}},
    {"conda", "environment.yml", {"conda", "env", "update", "--file", "environment.yml", NULL}},
    {"pip", "requirements.txt", {"pip", "install", "-r", "requirements.txt", NULL}},
    /* no lockfile: the manifest decides */
    {"npm", "package.json", {"npm", "install", NULL}},
    {"pip", "pyproject.toml", {"pip", "install", "-e", ".", NULL}},
};

static bool has(const char *dir, const char *file)
{
    char *p = wiz_asprintf("%s/%s", dir, file);
    bool r = p && access(p, F_OK) == 0;
    free(p);
    return r;
}

const char *wiz_pkgmgr_detect(const char *dir, const char **evidence)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (has(dir, table[i].lockfile)) {
            if (evidence)
                *evidence = table[i].lockfile;
            return table[i].name;
        }
    if (evidence)
        *evidence = NULL;
    return NULL;
}

const char *const *wiz_pkgmgr_install_argv(const char *pm)
{
    for (size_t i = 0; pm && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, pm) == 0)
            return table[i].argv;
    return NULL;
}
