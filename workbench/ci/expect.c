/* expect.json access by dotted path ("start.command"); schema in docs/wizard-ci.md. */
#include "job.h"

#include <stdlib.h>
#include <string.h>

json_t *ci_exp_get(const struct ci_job *j, const char *path)
{
    json_t *cur = j->expect;
    char key[64];
    while (cur && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        cur = json_object_get(cur, key);
        path += n + (path[n] == '.');
    }
    return json_is_null(cur) ? NULL : cur;
}

const char *ci_exp_str(const struct ci_job *j, const char *path)
{
    return json_string_value(ci_exp_get(j, path));
}

/* returns owned string: s with every "$PORT" replaced by port: free() */
static char *subst(const char *s, const char *port)
{
    const char *p = port ? strstr(s, "$PORT") : NULL;
    if (!p)
        return wiz_strdup(s);
    char *rest = subst(p + 5, port);
    char *out = rest ? wiz_asprintf("%.*s%s%s", (int)(p - s), s, port, rest) : NULL;
    free(rest);
    return out;
}

char **ci_exp_argv(const struct ci_job *j, const char *path, const char *port)
{
    json_t *a = ci_exp_get(j, path), *w;
    if (!json_is_array(a) || json_array_size(a) == 0)
        return NULL;
    char **argv = calloc(json_array_size(a) + 1, sizeof *argv);
    size_t i;
    json_array_foreach(a, i, w) {
        if (!argv || !json_is_string(w) || !(argv[i] = subst(json_string_value(w), port))) {
            ci_argv_free(argv);
            return NULL;
        }
    }
    return argv;
}

void ci_argv_free(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}
