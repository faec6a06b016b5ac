/* The generic fallback (Amplitude's wizard has one: Integration.generic in its
 * src/lib/constants.ts): a project no plugin claims gets no edit it did not ask for. The
 * wizard prints the manual steps for the closest ecosystem it can tell from the project's
 * files (a browser or a Node.js JavaScript project, Python) and fails with exit 10, so a
 * CI pipeline notices that nothing was set up. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ui/ui.h"
#include "../wiz.h"
#include "generic.h"
#include "host.h"

enum eco { ECO_NONE, ECO_BROWSER, ECO_NODE, ECO_PYTHON };

/* The project's files are read as every other project file is (wiz_pfs_read_rel: no
 * symlink out of the project, regular files of at most 8 MiB, and a FIFO where a file should
 * be is refused, not waited on). Existence is a stat, not an open. */
static bool has(const char *root, const char *name)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs = NULL;
    struct stat st;
    bool ok = wiz_pfs_resolve(&ctx, root, name, false, &abs, NULL) == WIZ_OK && stat(abs, &st) == 0;
    free(abs);
    return ok;
}

/* A package.json that names a bundler or a UI library, or an index.html beside it, is a
 * browser project; any other package.json (or one that cannot be read) a Node.js one. */
static enum eco js_kind(const char *root)
{
    static const char *const browser[] = {"vite", "webpack", "parcel", "react", "react-dom", "vue", "svelte",
                                          "preact", "solid-js", "lit", "@angular/core", "rollup", "esbuild", NULL};
    if (has(root, "index.html") || has(root, "public/index.html") || has(root, "src/index.html"))
        return ECO_BROWSER;
    char *text = wiz_pfs_read_rel(root, "package.json");
    json_t *pkg = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    enum eco e = ECO_NODE;
    for (const char *const *b = browser; pkg && *b && e == ECO_NODE; b++)
        if (json_object_get(json_object_get(pkg, "dependencies"), *b) ||
            json_object_get(json_object_get(pkg, "devDependencies"), *b))
            e = ECO_BROWSER;
    json_decref(pkg);
    return e;
}

static enum eco ecosystem(const char *root)
{
    if (has(root, "package.json"))
        return js_kind(root);
    static const char *const py[] = {"pyproject.toml", "requirements.txt", "setup.py", "setup.cfg", "Pipfile",
                                     "main.py", "app.py", "manage.py", NULL};
    for (const char *const *p = py; *p; p++)
        if (has(root, *p))
            return ECO_PYTHON;
    return ECO_NONE;
}

/* the "add a package" words of the project's package manager */
static const char *js_add(const char *root)
{
    const char *ev = NULL, *pm = wiz_pkgmgr_detect(root, &ev);
    if (pm && strcmp(pm, "pnpm") == 0)
        return "pnpm add";
    if (pm && (strcmp(pm, "yarn") == 0 || strncmp(pm, "yarn", 4) == 0))
        return "yarn add";
    if (pm && strcmp(pm, "bun") == 0)
        return "bun add";
    return "npm install";
}

enum wiz_rc wiz_generic_steps(struct wiz_app *app, const char *root, const char *tried)
{
    char install[160];
    const char *title = NULL, *steps[6] = {0};
    switch (ecosystem(root)) {
    case ECO_BROWSER:
        snprintf(install, sizeof install, "Add the Browser SDK: %s @amplitude/analytics-browser", js_add(root));
        title = "No plugin sets up this project; to add Amplitude to a browser app by hand:";
        steps[0] = install;
        steps[1] = "Put the project's API key in a git-ignored env file your bundler exposes to the page "
                   "(Vite: VITE_AMPLITUDE_API_KEY in .env.local); never in source";
        steps[2] = "Initialise once, where the page's code starts: import * as amplitude from "
                   "'@amplitude/analytics-browser'; amplitude.init(KEY, { autocapture: true });";
        steps[3] = "Reference: https://amplitude.com/docs/sdks/analytics/browser/browser-sdk-2";
        break;
    case ECO_NODE:
        snprintf(install, sizeof install, "Add the Node.js SDK: %s @amplitude/analytics-node", js_add(root));
        title = "No plugin sets up this project; to add Amplitude to a Node.js app by hand:";
        steps[0] = install;
        steps[1] = "Put AMPLITUDE_API_KEY=<the project's API key> in .env, git-ignored, and load it at start-up "
                   "(node --env-file=.env, or process.loadEnvFile())";
        steps[2] = "Initialise once at start-up: import { init, track, flush } from '@amplitude/analytics-node'; "
                   "init(process.env.AMPLITUDE_API_KEY); track events with a user_id or device_id; await flush() "
                   "before the process exits";
        steps[3] = "Reference: https://amplitude.com/docs/sdks/analytics/node/node-js-sdk";
        break;
    case ECO_PYTHON:
        title = "No plugin sets up this project; to add Amplitude to a Python app by hand:";
        steps[0] = "Add the SDK: pip install amplitude-analytics python-dotenv (and list both in your requirements)";
        steps[1] = "Put AMPLITUDE_API_KEY=<the project's API key> in .env, git-ignored, and load it at start-up "
                   "(from dotenv import load_dotenv; load_dotenv())";
        steps[2] = "Initialise one client: from amplitude import Amplitude, BaseEvent; client = "
                   "Amplitude(os.environ['AMPLITUDE_API_KEY']); client.track(BaseEvent(event_type=..., "
                   "user_id=... or device_id=...)); client.shutdown() before the process exits";
        steps[3] = "Reference: https://amplitude.com/docs/sdks/analytics/python";
        break;
    case ECO_NONE:
        title = "No plugin sets up this project, and it is neither a JavaScript nor a Python project:";
        steps[0] = "Amplitude's SDKs for every platform, with their set-up steps: https://amplitude.com/docs/sdks";
        break;
    }
    wiz_ui_summary(app, title, steps);
    return wiz_fail(&app->ctx, WIZ_EINTEGRATION,
                    "no plugin sets up %s (tried: %s): nothing was changed; add Amplitude by hand (the steps "
                    "above) or pass --framework ID",
                    root, tried && tried[0] ? tried : "no plugins found");
}
