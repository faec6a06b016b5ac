/* Plugin host internals shared by core/plugin/ sources: loaded plugins, the registry,
 * sessions and plans. Plugins never see this header (they get include/ampli/plugin.h). */
#ifndef WIZ_PLUGIN_HOST_H
#define WIZ_PLUGIN_HOST_H

#include "../cli/cli.h"
#include "../session.h"
#include "../edit/edit.h"
#include <ampli/plugin.h>

enum wiz_plugin_kind { WIZ_PK_C, WIZ_PK_LUA };
enum wiz_plugin_status { WIZ_PS_OK, WIZ_PS_SHADOWED, WIZ_PS_REFUSED };
enum wiz_call { WIZ_CALL_DETECT, WIZ_CALL_PLAN, WIZ_CALL_VERIFY };

struct wiz_lua_plugin;

struct wiz_plugin {
    enum wiz_plugin_kind kind;
    enum wiz_plugin_status status;
    char *path;          /* absolute file path */
    char *name, *version, *description;
    char **ids;          /* NULL-terminated framework ids */
    int priority;
    unsigned abi_major, abi_minor;
    char *note;          /* why refused / what shadows it; NULL when ok */
    void *dl;                           /* C: dlopen handle */
    const struct wiz_plugin_desc *desc; /* C: the plugin's static descriptor */
    struct wiz_lua_plugin *lua;         /* Lua: the plugin's own state */
    bool has_verify;
};

struct wiz_registry {
    struct wiz_plugin *v;
    size_t n, cap;
};

/* One planned change to one file. */
struct wiz_plan_entry {
    char *path;        /* project-relative, normalised */
    char *old;         /* pre-image, NULL when the file does not exist */
    size_t old_len;
    char *text;        /* planned content (NULL for a skip) */
    size_t len;
    unsigned mode;     /* permission bits to write with */
    char *why;         /* one line, may be NULL */
    bool skip;
};

struct wiz_plan {
    struct wiz_plan_entry *v;
    size_t n, cap;
    bool install;
    char *install_dir;   /* project-relative directory of the manifest ("" = root) */
    char **ignore;       /* env files the .gitignore block must cover */
    size_t nignore;
    char **deps;         /* "name<spec>" of each dependency the plan added (install names them) */
    size_t ndeps;
    char *next[4];       /* the plugin's own next steps (plan_next_step), in order */
    size_t nnext;
};

enum wiz_phase { WIZ_PHASE_DETECT, WIZ_PHASE_PLAN, WIZ_PHASE_VERIFY, WIZ_PHASE_ENDED };

#define WIZ_SESSION_MAGIC 0x5e55a11u

struct wiz_session {
    unsigned magic;
    enum wiz_phase phase;
    struct wiz_app *app;
    struct wiz_plugin *plugin;
    const struct wiz_session_info *info; /* NULL during detect */
    const char *root;                    /* realpath of the project */
    const char *framework;
    const char *pkgmgr;                  /* may be NULL */
    struct wiz_plan *plan;               /* plan phase only */
    char *claim_id, *claim_evidence;     /* detect phase: the first claim */
    int err;                             /* last WIZ_PLUGIN_E* set */
    char errmsg[1024];
    char refused[1024];                  /* the first refused write of the plan: it fails the plan */
    char zone[4];
    bool rehearsal;                      /* the plan before sign-in: nothing shown or asked */
    bool rehearsal_guessed;              /* ...and an answer was made up, so its failure proves nothing */
};

/* ---- host_api.c ---- */
/* static table, valid for the process */
const struct wiz_host_api *wiz_host_api(void);
/* Maps a WIZ_PLUGIN_E* code to an engine rc. */
enum wiz_rc wiz_plugin_rc(int prc);
/* Records an error on the session (what set_error does); returns prc. */
int wiz_session_fail(wiz_session *s, int prc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#ifdef __clang_analyzer__
#define wiz_session_fail(s, prc, ...) (wiz_session_fail((s), (prc), __VA_ARGS__), (prc)) /* as wiz_fail in wiz.h */
#endif
/* A session pointer kept past its call, or used after its phase ended, is refused. */
bool wiz_session_live(wiz_session *s);
/* True in the plan phase; otherwise fails the session naming what was called. */
bool wiz_session_planning(wiz_session *s, const char *what);
/* --debug: one host call a plugin made, with its paths and names (never a value it writes) */
void wiz_session_trace(wiz_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds rel to the files the plan's .gitignore block covers (once). */
int wiz_plan_ignore(struct wiz_plan *plan, const char *rel);
/* host_edit.c: the ABI 1.2 source edits (core/edit/srcedit.h) behind the function table */
int wiz_h_edit_import(wiz_session *s, const char *path, const char *text, const char *module, const char *clause,
                      char **out);
int wiz_h_edit_insert(wiz_session *s, const char *path, const char *text, const char *anchor, const char *code,
                      char **out);
int wiz_h_edit_count_calls(wiz_session *s, const char *path, const char *text, const char *module,
                           const char *const *names, int *count);
int wiz_h_edit_head_script(wiz_session *s, const char *path, const char *text, const char *element, char **out);
int wiz_h_edit_json_set(wiz_session *s, const char *text, const char *key_path, const char *json, int merge,
                        char **out);
int wiz_h_plan_gitignore(wiz_session *s, const char *path);
int wiz_h_plan_next_step(wiz_session *s, const char *text);
int wiz_h_edit_style(wiz_session *s, const char *path, const char *text, struct wiz_code_style *out);

/* ---- registry.c ---- */
/* Discovers plugins: built-in dir, $AMPLI_WIZARD_PLUGIN_PATH, ~/.local/share/...
 * Refused plugins are kept (status REFUSED) so `plugins list` can show them. */
enum wiz_rc wiz_registry_load(struct wiz_app *app, struct wiz_registry *reg);
void wiz_registry_free(struct wiz_registry *reg);
/* Frees the strings a plugin record owns (not the record, not a loaded Lua state). */
void wiz_plugin_clear_fields(struct wiz_plugin *p);
/* The plugin serving id (aliases accepted), NULL if none. *canon: the canonical id
 * (borrowed from the plugin). */
struct wiz_plugin *wiz_registry_find(struct wiz_registry *reg, const char *id, const char **canon);
/* Canonical spelling of a public-wizard framework name; static or id itself. */
const char *wiz_framework_canon(const char *id, char *buf, size_t cap);
/* Built-in plugin directory for this executable. returns owned string: free() */
char *wiz_builtin_plugin_dir(const struct wiz_app *app);
/* Refuses a path writable by group/others or owned by someone else. */
enum wiz_rc wiz_check_owner_perms(struct wiz_ctx *ctx, const char *path);

/* ---- loader_so.c / loader_lua.c ---- */
/* Fills p from the file at p->path; on refusal sets p->status/p->note and returns rc. */
enum wiz_rc wiz_load_so(struct wiz_ctx *ctx, struct wiz_plugin *p);
enum wiz_rc wiz_load_lua(struct wiz_ctx *ctx, struct wiz_plugin *p, const char *sdk_dir);
void wiz_unload_lua(struct wiz_plugin *p);
/* crash_guard.c: around a call into a C plugin, a fault names the plugin and the phase,
 * says what is on disk, and exits 10. */
void wiz_crash_guard_enter(const char *plugin, const char *phase);
void wiz_crash_guard_leave(void);
/* Calls detect/plan/verify; returns a WIZ_PLUGIN_* code; message on s->errmsg. */
int wiz_lua_call(struct wiz_plugin *p, enum wiz_call which, wiz_session *s);
/* Calls the plugin's function; ends with the session error (if any) on ctx. */
enum wiz_rc wiz_plugin_call(struct wiz_plugin *p, enum wiz_call which, wiz_session *s);

/* ---- pfs.c: project files, confined to the project root ---- */
/* Resolves the project root. returns owned string: free() */
char *wiz_pfs_root(struct wiz_ctx *ctx, const char *install_dir);
/* Checks a project-relative path and builds its absolute form (no "..", not absolute,
 * no symlink leaving root; for_write also refuses a symlink as the final component).
 * *abs_out and *norm_out (may be NULL): free(). */
enum wiz_rc wiz_pfs_resolve(struct wiz_ctx *ctx, const char *root, const char *rel, bool for_write,
                            char **abs_out, char **norm_out);
/* Reads all of the regular file open on fd (closed here; at most 8 MiB); name for messages. *out: free() */
enum wiz_rc wiz_pfs_read_fd(struct wiz_ctx *ctx, int fd, const char *name, char **out, size_t *len, unsigned *mode);
/* Reads a whole file (WIZ_ENOTFOUND when absent). *out: free(); NUL-terminated. */
enum wiz_rc wiz_pfs_read_abs(struct wiz_ctx *ctx, const char *abs, char **out, size_t *len, unsigned *mode);
/* The text of the project file rel (resolve + read_abs: confined, regular, at most 8 MiB),
 * or NULL for any reason (absent, refused, unreadable). returns owned text: free() */
char *wiz_pfs_read_rel(const char *root, const char *rel);
/* Atomic replace (temp in the same dir, fsync, rename, fsync dir), creating parents. */
enum wiz_rc wiz_pfs_write_abs(struct wiz_ctx *ctx, const char *abs, const char *data, size_t len, unsigned mode);
/* The same without syncing the directory: for many files, the caller then syncs each
 * directory once (wiz_pfs_sync_dir) before it relies on the new names. */
enum wiz_rc wiz_pfs_write_abs_nodirsync(struct wiz_ctx *ctx, const char *abs, const char *data, size_t len,
                                        unsigned mode);
/* ---- beneath.c: writes re-checked at write time ---- */
/* rel: a normalised project-relative path. Every component is opened beneath root without
 * following a symbolic link (openat2 RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS, else an O_NOFOLLOW
 * walk); a link or a non-directory in the way is WIZ_EWRITE. Only regular files are read
 * (a FIFO does not block). *out: free(); NUL-terminated. */
enum wiz_rc wiz_beneath_read(struct wiz_ctx *ctx, const char *root, const char *rel, char **out, size_t *len,
                             unsigned *mode);
/* temp beside it, fsync, renameat; missing parents created (0755); mode & 0777 only. The
 * directory entry is not synced: the caller syncs each directory once. */
enum wiz_rc wiz_beneath_write(struct wiz_ctx *ctx, const char *root, const char *rel, const char *data, size_t len,
                              unsigned mode);
/* Removes a regular file (absent: OK; anything else in its place is refused). */
enum wiz_rc wiz_beneath_unlink(struct wiz_ctx *ctx, const char *root, const char *rel);
/* Removes an empty directory; best effort. */
void wiz_beneath_rmdir(const char *root, const char *rel);

/* fsync of a directory: the names created or replaced in it become durable. */
enum wiz_rc wiz_pfs_sync_dir(struct wiz_ctx *ctx, const char *dir);
/* Glob over the project tree. *out: NULL-terminated, one malloc block: free(). */
enum wiz_rc wiz_pfs_glob(struct wiz_ctx *ctx, const char *root, const char *pattern, char ***out);
bool wiz_glob_match(const char *pattern, const char *path);

/* ---- plan.c ---- */
void wiz_plan_free(struct wiz_plan *plan);
/* The entry for path, creating it with the on-disk pre-image. NULL + session error. */
struct wiz_plan_entry *wiz_plan_entry_for(wiz_session *s, const char *rel);
/* Remembers the session's current message as its first refused write (s->refused). */
void wiz_plan_note_refusal(wiz_session *s);
/* Sets the planned text of an entry (copies). */
int wiz_plan_set_text(wiz_session *s, struct wiz_plan_entry *e, const char *text, size_t len, const char *why);
/* Adds the .gitignore block change and drops no-op entries. */
enum wiz_rc wiz_plan_finish(struct wiz_app *app, const char *root, struct wiz_plan *plan);
/* Number of entries that change a file. */
size_t wiz_plan_changes(const struct wiz_plan *plan);
/* Prints the plan as a unified diff to f (colour when asked). */
void wiz_plan_print_diff(const struct wiz_plan *plan, void *f, bool colour);
void wiz_diff_print(void *f, const char *path, const char *a, size_t alen, const char *b, size_t blen, bool colour);

/* the editors of the change model (dependencies, env files, .gitignore): core/edit/edit.h */

/* ---- pkgmgr.c / proc.c ---- */
/* Package manager from lockfiles in dir (abs): static name or NULL. */
const char *wiz_pkgmgr_detect(const char *dir, const char **evidence);
/* The command that installs what plan (may be NULL) added to the project in dir, the
 * project's way (uv add, poetry update, pip install -r ...); NULL when no package
 * manager is found. returns owned NULL-terminated argv in one block: free() */
char **wiz_pkgmgr_install_cmd(const char *dir, const struct wiz_plan *plan);
/* Runs argv in dir, output appended to log_path (may be NULL). *status: exit code or -1.
 * tail (may be NULL) gets the last lines of output: free(). */
enum wiz_rc wiz_run(struct wiz_ctx *ctx, const char *dir, const char *const *argv, const char *log_path,
                    int *status, char **tail);
/* 1 when dir is inside a git work tree, 0 if not. */
int wiz_git_in_repo(const char *root);
/* 1 tracked, 0 not, -1 no git. */
int wiz_git_tracked(const char *root, const char *rel);
/* 1 ignored, 0 not, -1 no git. */
int wiz_git_ignored(const char *root, const char *rel);
/* One git process for n paths: ignored[i] set, returns 0; -1 when git cannot answer. */
int wiz_git_ignored_many(const char *root, const char *const *rels, size_t n, bool *ignored);

/* ---- ledger.c ---- */
/* Applies the plan with a write-ahead ledger; rolls back on failure. *run_id: free(). */
enum wiz_rc wiz_ledger_apply(struct wiz_app *app, const char *root, const char *framework,
                             const struct wiz_plan *plan, char **run_id);
/* Restores a run's pre-images (run_id NULL: the last run not undone). */
enum wiz_rc wiz_ledger_undo(struct wiz_app *app, const char *root, const char *run_id, bool force);

#endif
