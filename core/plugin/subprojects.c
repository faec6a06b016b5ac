/* Candidate sub-projects of a directory no plugin claims (a monorepo, or an app in a
 * subdirectory): directories one or two levels down that hold a project manifest. */
#include "subprojects.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const manifests[] = {"package.json", "pyproject.toml", "requirements.txt", "manage.py",
                                        "setup.py", "setup.cfg", "Pipfile", NULL};

/* Directories that are never a project of their own. */
static bool skipped(const char *name)
{
    static const char *const skip[] = {"node_modules", "dist", "build", "out", "vendor", "venv", "env",
                                       "__pycache__", "coverage", "target", "site-packages", NULL};
    if (name[0] == '.')
        return true; /* .git, .venv, .next, .amplitude ... */
    for (const char *const *s = skip; *s; s++)
        if (strcmp(name, *s) == 0)
            return true;
    return false;
}

static bool has_manifest(const char *dir)
{
    for (const char *const *m = manifests; *m; m++) {
        char *p = wiz_asprintf("%s/%s", dir, *m);
        bool yes = p && access(p, F_OK) == 0;
        free(p);
        if (yes)
            return true;
    }
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends rel (owned) to the list; false when full or out of memory (rel freed). */
static bool push(char ***v, size_t *n, size_t max, char *rel)
{
    if (!rel || *n >= max) {
        free(rel);
        return false;
    }
    char **g = realloc(*v, (*n + 2) * sizeof **v);
    if (!g) {
        free(rel);
        return false;
    }
    *v = g;
    g[(*n)++] = rel;
    g[*n] = NULL;
    return true;
}

static void scan(const char *root, const char *rel, int depth, char ***v, size_t *n, size_t max)
{
    char *dir = rel[0] ? wiz_asprintf("%s/%s", root, rel) : wiz_strdup(root);
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        free(dir);
        return;
    }
    char *names[256];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && nn < 256) {
        if (skipped(de->d_name))
            continue;
        char *p = wiz_asprintf("%s/%s", dir, de->d_name);
        struct stat st;
        /* lstat: a symlinked directory may lead out of the project */
        if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && (names[nn] = wiz_strdup(de->d_name)))
            nn++;
        free(p);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, by_name);
    for (size_t i = 0; i < nn; i++) {
        char *sub = rel[0] ? wiz_asprintf("%s/%s", rel, names[i]) : wiz_strdup(names[i]);
        char *abs = sub ? wiz_asprintf("%s/%s", root, sub) : NULL;
        if (abs && has_manifest(abs))
            push(v, n, max, wiz_strdup(sub));
        else if (sub && depth < 2)
            scan(root, sub, depth + 1, v, n, max);
        free(abs);
        free(sub);
        free(names[i]);
    }
    free(dir);
}

char **wiz_subproject_dirs(const char *root, size_t max)
{
    char **v = calloc(1, sizeof *v);
    size_t n = 0;
    if (v)
        scan(root, "", 1, &v, &n, max);
    return v;
}

void wiz_subproject_free(char **dirs)
{
    for (char **p = dirs; p && *p; p++)
        free(*p);
    free(dirs);
}
