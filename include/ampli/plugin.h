/* ampli-wizard plugin ABI, version 1 (minor 3).
 *
 * The only header a C plugin includes. A plugin is a shared object exporting ONE symbol,
 * wiz_plugin_entry_v1, which receives the host's function table and returns a static,
 * size-stamped descriptor. The plugin links against nothing of the host: every service
 * (reading project files, planning changes, logging, asking) goes through the table.
 *
 * Compatibility rules (SQLite loadable extensions, Redis modules):
 * - Both structs are append-only and stamped with their size. A field is read only when
 *   the other side's struct_size covers it: use WIZ_HOST_HAS(host, field).
 * - abi_minor in the descriptor is the minimum host minor the plugin needs; a host with a
 *   smaller minor refuses the plugin before calling detect/plan/verify, naming both.
 * - A new major changes the entry symbol's name (wiz_plugin_entry_v2).
 *
 * Sessions are opaque and valid only during the call that received them. Strings the
 * host returns are borrowed for that call unless the prototype says "free with host->free".
 * Functions return WIZ_PLUGIN_OK (0) or a negative WIZ_PLUGIN_E* code; detail goes
 * through host->set_error(). */
#ifndef AMPLI_PLUGIN_H
#define AMPLI_PLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WIZ_PLUGIN_ABI_MAJOR 1
/* 1.0: files, plan, env, deps, install, log/ask, session getters.
 * 1.1: json_get, find_first, file_exists (helpers that make framework plugins short).
 * 1.2: edit_import, edit_insert, edit_count_calls, edit_head_script, edit_json_set,
 *      edit_style, plan_gitignore (source edits that read the file's syntax and keep its style).
 * 1.3: plan_next_step (a line of the closing "next" list that only the plugin knows), and
 *      edit_insert's "object:CALL.KEY" anchor. */
#define WIZ_PLUGIN_ABI_MINOR 3

#define WIZ_PLUGIN_OK 0
#define WIZ_PLUGIN_ERR (-1)       /* generic failure: message via set_error */
#define WIZ_PLUGIN_ENOTFOUND (-2) /* file, key or field absent */
#define WIZ_PLUGIN_EREFUSED (-3)  /* path outside the project, tracked env file, wrong phase */
#define WIZ_PLUGIN_EINPUT (-4)    /* an answer was needed but none could be asked (CI) */
#define WIZ_PLUGIN_ECANCEL (-5)   /* the user said no */
#define WIZ_PLUGIN_ENOMEM (-6)
#define WIZ_PLUGIN_EINVAL (-7)    /* bad argument, unparsable file */

#define WIZ_LOG_ERROR 0
#define WIZ_LOG_WARN 1
#define WIZ_LOG_INFO 2
#define WIZ_LOG_DEBUG 3

/* Opaque; valid only during the call that received it. */
typedef struct wiz_session wiz_session;

#if defined(__GNUC__)
#define WIZ_PLUGIN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define WIZ_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define WIZ_PLUGIN_PRINTF(a, b)
#define WIZ_PLUGIN_EXPORT
#endif

/* The style new code in a file is written in (1.2, edit_style). Size-stamped by the caller. */
struct wiz_code_style {
    size_t struct_size; /* the caller sets sizeof(struct wiz_code_style) */
    char quote;         /* quote of strings and module specifiers: '\'' or '"' */
    int semicolons;     /* 1: statements end with ';' */
    char indent[9];     /* one indentation unit: "  ", "    ", "\t" */
    char eol[3];        /* "\n" or "\r\n" */
    int trailing_commas; /* 1: multi-line literals end with a comma */
};

struct wiz_host_api {
    size_t struct_size;   /* sizeof the host's table: test fields with WIZ_HOST_HAS */
    unsigned abi_major;   /* WIZ_PLUGIN_ABI_MAJOR of the host */
    unsigned abi_minor;   /* WIZ_PLUGIN_ABI_MINOR of the host */
    const char *host_version; /* "0.1.0" */

    /* ---- 1.0 ---- */
    /* Records the failure message for the current call; returns rc for `return host->set_error(...)`. */
    int (*set_error)(wiz_session *s, int rc, const char *fmt, ...) WIZ_PLUGIN_PRINTF(3, 4);
    void (*log)(wiz_session *s, int level, const char *fmt, ...) WIZ_PLUGIN_PRINTF(3, 4);
    /* One line of human progress ("Adding the Amplitude SDK…"). */
    void (*progress)(wiz_session *s, const char *fmt, ...) WIZ_PLUGIN_PRINTF(2, 3);
    /* Free-text question. In CI/agent mode: *out = copy of default_answer, or
     * WIZ_PLUGIN_EINPUT when default_answer is NULL. *out: free with host->free. */
    int (*ask)(wiz_session *s, const char *question, const char *default_answer, char **out);
    /* Frees memory the host handed out (read_file, ask, list_files, json_get ...). */
    void (*free)(void *p);

    /* Session information; NULL when unknown, and always NULL during detect. Keys:
     * "api_key", "zone" ("us"|"eu"), "user_id", "user_email", "org_id", "org_name",
     * "project_id", "project_name", "env_name", "app_id", "ingest_url",
     * "framework" (the chosen id), "install_dir" (absolute project path), "package_manager".
     * Never OAuth tokens. Borrowed: valid during this call. */
    const char *(*get)(wiz_session *s, const char *key);

    /* Reads a project file (path relative to the project; "..", absolute paths and symlinks
     * that leave the project are refused). During plan, earlier planned changes are seen.
     * *out is NUL-terminated, *len may be NULL. *out: free with host->free. */
    int (*read_file)(wiz_session *s, const char *path, char **out, size_t *len);
    /* Project files matching a glob relative to the project ('*' '?' '[..]' within one
     * directory level, "**" any depth); skips .git, node_modules, .amplitude, dot-dirs.
     * Sorted. *out: NULL-terminated array; free the array with host->free (one block). */
    int (*list_files)(wiz_session *s, const char *glob, char ***out);

    /* detect only: claims the project for one of the plugin's framework ids, with the
     * evidence a human reads ("package.json depends on next ^15.1"). */
    int (*claim)(wiz_session *s, const char *framework_id, const char *evidence);

    /* plan only; nothing is written until the user confirms. A change that leaves a file as
     * it is plans nothing, so a second run on a set-up project plans nothing. */
    int (*plan_create)(wiz_session *s, const char *path, const char *content, const char *why);
    int (*plan_replace)(wiz_session *s, const char *path, const char *content, const char *why);
    int (*plan_skip)(wiz_session *s, const char *path, const char *why);
    /* Adds/updates a dependency in package.json, requirements.txt, pyproject.toml
     * ([project].dependencies or [tool.poetry.dependencies]) or Pipfile ([packages]),
     * keeping the file's formatting, indentation and comments. spec: "^1.2.0" (npm),
     * ">=1.0" (python) or NULL for "any". An existing entry is left as it is. */
    int (*plan_dependency)(wiz_session *s, const char *manifest, const char *name, const char *spec);
    /* Sets KEY=value in an env file (merging, keeping comments and order), and makes sure
     * git ignores the file (.gitignore "# Amplitude wizard" block). Refused when git tracks
     * the file. */
    int (*plan_env)(wiz_session *s, const char *env_file, const char *key, const char *value);
    /* After the files are written, run the project's package manager install (by argv,
     * never a shell; skipped with --skip-install). manifest picks the project when there are
     * several (NULL: the project root). */
    int (*plan_install)(wiz_session *s, const char *manifest);

    /* ---- 1.1 ---- */
    /* Value at a dotted path in a JSON file ("dependencies.next"); strings come back as
     * they are, other values as JSON text. *out: free with host->free. */
    int (*json_get)(wiz_session *s, const char *path, const char *field, char **out);
    /* First existing file of a NULL-terminated candidate list. *out: borrowed from candidates. */
    int (*find_first)(wiz_session *s, const char *const *candidates, const char **out);
    /* 1 when the project file exists, 0 when not, <0 on a refused path. */
    int (*file_exists)(wiz_session *s, const char *path);

    /* ---- 1.2: source edits (docs/plugins.md, "Source edits") ----
     * Text in, text out, in any phase: text is a file's content (from read_file), path
     * names the file for its language: .js .jsx .ts .tsx .mjs .cjs, the <script> of .vue
     * (<script setup> first) and .svelte, an .astro file's processed <script>, .html, .py.
     * "src/layouts/Base.astro#frontmatter" and "src/routes/+page.svelte#module" pick those
     * regions. Plan the result with plan_replace or plan_create. What cannot be read (an
     * unterminated string or comment, no such region, no such function) fails with
     * WIZ_PLUGIN_EINVAL or WIZ_PLUGIN_ENOTFOUND and the reason as the session's error;
     * an edit already made returns the text unchanged. *out: free with host->free. */
    /* import CLAUSE from 'MODULE' after the last import (clause NULL: import 'MODULE'),
     * merged into an existing named import of MODULE, in the file's quotes, semicolons
     * and line breaks. Python: clause NULL: import MODULE; else from MODULE import CLAUSE. */
    int (*edit_import)(wiz_session *s, const char *path, const char *text, const char *module, const char *clause,
                       char **out);
    /* Inserts code written with two-space indentation, single quotes, semicolons and
     * trailing commas in multi-line literals, in
     * the file's style, at "after-imports", "before-imports", "function:NAME" (the start of
     * its body), "object:CALL[.KEY...]" (the start of the object literal passed to CALL, or
     * of a member's object value in it; since 1.3: a 1.2 host answers EINVAL, unknown anchor),
     * "before-default-export" or "end". */
    int (*edit_insert)(wiz_session *s, const char *path, const char *text, const char *anchor, const char *code,
                       char **out);
    /* Calls of any of names (NULL-terminated) through bindings of MODULE's import or
     * require (X.init(), init(), start() for { init as start }); MODULE may end in '*'
     * ("@amplitude/" and a star) to match a prefix. Comments, strings, JSX text do not count. */
    int (*edit_count_calls)(wiz_session *s, const char *path, const char *text, const char *module,
                            const char *const *names, int *count);
    /* element (a whole <script ...>...</script>) as the last child of <head>. */
    int (*edit_head_script)(wiz_session *s, const char *path, const char *text, const char *element, char **out);
    /* The JSON value json at key_path ("a.b", "\." for a dot in a key), every other byte
     * kept; merge != 0: objects are merged, keeping members the new value lacks. */
    int (*edit_json_set)(wiz_session *s, const char *text, const char *key_path, const char *json, int merge,
                         char **out);
    /* The style of a JS/TS text (defaults for what it lacks: ', ;, two spaces, \n), for a
     * plugin that writes a new file the way its neighbour is written. */
    int (*edit_style)(wiz_session *s, const char *path, const char *text, struct wiz_code_style *out);
    /* plan only: makes sure git ignores a project file (the .gitignore block plan_env uses). */
    int (*plan_gitignore)(wiz_session *s, const char *path);
    /* plan only (1.3): a step for the user that only the plugin knows ("after a clone, run
     * ..."), shown in the closing list after the install step. One line of printable text, at
     * most 300 bytes; at most 4 per plan; a step already planned is not added twice. */
    int (*plan_next_step)(wiz_session *s, const char *text);
};

/* True when the host's table has `field` (call it only then). */
#define WIZ_HOST_HAS(host, field) \
    ((host)->struct_size >= offsetof(struct wiz_host_api, field) + sizeof((host)->field))

struct wiz_plugin_desc {
    size_t struct_size;       /* sizeof(struct wiz_plugin_desc) as the plugin was built */
    unsigned abi_major;       /* WIZ_PLUGIN_ABI_MAJOR */
    unsigned abi_minor;       /* the lowest host minor this plugin needs */
    const char *name;         /* "next-js" */
    const char *version;      /* the plugin's own version, "1.0.0" */
    const char *const *frameworks; /* NULL-terminated framework ids, e.g. {"next-js", NULL} */
    int priority;             /* detection order, lower first (next-js 10 ... javascript-node 90) */
    /* Read-only look at the project: call host->claim() to take it. No session info. */
    int (*detect)(wiz_session *s);
    /* Plan the changes through host->plan_*(). */
    int (*plan)(wiz_session *s);
    /* After apply: check the result (may be NULL). A failure rolls the run back. */
    int (*verify)(wiz_session *s);
    const char *description;  /* one line, may be NULL */
};

/* The one symbol a plugin exports. It must only return its static descriptor (keep host
 * in a static variable for later calls): the host checks versions before anything else. */
typedef const struct wiz_plugin_desc *(*wiz_plugin_entry_v1_fn)(const struct wiz_host_api *host);
#define WIZ_PLUGIN_ENTRY_SYMBOL "wiz_plugin_entry_v1"

/* Convenience for the descriptor's first three fields. */
#define WIZ_PLUGIN_DESC_HEADER \
    .struct_size = sizeof(struct wiz_plugin_desc), .abi_major = WIZ_PLUGIN_ABI_MAJOR

#ifdef __cplusplus
}
#endif
#endif
