/* One flag table for the whole CLI, parsed once. */
#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum flag_kind { F_BOOL, F_STR, F_LONG, F_ZONE };

struct flag_def {
    const char *name;  /* without leading dashes */
    const char *alias; /* another long name, or NULL */
    char shortc;       /* 0 if none */
    enum flag_kind kind;
    size_t off;
    bool global;
    const char *arg;   /* metavar for help */
    const char *help;
};

#define O(f) offsetof(struct wiz_opts, f)
static const struct flag_def defs[] = {
    {"zone", "region", 0, F_ZONE, O(zone), true, "us|eu", "Amplitude data zone (default: us)"},
    {"install-dir", NULL, 0, F_STR, O(install_dir), true, "DIR", "project directory (default: .)"},
    {"ci", NULL, 0, F_BOOL, O(ci), true, NULL, "no questions: flags and defaults only"},
    {"yes", "auto-approve", 'y', F_BOOL, O(yes), true, NULL, "answer yes to confirmations (implies CI mode)"},
    {"confirm-app", NULL, 0, F_BOOL, O(confirm_app), true, NULL, "agent mode: never pick the environment without an answer"},
    {"agent", NULL, 0, F_BOOL, O(agent), true, NULL, "NDJSON events on stdout for AI agents"},
    {"classic", NULL, 0, F_BOOL, O(classic), true, NULL, "plain numbered prompts on stdin/stdout"},
    {"json", NULL, 0, F_BOOL, O(json), true, NULL, "machine-readable output for read-only commands"},
    {"debug", NULL, 0, F_BOOL, O(debug), true, NULL, "verbose log (tokens are always redacted)"},
    {"help", NULL, 'h', F_BOOL, O(help), true, NULL, "show help"},
    {"signup", NULL, 0, F_BOOL, O(signup), false, NULL, "create an Amplitude account instead of signing in"},
    {"email", NULL, 0, F_STR, O(email), false, "EMAIL", "email for --signup"},
    {"full-name", NULL, 0, F_STR, O(full_name), false, "NAME", "full name for --signup"},
    {"accept-tos", NULL, 0, F_BOOL, O(accept_tos), false, NULL, "accept Amplitude's terms of service (--signup)"},
    {"no-browser", NULL, 0, F_BOOL, O(no_browser), false, NULL, "print the sign-in URL, do not open a browser"},
    {"login-timeout", NULL, 0, F_LONG, O(login_timeout), false, "SECONDS", "wait this long for the browser (default 120)"},
    {"app-id", NULL, 0, F_STR, O(app_id), false, "ID", "use this Amplitude app (project environment)"},
    {"org", NULL, 0, F_STR, O(org), false, "NAME", "choose the organization by name"},
    {"project", NULL, 0, F_STR, O(project), false, "NAME", "choose the project by name"},
    {"env", NULL, 0, F_STR, O(env), false, "NAME", "choose the environment by name"},
    {"api-key", NULL, 0, F_STR, O(api_key), false, "KEY", "use this API key, skip sign-in"},
    {"app-name", "project-name", 0, F_STR, O(app_name), false, "NAME", "create a new Amplitude project named NAME and use it"},
    {"framework", "integration", 0, F_STR, O(framework), false, "ID", "skip detection, use this framework"},
    {"dry-run", NULL, 0, F_BOOL, O(dry_run), false, NULL, "show the changes as a diff, write nothing"},
    {"skip-install", NULL, 0, F_BOOL, O(skip_install), false, NULL, "edit the manifest, do not run the installer"},
    {"force", NULL, 0, F_BOOL, O(force), false, NULL, "override safety refusals"},
    {"lang", NULL, 0, F_STR, O(lang), false, "c|lua", "plugin language"},
};
#undef O

void wiz_opts_defaults(struct wiz_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->install_dir = ".";
    opts->login_timeout = 120;
}

static bool cmd_accepts(const struct wiz_cmd *cmd, const struct flag_def *d)
{
    if (d->global)
        return true;
    if (!cmd || !cmd->flags)
        return false;
    for (const char *const *f = cmd->flags; *f; f++)
        if (strcmp(*f, d->name) == 0)
            return true;
    return false;
}

static const struct flag_def *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        const struct flag_def *d = &defs[i];
        if ((strlen(d->name) == len && strncmp(d->name, name, len) == 0) ||
            (d->alias && strlen(d->alias) == len && strncmp(d->alias, name, len) == 0))
            return d;
    }
    return NULL;
}

static const struct flag_def *find_short(char c)
{
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (defs[i].shortc && defs[i].shortc == c)
            return &defs[i];
    return NULL;
}

static enum wiz_rc set_value(struct wiz_ctx *ctx, struct wiz_opts *opts, const struct flag_def *d,
                             const char *shown, const char *val)
{
    char *base = (char *)opts + d->off;
    switch (d->kind) {
    case F_BOOL:
        *(bool *)base = true;
        return WIZ_OK;
    case F_STR:
        if (!val[0])
            return wiz_fail(ctx, WIZ_EUSAGE, "%s needs a non-empty value", shown);
        *(const char **)base = val;
        return WIZ_OK;
    case F_LONG: {
        char *end;
        errno = 0;
        long v = strtol(val, &end, 10);
        if (errno || end == val || *end || v <= 0 || v > 86400)
            return wiz_fail(ctx, WIZ_EUSAGE, "%s: '%s' is not a number of seconds (1..86400)", shown, val);
        *(long *)base = v;
        return WIZ_OK;
    }
    case F_ZONE:
        if (wiz_zone_parse(&opts->zone, val) != 0)
            return wiz_fail(ctx, WIZ_EUSAGE, "%s: '%s' is not a zone (us or eu)", shown, val);
        opts->zone_set = true;
        return WIZ_OK;
    }
    return WIZ_OK;
}

enum wiz_rc wiz_cli_parse(struct wiz_ctx *ctx, struct wiz_opts *opts, const struct wiz_cmd *cmd,
                          int argc, char **argv, int first)
{
    bool only_pos = false;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == '\0') {
            if (opts->argc >= WIZ_MAX_ARGS)
                return wiz_fail(ctx, WIZ_EUSAGE, "too many arguments");
            opts->argv[opts->argc++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        const struct flag_def *d;
        const char *inline_val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            d = find_long(name, len);
            if (eq)
                inline_val = eq + 1;
        } else {
            d = a[2] == '\0' ? find_short(a[1]) : NULL;
        }
        if (!d || !cmd_accepts(cmd, d)) {
            if (d && cmd)
                return wiz_fail(ctx, WIZ_EUSAGE, "'%s' does not take %s (see: ampli-wizard help %s)",
                                cmd->name, a, cmd->name);
            return wiz_fail(ctx, WIZ_EUSAGE, "unknown option '%s' (see: ampli-wizard --help)", a);
        }
        if (d->kind == F_BOOL) {
            if (inline_val)
                return wiz_fail(ctx, WIZ_EUSAGE, "--%s takes no value", d->name);
            set_value(ctx, opts, d, a, NULL);
            continue;
        }
        const char *val = inline_val;
        if (!val) {
            /* "--api-key --install-dir D" is a forgotten value, not a key named "--install-dir";
             * a value that really starts with "--" can still be given as --flag=--value */
            if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)
                return wiz_fail(ctx, WIZ_EUSAGE, "%s needs a value (%s)", a, d->arg);
            val = argv[++i];
        }
        enum wiz_rc rc = set_value(ctx, opts, d, a, val);
        if (rc)
            return rc;
    }
    return WIZ_OK;
}

void wiz_cli_print_flags(void *file, const struct wiz_cmd *cmd)
{
    FILE *f = file;
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        const struct flag_def *d = &defs[i];
        if (cmd ? (d->global || !cmd_accepts(cmd, d)) : !d->global)
            continue;
        char left[80];
        int n = d->shortc ? snprintf(left, sizeof left, "-%c, --%s", d->shortc, d->name)
                          : snprintf(left, sizeof left, "    --%s", d->name);
        if (d->alias && n > 0 && (size_t)n < sizeof left)
            n += snprintf(left + n, sizeof left - (size_t)n, ", --%s", d->alias);
        if (d->arg && n > 0 && (size_t)n < sizeof left)
            snprintf(left + n, sizeof left - (size_t)n, " %s", d->arg);
        fprintf(f, "  %-34s %s\n", left, d->help);
    }
}
