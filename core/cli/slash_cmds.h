/* The engine's slash commands (/login, /logout, /whoami, /region, /undo) for the
 * interactive and classic prompt lines; core/ui owns the table, /help, /diff, /exit. */
#ifndef WIZ_SLASH_CMDS_H
#define WIZ_SLASH_CMDS_H

#include "cli.h"

/* What the commands need to know about the run that registered them. */
struct wiz_slash_run {
    bool key_chosen;      /* set by setup once the project key is chosen: /region is too late */
    bool session_changed; /* /login or /logout ran: the session read before is not the run's */
    char user_id[128];    /* the account /login signed in as ("" when none): the run's from then on */
};

/* Registers the commands on this run's UI; run is borrowed while prompts may run
 * (register again with NULL before it goes away: /region then says it is too late). */
enum wiz_rc wiz_slash_cmds_register(struct wiz_app *app, struct wiz_slash_run *run);

/* Shows the header line for the user signed in to zone (display name and email). */
struct wiz_user;
void wiz_slash_show_header(struct wiz_app *app, const struct wiz_user *u, enum wiz_zone zone);

#endif
