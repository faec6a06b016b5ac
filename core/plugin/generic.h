/* The generic fallback for a project no plugin claims: manual steps, no edits. */
#ifndef WIZ_GENERIC_H
#define WIZ_GENERIC_H

#include "../cli/cli.h"

/* The framework id that asks for the fallback by name (--framework generic). */
#define WIZ_GENERIC_ID "generic"

/* Prints the manual steps (package, init, env var) for the ecosystem root's files show
 * and returns WIZ_EINTEGRATION (exit 10) with the plugins tried in the message. */
enum wiz_rc wiz_generic_steps(struct wiz_app *app, const char *root, const char *tried);

#endif
