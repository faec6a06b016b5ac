/* Printing what the credential store holds, for the offline commands (whoami, auth
 * status, logout). The file is shared with other tools, so its strings are untrusted:
 * control characters never reach the terminal. */
#ifndef WIZ_STORE_TEXT_H
#define WIZ_STORE_TEXT_H

#include "../store/credstore.h"

#include <stdio.h>

/* Writes s to f with every control character (and DEL) shown as '?'. */
void wiz_fputs_safe(FILE *f, const char *s);

/* "First Last", or the id when both names are empty.
 * returns owned string: free() (NULL on allocation failure) */
char *wiz_user_display_name(const struct wiz_user *u);

/* The credential store options for this run (path from app->config_path). */
struct wiz_app;
struct wiz_store wiz_app_store(const struct wiz_app *app);

#endif
