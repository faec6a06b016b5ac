/* help [COMMAND] */
#include "cli.h"

#include <stdio.h>
#include <string.h>

void wiz_print_main_help(FILE *f);

int wiz_print_group_help(void *file, const char *group)
{
    FILE *f = file;
    size_t n = strlen(group);
    int found = 0;
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        if (strncmp((*c)->name, group, n) != 0 || (*c)->name[n] != ' ')
            continue;
        if (!found++)
            fprintf(f, "ampli-wizard %s: its commands\n\n", group);
        fprintf(f, "  %-16s %s\n", (*c)->name, (*c)->summary);
    }
    if (found)
        fprintf(f, "\n'ampli-wizard help %s SUBCOMMAND' describes one.\n", group);
    return found;
}

static enum wiz_rc run_help(struct wiz_app *app)
{
    if (app->opts.argc == 0) {
        wiz_print_main_help(stdout);
        return WIZ_OK;
    }
    char name[128] = "";
    for (int i = 0; i < app->opts.argc && i < 2; i++) {
        if (i)
            strncat(name, " ", sizeof name - strlen(name) - 1);
        strncat(name, app->opts.argv[i], sizeof name - strlen(name) - 1);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
            if (strcmp((*c)->name, name) != 0)
                continue;
            printf("usage: ampli-wizard %s\n\n%s\n", (*c)->usage, (*c)->summary);
            if ((*c)->details)
                printf("\n%s\n", (*c)->details);
            if ((*c)->flags) {
                printf("\noptions:\n");
                wiz_cli_print_flags(stdout, *c);
            }
            printf("\nGlobal options are listed by 'ampli-wizard --help'.\n");
            return WIZ_OK;
        }
        /* a group ("help auth", "help plugins"): its commands */
        if (pass == 0 && !strchr(name, ' ') && wiz_print_group_help(stdout, name))
            return WIZ_OK;
        /* "help auth" for "auth status": retry with the first word only */
        char *sp = strchr(name, ' ');
        if (!sp)
            break;
        *sp = '\0';
        if (wiz_print_group_help(stdout, name))
            return WIZ_OK;
    }
    return wiz_fail(&app->ctx, WIZ_EUSAGE, "no command named '%s' (see: ampli-wizard --help)", name);
}

const struct wiz_cmd wiz_cmd_help = {
    .name = "help",
    .summary = "describe a command",
    .usage = "help [COMMAND]",
    .run = run_help,
};
