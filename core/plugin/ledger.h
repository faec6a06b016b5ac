/* The run ledger's on-disk records, shared by apply (ledger.c) and undo (ledger_undo.c).
 * manifest: "ampli-wizard-ledger 2", "root <project path>", "framework <id>", then lines
 * "file <index> <c|m> <mode-octal> <sha256-of-new> <path>", each
 * preceded by "dir <path>" for every parent directory the run is about to create, then
 * "complete", "rolledback" or "undone". Pre-images: <index>.pre, mode 0600. */
#ifndef WIZ_LEDGER_H
#define WIZ_LEDGER_H

#include "host.h"

#define PATH_MAX_LINE 4300

struct wiz_ledger_file {
    int index;
    bool created;
    unsigned mode;
    char sha_new[65];
    char path[4096];
};

void wiz_sha256_hex(const char *data, size_t len, char out[65]);
/* ledger_dir.c: this project's run records, <cache>/runs/<sha256(root)[:12]>/undo, where
 * <cache> is $AMPLITUDE_WIZARD_CACHE_DIR or ~/.amplitude/wizard (Amplitude's wizard keeps
 * its per-project runs there too: src/utils/storage-paths.ts). Created 0700; each level
 * must be a directory owned by this user and not writable by others (else refused).
 * *created (may be NULL): the undo dir was made now. returns owned string: free(); NULL
 * with the message on ctx. */
char *wiz_ledger_runs_dir(struct wiz_ctx *ctx, const char *root, bool *created);
/* The same path, nothing created or checked. returns owned string: free() */
char *wiz_ledger_runs_path(struct wiz_ctx *ctx, const char *root);
/* The newest run of root that the wizard never finished (it stopped during apply,
 * install or verify: a crash, a kill), not undone. returns owned id: free(); NULL if none */
char *wiz_ledger_unfinished(struct wiz_ctx *ctx, const char *root);
/* Parses one run record (the manifest at man) as undo does, for root; *nfiles: the files it
 * names. For tests and the fuzz target fuzz_run_record. */
enum wiz_rc wiz_ledger_read_record(struct wiz_ctx *ctx, const char *man, const char *root, size_t *nfiles);
/* Marks a run finished ("done": applied, installed, verified). */
enum wiz_rc wiz_ledger_done(struct wiz_ctx *ctx, const char *root, const char *run_id);
/* Puts one file back as it was before the run. */
enum wiz_rc wiz_ledger_restore(struct wiz_ctx *ctx, const char *root, const char *run_dir,
                               const struct wiz_ledger_file *f);
/* Removes the directories a run created (dirs in creation order), deepest first, each
 * only when empty: what the user put there since stays. */
void wiz_ledger_rmdirs(const char *root, char *const *dirs, size_t n);

#endif
