/* The command table and the parsed options every command receives.
 * One file per command (core/cli/<name>.c), each defining one `const struct wiz_cmd`
 * entry with designated initializers; main.c lists them. */
#ifndef WIZ_CLI_H
#define WIZ_CLI_H

#include "../wiz.h"

#define WIZ_MAX_ARGS 16

/* Every flag the wizard knows. Globals are accepted by every command; the rest
 * only by commands that list them in wiz_cmd.flags. All strings are borrowed
 * from argv/environ and live as long as the process. */
struct wiz_opts {
    /* global */
    enum wiz_zone zone;
    bool zone_set;
    const char *install_dir; /* default "." */
    bool ci, yes, agent, json, debug, classic, help;
    bool confirm_app; /* agent: never auto-pick the environment (Amplitude's --confirm-app) */
    /* sign-in */
    bool signup, accept_tos, no_browser;
    const char *email, *full_name;
    long login_timeout; /* seconds, default 120 */
    /* key selection */
    const char *app_id, *org, *project, *env, *api_key;
    const char *app_name; /* --app-name: create this project (setup) */
    /* setup / plugins */
    const char *framework;
    bool dry_run, skip_install, force;
    const char *lang;
    /* not a flag: set by main from wiz_cmd.auto_agent (piped runs of it become agent runs) */
    bool auto_agent;
    /* positionals after the command words */
    int argc;
    const char *argv[WIZ_MAX_ARGS];
};

struct wiz_ui;

/* Process-wide state of one run, owned by main. */
struct wiz_app {
    struct wiz_ctx ctx;
    struct wiz_opts opts;
    const char *config_path; /* borrowed from env or points into config_buf */
    char config_buf[4096];
    const char *server;      /* $AMPLI_WIZARD_SERVER or NULL */
    const char *argv0;       /* for locating built-in plugins */
    int argc;                /* the process's arguments (agent resume commands) */
    char **argv;
    const char *cmd_name;    /* the command being run, or NULL */
    struct wiz_ui *ui;       /* the run's front end (core/ui), created on first use */
};

struct wiz_cmd {
    const char *name;        /* "whoami", or "auth status" for two-word commands */
    const char *summary;     /* one line for --help */
    const char *usage;       /* text after "usage: ampli-wizard " */
    const char *details;     /* longer help, may be NULL */
    const char *const *flags; /* NULL-terminated names of non-global flags accepted */
    bool auto_agent;          /* a run (setup, login): without a TTY or a mode flag it speaks NDJSON,
                                 as the public wizard does; read-only commands stay plain text */
    enum wiz_rc (*run)(struct wiz_app *app);
};

/* Parses argv[first..argc) into opts for cmd (cmd may be NULL: globals only).
 * Returns WIZ_EUSAGE with a one-line message on ctx for unknown flags or bad values. */
enum wiz_rc wiz_cli_parse(struct wiz_ctx *ctx, struct wiz_opts *opts, const struct wiz_cmd *cmd,
                          int argc, char **argv, int first);
void wiz_opts_defaults(struct wiz_opts *opts);
/* Prints the flag help lines for cmd (globals when cmd == NULL) to f. */
void wiz_cli_print_flags(void *file, const struct wiz_cmd *cmd);

/* Lists the commands of group (the first word of "auth status", "plugins list") on f;
 * returns how many (0: no such group). help.c */
int wiz_print_group_help(void *f, const char *group);

/* The command table, NULL-terminated; defined in main.c. */
extern const struct wiz_cmd *const wiz_commands[];

/* Fills app->config_path: $AMPLI_WIZARD_CONFIG, else ~/.amplitude/wizard/oauth-session.json
 * (copied forward once from ~/.ampli.json while it does not exist: store/migrate.c). */
enum wiz_rc wiz_app_config_path(struct wiz_app *app);

#endif
