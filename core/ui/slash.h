/* Slash commands typed at the interactive (or classic) prompt line: /help, /login,
 * /logout, /whoami, /region, /diff, /undo, /exit. The UI owns the table and the
 * parser; the engine registers the callbacks that need it (login, logout, whoami,
 * undo) with wiz_ui_slash_register. Built in: /help, /exit, /region (show or set
 * --zone), /diff (the last plan given to wiz_ui_diff). */
#ifndef WIZ_SLASH_H
#define WIZ_SLASH_H

#include "../cli/cli.h"

#include <stddef.h>
#include <stdio.h>

/* args: the text after the command name, trimmed ("" when none). A callback reports
 * through wiz_ui_* calls; an error rc is shown and the prompt goes on, except
 * WIZ_ECANCEL, which ends the run. */
typedef enum wiz_rc (*wiz_slash_fn)(struct wiz_app *app, const char *args, void *ud);

struct wiz_slash_table;

/* Empty table. returns owned: wiz_slash_free(); NULL on allocation failure */
struct wiz_slash_table *wiz_slash_new(void);
void wiz_slash_free(struct wiz_slash_table *t);
/* Adds or replaces name (without '/', lowercase letters). fn NULL: listed but "not
 * available in this run". help is borrowed (a string literal). */
enum wiz_rc wiz_slash_add(struct wiz_slash_table *t, const char *name, const char *help, wiz_slash_fn fn,
                          void *ud);

/* Splits "/name args": returns true for a slash command line, the name lowercased into
 * name[cap] and *args pointing into line (trimmed start; trailing blanks kept out by
 * args_len). Leading blanks before '/' are allowed. */
bool wiz_slash_parse(const char *line, char *name, size_t cap, const char **args, size_t *args_len);
/* The unique command whose name starts with prefix (exact match wins); NULL if none
 * or ambiguous. borrowed: valid while t lives */
const char *wiz_slash_resolve(const struct wiz_slash_table *t, const char *prefix);
/* Runs the slash command in line. *handled = false when line is not a slash command
 * (nothing run). Unknown commands print a hint and return WIZ_OK. */
enum wiz_rc wiz_slash_run(struct wiz_slash_table *t, struct wiz_app *app, const char *line, bool *handled);
/* Lines "/name  help" for /help, in table order, into f. */
void wiz_slash_list(const struct wiz_slash_table *t, FILE *f);

/* Registers on this run's UI (creates it if needed); the built-ins are already there. */
enum wiz_rc wiz_ui_slash_register(struct wiz_app *app, const char *name, const char *help, wiz_slash_fn fn,
                                  void *ud);

#endif
