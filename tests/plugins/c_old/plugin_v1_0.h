/* A frozen copy of the ABI 1.0 structs (before 1.1 appended json_get, find_first,
 * file_exists to the host table and description to the descriptor): what a plugin built
 * against the older, smaller SDK sees. */
#ifndef PLUGIN_V1_0_H
#define PLUGIN_V1_0_H
#include <stddef.h>

typedef struct wiz_session wiz_session;

struct wiz_host_api {
    size_t struct_size;
    unsigned abi_major, abi_minor;
    const char *host_version;
    int (*set_error)(wiz_session *s, int rc, const char *fmt, ...);
    void (*log)(wiz_session *s, int level, const char *fmt, ...);
    void (*progress)(wiz_session *s, const char *fmt, ...);
    int (*ask)(wiz_session *s, const char *question, const char *default_answer, char **out);
    void (*free)(void *p);
    const char *(*get)(wiz_session *s, const char *key);
    int (*read_file)(wiz_session *s, const char *path, char **out, size_t *len);
    int (*list_files)(wiz_session *s, const char *glob, char ***out);
    int (*claim)(wiz_session *s, const char *framework_id, const char *evidence);
    int (*plan_create)(wiz_session *s, const char *path, const char *content, const char *why);
    int (*plan_replace)(wiz_session *s, const char *path, const char *content, const char *why);
    int (*plan_skip)(wiz_session *s, const char *path, const char *why);
    int (*plan_dependency)(wiz_session *s, const char *manifest, const char *name, const char *spec);
    int (*plan_env)(wiz_session *s, const char *env_file, const char *key, const char *value);
    int (*plan_install)(wiz_session *s, const char *manifest);
};

struct wiz_plugin_desc {
    size_t struct_size;
    unsigned abi_major, abi_minor;
    const char *name, *version;
    const char *const *frameworks;
    int priority;
    int (*detect)(wiz_session *s);
    int (*plan)(wiz_session *s);
    int (*verify)(wiz_session *s);
};
#endif
