/* A child's environment, built from ours with a few variables set or removed. */
#include "job.h"

#include <stdlib.h>
#include <string.h>

extern char **environ;

static enum wiz_rc push(struct ci_env *e, char *entry)
{
    if (!entry)
        return WIZ_EINTERNAL;
    if (e->n + 2 > e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        char **v = realloc(e->v, cap * sizeof *v);
        if (!v) {
            free(entry);
            return WIZ_EINTERNAL;
        }
        e->v = v, e->cap = cap;
    }
    e->v[e->n++] = entry;
    e->v[e->n] = NULL;
    return WIZ_OK;
}

enum wiz_rc ci_env_from_environ(struct ci_env *e)
{
    memset(e, 0, sizeof *e);
    for (char **p = environ; *p; p++)
        if (push(e, wiz_strdup(*p)))
            return WIZ_EINTERNAL;
    if (!e->v && !(e->v = calloc(1, sizeof *e->v))) /* an empty block is still a block */
        return WIZ_EINTERNAL;
    e->cap = e->cap ? e->cap : 1;
    return WIZ_OK;
}

static ssize_t find(const struct ci_env *e, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->v[i], name, nl) == 0 && e->v[i][nl] == '=')
            return (ssize_t)i;
    return -1;
}

void ci_env_unset(struct ci_env *e, const char *name)
{
    ssize_t i = find(e, name);
    if (i < 0)
        return;
    free(e->v[i]);
    memmove(&e->v[i], &e->v[i + 1], (e->n - (size_t)i) * sizeof *e->v); /* moves the NULL too */
    e->n--;
}

enum wiz_rc ci_env_set(struct ci_env *e, const char *name, const char *value)
{
    ci_env_unset(e, name);
    return push(e, wiz_asprintf("%s=%s", name, value));
}

const char *ci_env_get(const struct ci_env *e, const char *name)
{
    ssize_t i = find(e, name);
    return i < 0 ? NULL : e->v[i] + strlen(name) + 1;
}

enum wiz_rc ci_env_copy(struct ci_env *dst, const struct ci_env *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < src->n; i++)
        if (push(dst, wiz_strdup(src->v[i])))
            return WIZ_EINTERNAL;
    if (!dst->v && !(dst->v = calloc(1, sizeof *dst->v)))
        return WIZ_EINTERNAL;
    dst->cap = dst->cap ? dst->cap : 1;
    return WIZ_OK;
}

void ci_env_free(struct ci_env *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i]);
    free(e->v);
    memset(e, 0, sizeof *e);
}
