/* expect.json: its schema (checked when a job starts: an unknown field or a wrong type is an
 * error, so a typo cannot silently skip a check) and access by dotted path ("start.command").
 * The fields are documented in docs/wizard-ci.md. */
#include "job.h"

#include <stdlib.h>
#include <string.h>

enum kind { K_STR, K_STRS, K_INT, K_BOOL, K_OBJ };

/* every field: what wizard-ci checks, then what only describes the app (kept for readers,
 * and still type-checked); null is allowed for the optional start.* ones */
static const struct field {
    const char *path;
    enum kind kind;
    bool nullable;
} fields[] = {
    {"framework", K_STR, false}, {"language", K_STR, false}, {"package_manager", K_STR, false},
    {"dependency", K_STR, false}, {"dependency_alternatives", K_STRS, false}, {"dependency_file", K_STR, false},
    {"env_file", K_STR, false}, {"env_var", K_STR, false}, {"server_url_var", K_STR, false},
    {"creates", K_STRS, false}, {"changes", K_STRS, false}, {"may_change", K_STRS, false},
    {"untouched", K_STRS, false}, {"compile", K_STRS, false}, {"test", K_STRS, false},
    {"init_pattern", K_STR, false}, {"config_changes", K_STRS, false}, {"node", K_STR, false}, {"start", K_OBJ, false}, {"start.kind", K_STR, false},
    {"start.build", K_STRS, true}, {"start.command", K_STRS, false}, {"start.port_env", K_STR, true},
    {"start.request_path", K_STR, true}, {"start.expect_status", K_INT, false}, {"start.expect_text", K_STR, false},
    /* descriptive */
    {"schema", K_INT, false}, {"app", K_STR, false}, {"variant", K_STR, false}, {"module", K_STR, false},
    {"lockfile", K_STR, true}, {"notes", K_STR, false}, {"env_convention", K_STR, false},
    {"env_file_ignored_before", K_BOOL, false}, {"init_file", K_STR, false}, {"init_imported_from", K_STR, false},
    {"install_command", K_STRS, false}, {"dependency_section", K_STR, false}, {"event_hook", K_STR, false},
    {"start.install", K_STRS, true}, {"start.prepare", K_STRS, true}, {"start.check", K_STRS, true},
    {"start.default_port", K_INT, true},
};

static const char *kind_name(enum kind k)
{
    static const char *const n[] = {"a string", "an array of strings", "an integer", "true or false", "an object"};
    return n[k];
}

static bool has_kind(json_t *v, enum kind k)
{
    switch (k) {
    case K_STR: return json_is_string(v);
    case K_INT: return json_is_integer(v);
    case K_BOOL: return json_is_boolean(v);
    case K_OBJ: return json_is_object(v);
    case K_STRS: {
        if (!json_is_array(v))
            return false;
        size_t i;
        json_t *w;
        json_array_foreach(v, i, w) if (!json_is_string(w)) return false;
        return true;
    }
    }
    return false;
}

static enum wiz_rc check_object(struct wiz_ctx *ctx, const char *file, json_t *obj, const char *prefix)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char path[128];
        snprintf(path, sizeof path, "%s%s", prefix, key);
        const struct field *f = NULL;
        for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !f; i++)
            if (strcmp(fields[i].path, path) == 0)
                f = &fields[i];
        if (!f)
            return wiz_fail(ctx, WIZ_ERR, "%s: unknown field '%s' (a typo would skip a check; the fields are in "
                                          "docs/wizard-ci.md)", file, path);
        if (json_is_null(v) && f->nullable)
            continue;
        if (!has_kind(v, f->kind))
            return wiz_fail(ctx, WIZ_ERR, "%s: '%s' must be %s", file, path, kind_name(f->kind));
        if (f->kind == K_OBJ) {
            char sub[130];
            snprintf(sub, sizeof sub, "%s.", path);
            enum wiz_rc rc = check_object(ctx, file, v, sub);
            if (rc)
                return rc;
        }
    }
    return WIZ_OK;
}

enum wiz_rc ci_expect_check(struct wiz_ctx *ctx, const char *file, json_t *expect)
{
    enum wiz_rc rc = check_object(ctx, file, expect, "");
    if (rc)
        return rc;
    static const char *const required[] = {"framework"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!json_object_get(expect, required[i]))
            return wiz_fail(ctx, WIZ_ERR, "%s: the field '%s' is required", file, required[i]);
    return WIZ_OK;
}

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
