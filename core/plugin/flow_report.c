/* The end of a setup run, told through the UI: file changes and the summary. */
#include "flow_report.h"

#include "../ui/ui.h"

#include <stdlib.h>
#include <string.h>

static bool changed(const struct wiz_plan_entry *e)
{
    if (e->skip || !e->text)
        return false;
    return !(e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0);
}

void wiz_flow_report_files(struct wiz_app *app, const struct wiz_plan *plan)
{
    for (size_t i = 0; i < plan->n; i++)
        if (changed(&plan->v[i]))
            wiz_ui_file_change(app, plan->v[i].path, plan->v[i].old ? "modify" : "create");
}

/* The usual dev-server command of a JavaScript package manager; NULL for others. static */
static const char *start_cmd(const char *pm)
{
    static const char *const map[][2] = {
        {"npm", "npm run dev"}, {"yarn", "yarn dev"}, {"pnpm", "pnpm dev"}, {"bun", "bun run dev"}};
    for (size_t i = 0; pm && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(pm, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

void wiz_flow_report_summary(struct wiz_app *app, const struct wiz_plan *plan, const struct wiz_flow_done *d)
{
    char *files = NULL, *key = NULL, *install = NULL, *start = NULL, *undo = NULL, *title = NULL;
    size_t n = 0, len = 1;
    for (size_t i = 0; i < plan->n; i++)
        if (changed(&plan->v[i]))
            n++, len += strlen(plan->v[i].path) + 2;
    files = calloc(1, len);
    for (size_t i = 0; files && i < plan->n; i++)
        if (changed(&plan->v[i])) {
            if (files[0])
                strcat(files, ", ");
            strcat(files, plan->v[i].path);
        }
    title = wiz_asprintf("Amplitude is set up for %s: %zu file(s) changed (%s)", d->framework, n,
                         files ? files : "?");
    if (plan->nignore)
        key = wiz_asprintf("The API key is in %s%s (git-ignored; the code reads it from the environment)",
                           plan->ignore[0], plan->nignore > 1 ? " and the other env files" : "");
    if (d->install_cmd)
        install = wiz_asprintf("Install the new dependencies: %s", d->install_cmd);
    const char *sc = start_cmd(d->pm);
    start = sc ? wiz_asprintf("Start the app (%s) and use it: its first events appear in Amplitude", sc)
               : wiz_strdup("Start the app as usual and use it: its first events appear in Amplitude");
    const char *dir = app->opts.install_dir;
    bool here = !dir || strcmp(dir, ".") == 0;
    undo = wiz_asprintf("To revert every change: ampli-wizard undo%s%s %s", here ? "" : " --install-dir ",
                        here ? "" : d->root, d->run_id);
    const char *steps[6];
    int k = 0;
    if (key)
        steps[k++] = key;
    if (install)
        steps[k++] = install;
    if (start)
        steps[k++] = start;
    if (undo)
        steps[k++] = undo;
    steps[k] = NULL;
    wiz_ui_summary(app, title ? title : "Amplitude is set up", steps);
    free(files);
    free(key);
    free(install);
    free(start);
    free(undo);
    free(title);
}
