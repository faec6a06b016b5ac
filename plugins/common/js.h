/* Helpers shared by the JavaScript framework plugins (next-js, react-router, vue): text
 * buffers, source style, import/init scanning, the init snippet, and the plan steps every
 * browser framework shares (SDK dependency, env file, existing-setup check, verify).
 * Compiled into each plugin (plugins/CMakeLists.txt adds the .c files of plugins/common), hidden. */
#ifndef WIZ_PLUGINS_COMMON_JS_H
#define WIZ_PLUGINS_COMMON_JS_H

#include <ampli/plugin.h>

#include <stdbool.h>
#include <stddef.h>

/* ---- growable text (buf.c) ---- */
struct wiz_js_buf {
    char *p;
    size_t n, cap;
    bool oom;
};
void wiz_js_add(struct wiz_js_buf *b, const char *s);
void wiz_js_addn(struct wiz_js_buf *b, const char *s, size_t n);
void wiz_js_addf(struct wiz_js_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* returns owned text: free(); NULL when memory ran out (the buffer is freed either way) */
char *wiz_js_take(struct wiz_js_buf *b);
bool wiz_js_has(const char *text, const char *needle);
bool wiz_js_ends_with(const char *s, const char *suffix);

/* ---- the style of a new file's neighbour (style.c; edits of existing files restyle in the host) ---- */
struct wiz_js_style {
    char q;          /* quote of module specifiers: '\'' or '"' */
    bool semi;       /* statements end with ';' */
    char ind[9];     /* one indentation unit: "  ", "    " or "\t" */
};
/* Style of the JS/TS source text at path (the host's edit_style); defaults (single quotes,
 * semicolons, two spaces) for what it lacks or when text is NULL. */
void wiz_js_style_of(const struct wiz_host_api *h, wiz_session *s, const char *path, const char *text,
                     struct wiz_js_style *st);
/* Major and minor of the lowest version a semver range admits ("^15.2.1" -> 15, 2).
 * Returns false for ranges it cannot read ("latest", "*", git URLs). */
bool wiz_js_version(const char *range, int *major, int *minor);

/* ---- the init snippet (snippet.c) ---- */
enum wiz_js_sdk { WIZ_JS_UNIFIED, WIZ_JS_BROWSER };
struct wiz_js_init {
    enum wiz_js_sdk sdk;
    const char *key_expr;   /* "process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY" */
    const char *url_expr;   /* "process.env.NEXT_PUBLIC_AMPLITUDE_SERVER_URL" */
    const char *env_file;   /* named in the comment above the init */
    bool eu;                /* serverZone: 'EU' */
    bool browser_only;      /* the module also runs on the server: guard with typeof window */
    struct wiz_js_style st;
};
const char *wiz_js_sdk_name(enum wiz_js_sdk sdk);
/* returns owned text: free(). "import * as amplitude from '@amplitude/unified';\n" */
char *wiz_js_import_line(const struct wiz_js_init *in);
/* returns owned text: free(). The key/URL constants and the one guarded init call, each
 * line prefixed with `base` (indentation of the surrounding block). */
char *wiz_js_init_block(const struct wiz_js_init *in, const char *base);
/* returns owned text: free(). `text` (the content of path) with the SDK's import after its
 * imports and the init block after them, through the host's source edits (ABI 1.2); an
 * empty text gets both in in->st's style. NULL on failure (the session's error says why). */
char *wiz_js_insert_init(const struct wiz_host_api *h, wiz_session *s, const char *path, const char *text,
                         const struct wiz_js_init *in);

/* ---- the shared plan steps (plan.c) ---- */
struct wiz_js_fw {
    const char *default_sdk_pkg; /* the SDK this framework adds: "@amplitude/unified" */
    const char *env_file;        /* ".env.local" */
    const char *key_var;         /* "NEXT_PUBLIC_AMPLITUDE_API_KEY" */
    const char *url_var;         /* "NEXT_PUBLIC_AMPLITUDE_SERVER_URL" */
    const char *env_prefix_expr; /* "process.env." or "import.meta.env." */
};
/* Plans the init itself: sdk, key/url expressions, zone and env file are filled in `in`. */
typedef int (*wiz_js_plan_init_fn)(const struct wiz_host_api *h, wiz_session *s, struct wiz_js_init *in);
/* The whole plan: recognises an existing (or half-done) setup, then adds what is missing:
 * dependency + install, env key (+ server URL when the session uses a custom ingestion
 * host), and the init through plan_init when no source has one. */
int wiz_js_plan(const struct wiz_host_api *h, wiz_session *s, const struct wiz_js_fw *fw,
                wiz_js_plan_init_fn plan_init);
/* After apply: exactly one init in the project's sources, the SDK declared, the key in the
 * env file. */
int wiz_js_verify(const struct wiz_host_api *h, wiz_session *s, const struct wiz_js_fw *fw);
/* Total init calls in the project's JS/TS/Vue sources; *first: the first file holding one
 * (owned: free(); NULL when none). */
int wiz_js_scan_inits(const struct wiz_host_api *h, wiz_session *s, int *count, char **first);
/* The dependency version range a package.json declares (dependencies, then devDependencies).
 * returns owned string: free with h->free; NULL when absent. */
char *wiz_js_dep(const struct wiz_host_api *h, wiz_session *s, const char *name);
/* Reads a project file; NULL when absent. returns owned text: free with h->free */
char *wiz_js_read(const struct wiz_host_api *h, wiz_session *s, const char *path);

#endif
