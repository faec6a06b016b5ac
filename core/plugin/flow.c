/* setup's plugin half: detect -> (sign-in happens in setup.c) -> plan -> preview and
 * confirm -> apply through the ledger -> install -> verify. */
#include "flow.h"
#include "subprojects.h"
#include "generic.h"
#include "host.h"
#include "flow_report.h"
#include "ledger.h"
#include "../ui/ui.h"
#include "../ui/slash.h"

#include <jansson.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct wiz_flow {
    struct wiz_registry reg;
    struct wiz_plugin *plugin;
    const char *framework;   /* borrowed from plugin->ids */
    char *evidence;          /* NULL when chosen by --framework */
    char *root;
    const char *pm, *pm_evidence;
};

void wiz_flow_free(struct wiz_flow *flow)
{
    if (!flow)
        return;
    wiz_registry_free(&flow->reg);
    free(flow->evidence);
    free(flow->root);
    free(flow);
}

static void session_init(wiz_session *s, struct wiz_app *app, struct wiz_flow *f, struct wiz_plugin *p,
                         enum wiz_phase phase)
{
    memset(s, 0, sizeof *s);
    s->magic = WIZ_SESSION_MAGIC;
    s->phase = phase;
    s->app = app;
    s->plugin = p;
    s->root = f->root;
    s->framework = f->framework;
    s->pkgmgr = f->pm;
}

static void session_end(wiz_session *s)
{
    s->phase = WIZ_PHASE_ENDED;
    free(s->claim_id);
    free(s->claim_evidence);
    s->claim_id = s->claim_evidence = NULL;
}

/* every framework id on offer, for "tried: ..." messages. returns owned string: free() */
static char *all_ids(const struct wiz_registry *reg)
{
    size_t cap = 1;
    for (size_t i = 0; i < reg->n; i++)
        for (char **id = reg->v[i].ids; reg->v[i].status == WIZ_PS_OK && id && *id; id++)
            cap += strlen(*id) + 2;
    char *s = calloc(1, cap);
    for (size_t i = 0; s && i < reg->n; i++)
        for (char **id = reg->v[i].ids; reg->v[i].status == WIZ_PS_OK && id && *id; id++) {
            if (s[0])
                strcat(s, ", ");
            strcat(s, *id);
        }
    return s;
}

static int by_priority(const void *a, const void *b)
{
    const struct wiz_plugin *x = *(struct wiz_plugin *const *)a, *y = *(struct wiz_plugin *const *)b;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return x < y ? -1 : x > y; /* discovery order */
}

static enum wiz_rc detect(struct wiz_app *app, struct wiz_flow *f)
{
    struct wiz_plugin *order[512];
    size_t n = 0;
    for (size_t i = 0; i < f->reg.n && n < 512; i++)
        if (f->reg.v[i].status == WIZ_PS_OK)
            order[n++] = &f->reg.v[i];
    qsort(order, n, sizeof *order, by_priority);
    for (size_t i = 0; i < n; i++) {
        wiz_session s;
        session_init(&s, app, f, order[i], WIZ_PHASE_DETECT);
        struct wiz_ctx saved = app->ctx;
        enum wiz_rc rc = wiz_plugin_call(order[i], WIZ_CALL_DETECT, &s);
        if (rc) {
            wiz_warn(&saved, "%s", wiz_errmsg(&app->ctx));
            app->ctx = saved;
        } else if (s.claim_id) {
            /* a claim for an id another plugin already serves first does not count */
            const char *canon = NULL;
            if (wiz_registry_find(&f->reg, s.claim_id, &canon) == order[i]) {
                f->plugin = order[i];
                f->framework = canon;
                f->evidence = s.claim_evidence;
                s.claim_evidence = NULL;
            }
        }
        session_end(&s);
        if (f->plugin)
            return WIZ_OK;
    }
    return WIZ_ENOTFOUND;
}

/* No plugin claims the root: a monorepo, or an app in a subdirectory? The sub-projects a
 * plugin claims are offered (interactive, classic, agent: --install-dir answers it) or
 * named in the error with the --install-dir to pass (CI). WIZ_ENOTFOUND: none. */
static enum wiz_rc pick_subproject(struct wiz_app *app, struct wiz_flow *f)
{
    char **dirs = wiz_subproject_dirs(f->root, 24);
    char *root = f->root;
    struct cand {
        char *dir, *value, *label, *evidence;
        struct wiz_plugin *plugin;
        const char *framework;
    } c[12];
    int nc = 0;
    for (char **d = dirs; d && *d && nc < 12; d++) {
        f->root = wiz_asprintf("%s/%s", root, *d);
        f->plugin = NULL;
        f->evidence = NULL;
        if (f->root && detect(app, f) == WIZ_OK) {
            const char *base = app->opts.install_dir && strcmp(app->opts.install_dir, ".") != 0 ? app->opts.install_dir : NULL;
            c[nc] = (struct cand){wiz_strdup(*d), base ? wiz_asprintf("%s/%s", base, *d) : wiz_strdup(*d),
                                  wiz_asprintf("%s (%s)", *d, f->framework), f->evidence, f->plugin, f->framework};
            f->evidence = NULL;
            if (c[nc].dir && c[nc].value && c[nc].label)
                nc++;
        }
        free(f->evidence);
        free(f->root);
    }
    f->root = root;
    f->plugin = NULL;
    f->framework = NULL;
    f->evidence = NULL;
    wiz_subproject_free(dirs);
    enum wiz_rc rc = WIZ_ENOTFOUND;
    if (nc > 0) {
        char list[1024] = "";
        for (int i = 0; i < nc; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", c[i].label);
        enum wiz_ui_mode m = wiz_ui_mode(app);
        if (m == WIZ_UI_CI) {
            rc = wiz_fail(&app->ctx, WIZ_EUSAGE, "no plugin recognises %s itself, but its sub-projects: %s; pass "
                          "--install-dir %s (the one to set up)", root, list, c[0].value);
        } else {
            const char *labels[12], *values[12];
            for (int i = 0; i < nc; i++)
                labels[i] = c[i].label, values[i] = c[i].value;
            int pick = 0;
            char *q = wiz_asprintf("%s holds several projects (%s): which one gets Amplitude?", root, list);
            rc = wiz_ui_choose_values(app, q ? q : "Which project gets Amplitude?", labels, values, nc, nc == 1 ? 0 : -1,
                                      "--install-dir", &pick);
            free(q);
            if (!rc) {
                char *sub = wiz_asprintf("%s/%s", root, c[pick].dir);
                if (sub) {
                    f->root = sub;
                    free(root);
                    f->plugin = c[pick].plugin;
                    f->framework = c[pick].framework;
                    f->evidence = c[pick].evidence;
                    c[pick].evidence = NULL;
                    wiz_ui_status(app, "Setting up %s: run later commands (undo) with --install-dir %s", c[pick].dir,
                                  c[pick].value);
                } else {
                    rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
                }
            }
        }
    }
    for (int i = 0; i < nc; i++) {
        free(c[i].dir);
        free(c[i].value);
        free(c[i].label);
        free(c[i].evidence);
    }
    return rc;
}

enum wiz_rc wiz_flow_detect(struct wiz_app *app, struct wiz_flow **out)
{
    *out = NULL;
    struct wiz_flow *f = calloc(1, sizeof *f);
    if (!f)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    f->root = wiz_pfs_root(&app->ctx, app->opts.install_dir);
    if (!f->root) {
        free(f);
        return app->ctx.rc;
    }
    enum wiz_rc rc = wiz_registry_load(app, &f->reg);
    if (!rc && app->opts.framework) {
        f->plugin = wiz_registry_find(&f->reg, app->opts.framework, &f->framework);
        if (!f->plugin && strcasecmp(app->opts.framework, WIZ_GENERIC_ID) == 0) {
            char *ids = all_ids(&f->reg); /* asked by name (no plugin serves it): the manual steps */
            rc = wiz_generic_steps(app, f->root, ids);
            free(ids);
        } else if (!f->plugin) {
            char *ids = all_ids(&f->reg);
            rc = wiz_fail(&app->ctx, WIZ_EUSAGE, "no plugin serves framework '%s' (tried: %s)", app->opts.framework,
                          ids && ids[0] ? ids : "no plugins found");
            free(ids);
        }
    } else if (!rc && detect(app, f) != WIZ_OK) {
        rc = pick_subproject(app, f); /* a monorepo: one of its sub-projects */
        if (rc == WIZ_ENOTFOUND) { /* both branches below set rc */
            char *ids = all_ids(&f->reg);
            /* a person is asked; an agent gets needs_input naming --framework (exit 12 when
             * no answer comes on stdin); CI stays exit 2 with the list tried */
            enum wiz_ui_mode m = wiz_ui_mode(app);
            if (m != WIZ_UI_CI && ids && ids[0]) {
                const char *labels[257], *values[257];
                struct wiz_plugin *owners[256];
                int nl = 0;
                for (size_t i = 0; i < f->reg.n && nl < 256; i++)
                    for (char **id = f->reg.v[i].ids; f->reg.v[i].status == WIZ_PS_OK && *id && nl < 256; id++)
                        owners[nl] = &f->reg.v[i], values[nl] = *id, labels[nl++] = *id;
                /* the last choice: none of these, the manual steps (--framework generic) */
                labels[nl] = "none of these: show the manual steps";
                values[nl] = WIZ_GENERIC_ID;
                int pick = 0;
                char *q = wiz_asprintf("No plugin recognised %s (tried: %s). Which framework does this project use?",
                                       f->root, ids);
                rc = wiz_ui_choose_values(app, q ? q : "Which framework does this project use?", labels, values,
                                          nl + 1, -1, "--framework", &pick);
                free(q);
                if (!rc && pick == nl) {
                    rc = wiz_generic_steps(app, f->root, ids);
                } else if (!rc) {
                    f->plugin = owners[pick];
                    f->framework = labels[pick];
                }
            } else if (app->cmd_name && strcmp(app->cmd_name, "setup") == 0) {
                /* CI: setup ends with the manual steps and exit 10; detect stays exit 2 */
                rc = wiz_generic_steps(app, f->root, ids);
            } else {
                rc = wiz_fail(&app->ctx, WIZ_EUSAGE, "could not tell which framework %s uses (tried: %s); pass --framework ID",
                              f->root, ids && ids[0] ? ids : "no plugins found");
            }
            free(ids);
        }
    }
    if (rc) {
        wiz_flow_free(f);
        return rc;
    }
    f->pm = wiz_pkgmgr_detect(f->root, &f->pm_evidence);
    *out = f;
    return WIZ_OK;
}

void wiz_flow_report(struct wiz_app *app, const struct wiz_flow *f, bool json)
{
    const struct wiz_plugin *p = f->plugin;
    if (json) {
        /* Amplitude's wizard's `detect` fields first (src/lib/agent-ops.ts DetectResult:
         * integration in its spelling, frameworkName, confidence), then ours */
        static const char *const names[][3] = {
            {"next-js", "nextjs", "Next.js"},          {"vue", "vue", "Vue"},
            {"react-router", "react-router", "React Router"}, {"django", "django", "Django"},
            {"flask", "flask", "Flask"},               {"fastapi", "fastapi", "FastAPI"},
            {"javascript-web", "javascript_web", "JavaScript (Web)"},
            {"javascript-node", "javascript_node", "JavaScript (Node.js)"}, {"python", "python", "Python"},
            /* frameworks its Integration enum (src/lib/constants.ts) has no member for: it sets
             * them up as javascript_web with a framework skill (skills/integration/integration-*) */
            {"react", "javascript_web", "React"},      {"sveltekit", "javascript_web", "SvelteKit"},
            {"astro", "javascript_web", "Astro"},    {"nuxt", "javascript_web", "Nuxt"},
            {"angular", "javascript_web", "Angular"}, {"tanstack", "javascript_web", "TanStack"}};
        const char *integration = f->framework, *display = f->framework;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(names[i][0], f->framework) == 0) {
                integration = names[i][1];
                display = names[i][2];
            }
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "integration",
                              integration, "frameworkName", display, "confidence", f->evidence ? "detected" : "chosen",
                              "framework", f->framework, "plugin", p->name, "version", p->version, "kind",
                              p->kind == WIZ_PK_C ? "c" : "lua", "path", p->path, "evidence", f->evidence,
                              "packageManager", f->pm, "packageManagerEvidence", f->pm_evidence, "project", f->root);
        char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (s)
            wiz_ui_result(app, "detect", f->framework, s);
        free(s);
        json_decref(o);
        return;
    }
    printf("framework: %s\n", f->framework);
    printf("plugin: %s %s (%s, %s)\n", p->name, p->version, p->kind == WIZ_PK_C ? "c" : "lua", p->path);
    printf("evidence: %s\n", f->evidence ? f->evidence : "chosen with --framework");
    if (f->pm)
        printf("package manager: %s (%s)\n", f->pm, f->pm_evidence);
    else
        printf("package manager: none found\n");
}

/* A line for the user, through the front end (agent: a status event). */
static void say(struct wiz_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct wiz_app *app, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wiz_ui_status(app, "%s", buf);
}

/* The plan as a unified diff through the UI (interactive colours it, honouring
 * NO_COLOR; /diff shows it again). */
static void show_diff(struct wiz_app *app, const struct wiz_plan *plan)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        return;
    wiz_plan_print_diff(plan, m, false);
    fclose(m);
    wiz_ui_diff(app, "Planned changes", buf);
    free(buf);
}

/* The install runs the project's own lifecycle scripts (npm, pnpm, yarn and bun run these
 * of the root package.json on install): the plan names them before the user says yes. */
static void lifecycle_note(struct wiz_app *app, const struct wiz_plan *plan)
{
    if (!plan->install || app->opts.skip_install)
        return;
    char *manifest = plan->install_dir && plan->install_dir[0] ? wiz_asprintf("%s/package.json", plan->install_dir)
                                                               : wiz_strdup("package.json");
    const struct wiz_plan_entry *e = NULL;
    for (size_t i = 0; manifest && i < plan->n && !e; i++)
        if (strcmp(plan->v[i].path, manifest) == 0)
            e = &plan->v[i];
    free(manifest);
    const char *text = e ? (e->text ? e->text : e->old) : NULL;
    json_t *pkg = text ? json_loads(text, 0, NULL) : NULL;
    json_t *scripts = json_object_get(pkg, "scripts");
    static const char *const hooks[] = {"preinstall", "install", "postinstall", "prepublish", "preprepare",
                                        "prepare", "postprepare", NULL};
    char names[256] = "";
    for (const char *const *h = hooks; *h; h++)
        if (json_is_string(json_object_get(scripts, *h)))
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? ", " : "", *h);
    if (names[0])
        say(app, "note: the install will run this project's own scripts from package.json (%s); "
                 "--skip-install lets you read them first", names);
    json_decref(pkg);
}

/* After apply: every env file must really be ignored by git (a later "!" rule could
 * undo our block). */
static enum wiz_rc confirm_ignored(struct wiz_app *app, const char *root, const struct wiz_plan *plan)
{
    for (size_t i = 0; i < plan->nignore; i++)
        if (wiz_git_ignored(root, plan->ignore[i]) == 0)
            return wiz_fail(&app->ctx, WIZ_EWRITE, "git does not ignore %s even after the .gitignore update "
                            "(a '!' rule?): refusing to leave a key in it", plan->ignore[i]);
    return WIZ_OK;
}

/* *not_run: the install command the user still has to run (owned: free()), or NULL. */
static enum wiz_rc install(struct wiz_app *app, struct wiz_flow *f, const struct wiz_plan *plan, const char *run_id,
                           char **not_run)
{
    char *dir = plan->install_dir && plan->install_dir[0] ? wiz_asprintf("%s/%s", f->root, plan->install_dir)
                                                          : wiz_strdup(f->root);
    char **cmdv = dir ? wiz_pkgmgr_install_cmd(dir, plan) : NULL;
    const char *const *argv = (const char *const *)cmdv;
    enum wiz_rc rc = WIZ_OK;
    char cmd[256] = "";
    /* shown to the user to copy: quoted where a shell would read it otherwise ('<' in a
     * version range); the install itself runs argv, no shell */
    for (const char *const *a = argv; a && *a; a++) {
        bool plain = **a && strspn(*a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/=@:+,-") == strlen(*a);
        snprintf(cmd + strlen(cmd), sizeof cmd - strlen(cmd), plain ? "%s%s" : "%s'%s'", cmd[0] ? " " : "", *a);
    }
    if (!argv) {
        wiz_warn(&app->ctx, "no package manager found: install the new dependencies yourself");
        *not_run = wiz_strdup("with your package manager");
    } else if (app->opts.skip_install) {
        wiz_ui_status(app, "Skipped installing dependencies (--skip-install): run '%s' yourself", cmd);
        *not_run = wiz_strdup(cmd);
    } else {
        char *step = wiz_asprintf("Installing dependencies: %s", cmd);
        wiz_ui_progress_begin(app, step ? step : "Installing dependencies");
        free(step);
        struct wiz_ctx lctx;
        wiz_ctx_init(&lctx);
        char *runs = wiz_ledger_runs_dir(&lctx, f->root, NULL);
        char *log = runs ? wiz_asprintf("%s/%s/install.log", runs, run_id) : NULL;
        free(runs);
        int st;
        char *tail = NULL;
        rc = wiz_run(&app->ctx, dir, argv, log, &st, &tail);
        wiz_ui_progress_end(app, rc == WIZ_OK && st == 0);
        if (rc == WIZ_ECANCEL || rc == WIZ_EINTEGRATION) { /* interrupted or hung: say what is left */
            char why[512];
            snprintf(why, sizeof why, "%s", wiz_errmsg(&app->ctx));
            rc = wiz_fail(&app->ctx, rc, "%s; the file changes are kept: 'ampli-wizard undo --install-dir %s %s' "
                          "reverts them", why, f->root, run_id);
            if (rc == WIZ_ECANCEL) /* main stays quiet on a cancel: this one must be said */
                wiz_ui_log(app, 0, "%s", wiz_errmsg(&app->ctx));
        }
        if (!rc && st != 0)
            rc = wiz_fail(&app->ctx, WIZ_EINTEGRATION,
                          "'%s' failed (exit %d) in %s; last lines:\n%s\nfull log: %s\n"
                          "the file changes are kept: 'ampli-wizard undo %s' reverts them",
                          cmd, st, dir, tail ? tail : "", log ? log : "-", run_id);
        free(tail);
        free(log);
    }
    free(cmdv);
    free(dir);
    return rc;
}

enum wiz_rc wiz_flow_rehearse(struct wiz_app *app, struct wiz_flow *f, enum wiz_zone zone, const char *ingest_url)
{
    if (!f)
        return WIZ_OK;
    /* a well-formed key no project has: the plan's shape does not depend on its value */
    struct wiz_session_info info = {.api_key = "00000000000000000000000000000000", .zone = zone,
                                    .ingest_url = ingest_url, .app_source = "auto", .user_id = "0",
                                    .user_email = "someone@example.invalid", .org_id = "0",
                                    .org_name = "Organization", .project_id = "0", .project_name = "Project",
                                    .env_name = "Production", .app_id = "0"}; /* what a sign-in gives */
    struct wiz_plan plan = {0};
    wiz_session s;
    session_init(&s, app, f, f->plugin, WIZ_PHASE_PLAN);
    s.info = &info;
    s.plan = &plan;
    s.rehearsal = true;
    enum wiz_rc rc = wiz_plugin_call(f->plugin, WIZ_CALL_PLAN, &s);
    bool guessed = s.rehearsal_guessed;
    session_end(&s);
    if (!rc)
        rc = wiz_plan_finish(app, f->root, &plan);
    wiz_plan_free(&plan);
    if (rc && guessed) {
        wiz_debug(&app->ctx, "rehearsal: %s (after a made-up answer: not conclusive)", wiz_errmsg(&app->ctx));
        app->ctx.rc = WIZ_OK;
        return WIZ_OK;
    }
    return rc;
}

enum wiz_rc wiz_flow_run(struct wiz_app *app, struct wiz_flow *f, const struct wiz_session_info *info)
{
    if (!f)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "no framework chosen");
    /* an earlier run that the wizard never finished (a crash or a kill during apply,
     * install or verify) may have left the project half set up: say how to undo it */
    struct wiz_ctx uctx;
    wiz_ctx_init(&uctx);
    char *unfinished = wiz_ledger_unfinished(&uctx, f->root);
    if (unfinished)
        wiz_warn(&app->ctx, "run %s did not finish (the wizard stopped during it): 'ampli-wizard undo %s%s%s' "
                            "restores the project as it was before it",
                 unfinished, unfinished, app->opts.install_dir ? " --install-dir " : "",
                 app->opts.install_dir ? app->opts.install_dir : "");
    free(unfinished);
    wiz_flow_report_context(app, info);
    struct wiz_plan plan = {0};
    wiz_session s;
    session_init(&s, app, f, f->plugin, WIZ_PHASE_PLAN);
    s.info = info;
    s.plan = &plan;
    char *step = wiz_asprintf("Planning the %s integration", f->framework);
    wiz_ui_progress_begin(app, step ? step : "Planning");
    free(step);
    enum wiz_rc rc = wiz_plugin_call(f->plugin, WIZ_CALL_PLAN, &s);
    session_end(&s);
    wiz_ui_progress_end(app, rc == WIZ_OK);
    if (rc) {
        wiz_plan_free(&plan);
        return rc; /* nothing was written: plan never writes */
    }
    rc = wiz_plan_finish(app, f->root, &plan);
    size_t changes = rc ? 0 : wiz_plan_changes(&plan);
    if (!rc && changes == 0) {
        say(app, "already set up: the %s integration needs no change", f->framework);
        wiz_plan_free(&plan);
        return WIZ_OK;
    }
    enum wiz_ui_mode m = wiz_ui_mode(app);
    /* from here the project is about to change under this run: no /undo of older runs */
    (void)wiz_ui_slash_register(app, "undo", NULL, NULL, NULL);
    if (!rc)
        lifecycle_note(app, &plan);
    if (!rc && app->opts.dry_run) {
        show_diff(app, &plan);
        say(app, "dry run: %zu file(s) would change; nothing was written", changes);
        wiz_plan_free(&plan);
        return WIZ_OK;
    }
    if (!rc && (m == WIZ_UI_INTERACTIVE || m == WIZ_UI_CLASSIC) && !app->opts.yes) {
        show_diff(app, &plan);
        bool yes = false;
        rc = wiz_ui_confirm(app, "Apply these changes?", true, &yes);
        if (!rc && !yes)
            rc = wiz_fail(&app->ctx, WIZ_ECANCEL, "nothing was changed");
    }
    char *run_id = NULL, *not_run = NULL;
    if (!rc) {
        if (m == WIZ_UI_AGENT)
            show_diff(app, &plan);
        wiz_flow_report_planned(app, &plan);
        rc = wiz_ledger_apply(app, f->root, f->framework, &plan, &run_id);
    }
    if (!rc) {
        wiz_flow_report_files(app, &plan);
        /* a failed check or verify rolls the run back; a failed install keeps the files
         * (the manifest edit is right, the network or toolchain was not) */
        bool rollback = true;
        rc = confirm_ignored(app, f->root, &plan);
        if (!rc && plan.install) {
            rc = install(app, f, &plan, run_id, &not_run);
            rollback = rc == WIZ_OK;
        }
        if (!rc && f->plugin->has_verify) {
            session_init(&s, app, f, f->plugin, WIZ_PHASE_VERIFY);
            s.info = info;
            rc = wiz_plugin_call(f->plugin, WIZ_CALL_VERIFY, &s);
            session_end(&s);
        }
        if (rc && rollback) {
            struct wiz_ctx saved = app->ctx;
            if (wiz_ledger_undo(app, f->root, run_id, true) == WIZ_OK)
                wiz_warn(&saved, "rolled back run %s: the project is as it was", run_id);
            app->ctx = saved;
        }
    }
    if (!rc && run_id) {
        struct wiz_ctx dctx; /* the run stands; a record we cannot close is only a warning */
        wiz_ctx_init(&dctx);
        if (wiz_ledger_done(&dctx, f->root, run_id))
            wiz_warn(&app->ctx, "%s", wiz_errmsg(&dctx));
    }
    if (!rc) {
        struct wiz_flow_done d = {.framework = f->framework, .root = f->root, .run_id = run_id, .pm = f->pm,
                                  .install_cmd = not_run};
        wiz_flow_report_summary(app, &plan, &d);
    }
    free(not_run);
    free(run_id);
    wiz_plan_free(&plan);
    return rc;
}
