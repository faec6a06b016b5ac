/* wizard-ci: argv -> apps -> jobs -> report -> exit code (0 pass, 1 failure, 2 bad args). */
#include "ci.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const struct wiz_ctx *ctx)
{
    fprintf(stderr, "wizard-ci: %s\n", wiz_errmsg(ctx));
    return 2;
}

int main(int argc, char **argv)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct ci_opts o;
    if (ci_opts_parse(&ctx, &o, argc, argv))
        return usage_error(&ctx);
    if (o.help) {
        ci_print_help(stdout);
        return 0;
    }
    struct ci_paths p;
    struct ci_apps apps = {0};
    const char *all[] = {"all"};
    enum wiz_rc rc = ci_paths_init(&ctx, &p, &o, argv[0]);
    if (!rc)
        rc = ci_apps_discover(&ctx, p.apps_dir, &apps);
    if (!rc)
        rc = o.nsel ? ci_apps_select(&ctx, &apps, o.sel, o.nsel) : ci_apps_select(&ctx, &apps, all, 1);
    if (rc) {
        ci_apps_free(&apps);
        ci_paths_free(&p);
        return rc == WIZ_EUSAGE ? usage_error(&ctx) : (fprintf(stderr, "wizard-ci: %s\n", wiz_errmsg(&ctx)), 1);
    }
    ci_apps_shard(&apps, o.shard_k, o.shard_n);
    if (o.list) {
        for (size_t i = 0; i < apps.n; i++)
            printf("%s\n", apps.v[i].id);
        ci_apps_free(&apps);
        ci_paths_free(&p);
        return 0;
    }
    char *run_dir = wiz_asprintf("%s/wizard-ci.XXXXXX", p.tmp);
    if (!run_dir || !mkdtemp(run_dir)) {
        fprintf(stderr, "wizard-ci: cannot create a temp dir under %s\n", p.tmp);
        free(run_dir);
        ci_apps_free(&apps);
        ci_paths_free(&p);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    printf("wizard-ci: %zu app(s), level %s, %d job(s), wizard %s\n", apps.n, ci_level_name(o.level), o.jobs,
           p.wizard);
    fflush(stdout);
    double t0 = ci_now();
    ci_schedule(&p, &o, &apps, run_dir);
    double secs = ci_now() - t0;
    int pass, fail, skip;
    ci_count(&apps, &pass, &fail, &skip);
    int exit_code = fail ? 1 : 0;
    if (o.json && ci_write_json(&ctx, o.json, &apps, o.level, secs))
        fprintf(stderr, "wizard-ci: %s\n", wiz_errmsg(&ctx)), exit_code = 1;
    if (o.junit && ci_write_junit(&ctx, o.junit, &apps, o.level, secs))
        fprintf(stderr, "wizard-ci: %s\n", wiz_errmsg(&ctx)), exit_code = 1;
    if (o.keep)
        printf("wizard-ci: temp copies and logs kept in %s\n", run_dir);
    else
        ci_rm_tree(run_dir);
    printf("wizard-ci: %zu app(s) in %.1f s\n", apps.n, secs);
    if (skip)
        printf("%d passed, %d failed, %d skipped\n", pass, fail, skip);
    else
        printf("%d passed, %d failed\n", pass, fail);
    curl_global_cleanup();
    free(run_dir);
    ci_apps_free(&apps);
    ci_paths_free(&p);
    return exit_code;
}
