/* Slash-command table and prompt-line parser. The table is a small array: a dozen
 * commands at most, looked up by unique prefix so "/he" runs /help. */
#include "slash.h"

#include "ui_priv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SLASH_NAME_MAX 24
#define SLASH_MAX 32

struct slash_entry {
    char name[SLASH_NAME_MAX];
    const char *help;
    wiz_slash_fn fn;
    void *ud;
};

struct wiz_slash_table {
    struct slash_entry e[SLASH_MAX];
    int n;
};

struct wiz_slash_table *wiz_slash_new(void)
{
    return calloc(1, sizeof(struct wiz_slash_table));
}

void wiz_slash_free(struct wiz_slash_table *t)
{
    free(t);
}

static bool valid_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len >= SLASH_NAME_MAX)
        return false;
    for (const char *p = name; *p; p++)
        if (!islower((unsigned char)*p))
            return false;
    return true;
}

enum wiz_rc wiz_slash_add(struct wiz_slash_table *t, const char *name, const char *help, wiz_slash_fn fn,
                          void *ud)
{
    if (!t || !name || !valid_name(name))
        return WIZ_EINTERNAL;
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->e[i].name, name) == 0) {
            if (help)
                t->e[i].help = help;
            t->e[i].fn = fn;
            t->e[i].ud = ud;
            return WIZ_OK;
        }
    if (t->n >= SLASH_MAX)
        return WIZ_EINTERNAL;
    struct slash_entry *e = &t->e[t->n++];
    snprintf(e->name, sizeof e->name, "%s", name);
    e->help = help ? help : "";
    e->fn = fn;
    e->ud = ud;
    return WIZ_OK;
}

bool wiz_slash_parse(const char *line, char *name, size_t cap, const char **args, size_t *args_len)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '/' || cap == 0)
        return false;
    p++;
    size_t n = 0;
    while (*p && !isspace((unsigned char)*p)) {
        if (n + 1 < cap)
            name[n++] = (char)tolower((unsigned char)*p);
        p++;
    }
    name[n] = '\0';
    while (*p && isspace((unsigned char)*p))
        p++;
    size_t len = strlen(p);
    while (len > 0 && isspace((unsigned char)p[len - 1]))
        len--;
    *args = p;
    *args_len = len;
    return true;
}

static const struct slash_entry *find(const struct wiz_slash_table *t, const char *prefix)
{
    size_t plen = strlen(prefix);
    const struct slash_entry *hit = NULL;
    if (plen == 0)
        return NULL;
    for (int i = 0; i < t->n; i++) {
        if (strcmp(t->e[i].name, prefix) == 0)
            return &t->e[i];
        if (strncmp(t->e[i].name, prefix, plen) == 0) {
            if (hit)
                return NULL; /* ambiguous */
            hit = &t->e[i];
        }
    }
    return hit;
}

const char *wiz_slash_resolve(const struct wiz_slash_table *t, const char *prefix)
{
    const struct slash_entry *e = find(t, prefix);
    return e ? e->name : NULL;
}

void wiz_slash_list(const struct wiz_slash_table *t, FILE *f)
{
    for (int i = 0; i < t->n; i++)
        fprintf(f, "  /%-8s %s%s\n", t->e[i].name, t->e[i].help, t->e[i].fn ? "" : " (not available in this run)");
}

enum wiz_rc wiz_slash_run(struct wiz_slash_table *t, struct wiz_app *app, const char *line, bool *handled)
{
    char name[SLASH_NAME_MAX + 8];
    const char *args;
    size_t args_len;
    *handled = wiz_slash_parse(line, name, sizeof name, &args, &args_len);
    if (!*handled)
        return WIZ_OK;
    const struct slash_entry *e = find(t, name);
    if (!e) {
        wiz_ui_status(app, "unknown command /%s: type /help for the list", name);
        return WIZ_OK;
    }
    if (!e->fn) {
        wiz_ui_status(app, "/%s is not available in this run", e->name);
        return WIZ_OK;
    }
    char *a = strndup(args, args_len);
    if (!a)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = e->fn(app, a, e->ud);
    free(a);
    return rc;
}

/* ---- the built-ins every UI table starts with ---- */

static enum wiz_rc builtin_help(struct wiz_app *app, const char *args, void *ud)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    (void)args;
    (void)ud;
    fprintf(ui->out, "commands:\n");
    wiz_slash_list(ui->slash, ui->out);
    fflush(ui->out);
    return WIZ_OK;
}

static enum wiz_rc builtin_exit(struct wiz_app *app, const char *args, void *ud)
{
    (void)args;
    (void)ud;
    return wiz_fail(&app->ctx, WIZ_ECANCEL, "stopped at /exit");
}

static enum wiz_rc builtin_region(struct wiz_app *app, const char *args, void *ud)
{
    (void)ud;
    if (args[0]) {
        if (wiz_zone_parse(&app->opts.zone, args) != 0) {
            wiz_ui_status(app, "'%s' is not a zone: use us or eu", args);
            return WIZ_OK;
        }
        app->opts.zone_set = true;
    }
    wiz_ui_status(app, "zone: %s%s", wiz_zone_name(app->opts.zone), args[0] ? " (used from the next sign-in)" : "");
    return WIZ_OK;
}

static enum wiz_rc builtin_diff(struct wiz_app *app, const char *args, void *ud)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    (void)args;
    (void)ud;
    if (!ui->plan) {
        wiz_ui_status(app, "no plan yet");
        return WIZ_OK;
    }
    char *copy = wiz_strdup(ui->plan);
    if (!copy)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    wiz_ui_diff(app, "current plan", copy);
    free(copy);
    return WIZ_OK;
}

enum wiz_rc wiz_ui_slash_builtins(struct wiz_slash_table *t)
{
    enum wiz_rc rc = WIZ_OK;
    rc = rc ? rc : wiz_slash_add(t, "help", "list these commands", builtin_help, NULL);
    rc = rc ? rc : wiz_slash_add(t, "login", "sign in again now (refresh, else browser)", NULL, NULL);
    rc = rc ? rc : wiz_slash_add(t, "logout", "forget the stored sign-in for this zone", NULL, NULL);
    rc = rc ? rc : wiz_slash_add(t, "whoami", "who is signed in, in which zone", NULL, NULL);
    rc = rc ? rc : wiz_slash_add(t, "region", "show the zone, or set it: /region eu", builtin_region, NULL);
    rc = rc ? rc : wiz_slash_add(t, "diff", "show the current plan", builtin_diff, NULL);
    rc = rc ? rc : wiz_slash_add(t, "undo", "revert the last applied setup", NULL, NULL);
    rc = rc ? rc : wiz_slash_add(t, "exit", "stop here (exit 130)", builtin_exit, NULL);
    return rc;
}

enum wiz_rc wiz_ui_slash_register(struct wiz_app *app, const char *name, const char *help, wiz_slash_fn fn,
                                  void *ud)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    enum wiz_rc rc = wiz_slash_add(ui->slash, name, help, fn, ud);
    return rc ? wiz_fail(&app->ctx, rc, "cannot register /%s", name ? name : "(null)") : WIZ_OK;
}
