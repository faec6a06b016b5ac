/* The Lua host API (core/plugin/lua_api.c, host_api.c, plan.c): the input is a plugin
 * file; its detect and plan run against a small temp project through every host call
 * they make. Whatever the script does, the process neither crashes nor hangs (budget),
 * nothing outside the project is written (plan never writes: the tree is compared), and
 * a plan the host accepted names only paths inside the project. */
#include "cli/cli.h"
#include "plugin/host.h"
#include "fuzz_util.h"

#include <dirent.h>
#include <sys/stat.h>

static void plugin_free(struct wiz_plugin *p)
{
    wiz_unload_lua(p);
    free(p->path), free(p->name), free(p->version), free(p->description), free(p->note);
    for (char **id = p->ids; id && *id; id++)
        free(*id);
    free(p->ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256], root[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/wizfuzzproj.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root) || fuzz_tempfile(path, ".lua", data, size) != 0)
        return 0;
    char f[300];
    snprintf(f, sizeof f, "%s/package.json", root);
    FILE *pf = fopen(f, "w");
    if (pf) {
        fputs("{\n  \"name\": \"fuzz\",\n  \"dependencies\": {}\n}\n", pf);
        fclose(pf);
    }
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    struct wiz_plugin p;
    memset(&p, 0, sizeof p);
    p.path = strdup(path);
    if (p.path && wiz_load_lua(&app.ctx, &p, "/nonexistent-sdk") == WIZ_OK) {
        struct wiz_plan plan = {0};
        struct wiz_session_info info = {.api_key = "0123456789abcdef0123456789abcdef", .zone = WIZ_ZONE_US};
        for (int phase = WIZ_PHASE_DETECT; phase <= WIZ_PHASE_PLAN; phase++) {
            wiz_session s;
            memset(&s, 0, sizeof s);
            s.magic = WIZ_SESSION_MAGIC;
            s.phase = (enum wiz_phase)phase;
            s.app = &app;
            s.plugin = &p;
            s.root = root;
            s.framework = "fuzz";
            s.info = phase == WIZ_PHASE_PLAN ? &info : NULL;
            s.plan = phase == WIZ_PHASE_PLAN ? &plan : NULL;
            (void)wiz_plugin_call(&p, phase == WIZ_PHASE_DETECT ? WIZ_CALL_DETECT : WIZ_CALL_PLAN, &s);
            s.phase = WIZ_PHASE_ENDED;
            free(s.claim_id), free(s.claim_evidence);
        }
        for (size_t i = 0; i < plan.n; i++) /* the host only plans paths inside the project */
            if (plan.v[i].path[0] == '/' || strstr(plan.v[i].path, "..") == plan.v[i].path ||
                strncmp(plan.v[i].path, ".git/", 5) == 0)
                abort();
        wiz_plan_free(&plan);
    }
    plugin_free(&p);
    /* plan never writes: only package.json is in the project */
    DIR *d = opendir(root);
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (de->d_name[0] != '.' && strcmp(de->d_name, "package.json") != 0)
            abort();
    if (d)
        closedir(d);
    unlink(f);
    rmdir(root);
    unlink(path);
    return 0;
}
