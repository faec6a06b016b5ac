/* argv -> command table -> exit code. Nothing else lives here. */
#include "cli/cli.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

extern const struct wiz_cmd wiz_cmd_setup, wiz_cmd_login, wiz_cmd_logout, wiz_cmd_whoami,
    wiz_cmd_auth_status, wiz_cmd_auth_token, wiz_cmd_plugins_list, wiz_cmd_plugins_new,
    wiz_cmd_detect, wiz_cmd_undo, wiz_cmd_help;
extern const struct wiz_cmd wiz_cmd_completion;

const struct wiz_cmd *const wiz_commands[] = {
    &wiz_cmd_setup,        &wiz_cmd_detect,      &wiz_cmd_undo,         &wiz_cmd_login,
    &wiz_cmd_logout,       &wiz_cmd_whoami,      &wiz_cmd_auth_status,  &wiz_cmd_auth_token,
    &wiz_cmd_plugins_list, &wiz_cmd_plugins_new, &wiz_cmd_help,         &wiz_cmd_completion,
    NULL,
};

/* Global flags that take a value, so the command word can be found past them. */
static int takes_value(const char *a)
{
    return strcmp(a, "--zone") == 0 || strcmp(a, "--region") == 0 || strcmp(a, "--install-dir") == 0;
}

/* Finds the command named by the first one or two positional words. Returns the index
 * just past the command words in *next, and the command (NULL if none named). */
static const struct wiz_cmd *find_cmd(int argc, char **argv, int *cmd_at, int *words, const char **unknown)
{
    *unknown = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return NULL;
        if (argv[i][0] == '-') {
            if (takes_value(argv[i]))
                i++;
            continue;
        }
        *cmd_at = i;
        if (i + 1 < argc) {
            char two[128];
            snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
            for (const struct wiz_cmd *const *c = wiz_commands; *c; c++)
                if (strcmp((*c)->name, two) == 0) {
                    *words = 2;
                    return *c;
                }
        }
        for (const struct wiz_cmd *const *c = wiz_commands; *c; c++)
            if (strcmp((*c)->name, argv[i]) == 0) {
                *words = 1;
                return *c;
            }
        *unknown = argv[i];
        return NULL;
    }
    return NULL;
}

void wiz_print_main_help(FILE *f)
{
    fprintf(f, "ampli-wizard %s: set up Amplitude analytics in your app\n\n"
               "usage: ampli-wizard [OPTIONS] COMMAND [ARGS]\n\ncommands:\n", WIZ_VERSION);
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++)
        fprintf(f, "  %-16s %s\n", (*c)->name, (*c)->summary);
    fprintf(f, "\noptions for every command:\n");
    wiz_cli_print_flags(f, NULL);
    fprintf(f, "  %-34s %s\n", "    --version", "print the version");
    fprintf(f, "\nenvironment (ours are AMPLI_WIZARD_*: Amplitude's wizard refuses AMPLITUDE_WIZARD_*\n"
               "names it does not know; the AMPLITUDE_WIZARD_* ones below are names it shares):\n"
               "  AMPLI_WIZARD_CONFIG           credential file (default: ~/.amplitude/wizard/oauth-session.json,\n"
               "                                copied forward once from ~/.ampli.json; AMPLITUDE_WIZARD_CONFIG\n"
               "                                is still read after it)\n"
               "  AMPLI_WIZARD_SERVER           send every Amplitude service to this base URL\n"
               "                                (http:// only for loopback addresses)\n"
               "  AMPLI_WIZARD_PLUGIN_PATH      more plugin directories, ':'-separated (absolute)\n"
               "  AMPLI_WIZARD_LOCK_TIMEOUT_MS  how long to wait for the credential file's lock\n"
               "  AMPLITUDE_WIZARD_API_KEY      as --api-key\n"
               "  AMPLITUDE_WIZARD_AGENT=1      as --agent\n"
               "  AMPLITUDE_WIZARD_CACHE_DIR    run records for undo (default ~/.amplitude/wizard)\n"
               "  AMPLITUDE_WIZARD_CONFIRM_APP=1 as --confirm-app\n"
               "  AMPLI_WIZARD_INPUT_TIMEOUT_MS agent mode: how long to wait for an answer (default 60000)\n"
               "  AMPLI_WIZARD_HEARTBEAT_MS     agent mode: heartbeat interval while waiting (default 10000)\n"
               "  AMPLI_WIZARD_COMMAND_TIMEOUT_S  stop an install that runs longer (default 900)\n"
               "  AMPLI_WIZARD_SESSION_ID       agent mode: the session_id of every event (resumed runs)\n"
               "  AMPLI_WIZARD_BUILTIN_PLUGINS  use this directory instead of the built-in plugins\n"
               "  NO_COLOR, BROWSER, HOME, TERM as usual\n"
               "\nexit codes: 0 ok, 1 error, 2 invalid arguments, 3 authentication required,\n"
               "  4 network error, 10 integration failed, 11 project name taken, 12 input required,\n"
               "  13 write refused, 14 lock held, 20 internal error, 130 cancelled\n"
               "\n'ampli-wizard help COMMAND' describes one command.\n");
}

int main(int argc, char **argv)
{
    /* no core file: it would hold the session's access and refresh tokens (PR_SET_DUMPABLE
     * would also stop LeakSanitizer, which attaches with ptrace, so only the limit is set) */
    struct rlimit nocore = {0, 0};
    (void)setrlimit(RLIMIT_CORE, &nocore);
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    wiz_opts_defaults(&app.opts);
    app.argv0 = argv[0];
    app.argc = argc;
    app.argv = argv;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "-v") == 0) {
            printf("ampli-wizard %s\n", WIZ_VERSION);
            return 0;
        }
    }

    int cmd_at = 0, words = 0;
    const char *unknown;
    const struct wiz_cmd *cmd = find_cmd(argc, argv, &cmd_at, &words, &unknown);
    if (unknown) {
        /* a group without its subcommand ("ampli-wizard auth"): its commands */
        int at = 0;
        for (int i = 1; i < argc; i++)
            if (argv[i] == unknown)
                at = i;
        bool alone = at + 1 >= argc || argv[at + 1][0] == '-';
        if (alone && wiz_print_group_help(stdout, unknown))
            return 0;
        fprintf(stderr, "ampli-wizard: unknown command '%s%s%s' (see: ampli-wizard --help)\n", unknown,
                alone ? "" : " ", alone ? "" : argv[at + 1]);
        if (!alone)
            wiz_print_group_help(stderr, unknown);
        return wiz_rc_exit_code(WIZ_EUSAGE);
    }
    /* Parse flags before and after the command words in one go, skipping the words. */
    char *rest[argc > 0 ? argc : 1];
    int n = 0;
    for (int i = 0; i < argc; i++)
        if (!(cmd && i >= cmd_at && i < cmd_at + words))
            rest[n++] = argv[i];
    enum wiz_rc rc = wiz_cli_parse(&app.ctx, &app.opts, cmd, n, rest, 1);
    if (rc) {
        fprintf(stderr, "ampli-wizard: %s\n", wiz_errmsg(&app.ctx));
        return wiz_rc_exit_code(rc);
    }
    if (!cmd) {
        /* no command word before "--" (or none at all): words after "--" are never commands */
        if (app.opts.argc == 0 || app.opts.help) {
            wiz_print_main_help(app.opts.help ? stdout : stderr);
            return app.opts.help ? 0 : wiz_rc_exit_code(WIZ_EUSAGE);
        }
        char *w = wiz_safe_text(app.opts.argv[0], true);
        fprintf(stderr, "ampli-wizard: '%s' is not a command here; a command goes before '--' (see: ampli-wizard --help)\n",
                w ? w : "?");
        free(w);
        return wiz_rc_exit_code(WIZ_EUSAGE);
    }
    if (app.opts.help && cmd != &wiz_cmd_help) {
        app.opts.argc = 1;
        app.opts.argv[0] = cmd->name;
        cmd = &wiz_cmd_help;
    }
    app.ctx.debug = app.opts.debug;
    /* Amplitude's wizard's own variable for --confirm-app: honoured by both */
    const char *ca = getenv("AMPLITUDE_WIZARD_CONFIRM_APP");
    if (ca && ca[0] && strcmp(ca, "0") != 0)
        app.opts.confirm_app = true;
    app.opts.auto_agent = cmd->auto_agent;
    app.cmd_name = cmd->name;
    app.server = getenv("AMPLI_WIZARD_SERVER");
    if (app.server && !app.server[0])
        app.server = NULL;
    rc = wiz_app_config_path(&app);
    if (rc == WIZ_OK)
        rc = wiz_ui_begin(&app);
    if (rc == WIZ_OK)
        rc = cmd->run(&app);
    rc = wiz_ui_finish(&app, rc);
    if (rc != WIZ_OK && rc != WIZ_ECANCEL) {
        char *m = wiz_safe_text(wiz_errmsg(&app.ctx), true); /* a server's or plugin's words inside */
        fprintf(stderr, "ampli-wizard: %s\n", m ? m : wiz_errmsg(&app.ctx));
        free(m);
    }
    return wiz_rc_exit_code(rc);
}
