/* wizard-ci's command line. */
#include "ci.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *ci_level_name(enum ci_level l)
{
    static const char *const names[] = {"static", "build", "runtime"};
    return l < CI_NLEVELS ? names[l] : "?";
}

void ci_print_help(FILE *f)
{
    fputs("usage: wizard-ci [options] all | <dir> | <dir>/<app> [...]\n"
          "\n"
          "Runs ampli-wizard against the example apps (workbench/apps/<dir>/<app>, each with a\n"
          ".wizard-ci/expect.json) and proves the result level by level. Each app runs in a fresh temp\n"
          "copy (git init + commit) with its own stand-in server, a fresh $HOME and credential file,\n"
          "and a real OAuth sign-in through the stand-in (BROWSER=follow-browser).\n"
          "\n"
          "Levels (each includes the ones below it):\n"
          "  static   setup --ci --skip-install; expect.json holds (framework, dependency, env file\n"
          "           and variable with the stand-in's key, files created/changed/untouched), exactly one\n"
          "           SDK init call, the key in no file git would commit, .env* files holding it\n"
          "           git-ignored, no build config touched, a second setup changes nothing, undo\n"
          "           restores the tree byte for byte\n"
          "  build    dependencies installed with the app's package manager (shared cache under the\n"
          "           build dir), the app's build passes, tsc --noEmit where it has a tsconfig;\n"
          "           Python apps: compileall and their tests\n"
          "  runtime  the app started with *_AMPLITUDE_SERVER_URL at the stand-in, a request made\n"
          "           (servers) or its page loaded in headless Chromium (browser apps); passes when\n"
          "           an event with the app's own API key reaches the stand-in (default level)\n"
          "\n"
          "Options:\n"
          "  --list            print the selected apps (after --shard) and exit\n"
          "  --level L         static | build | runtime (default runtime)\n"
          "  -j, --jobs N      apps run at once (default: the number of cores)\n"
          "  --shard K/N       only the K-th of N stable slices (apps sorted by name, every N-th from K)\n"
          "  --keep            keep each app's temp copy and logs (paths are printed)\n"
          "  --junit FILE      write a JUnit XML report\n"
          "  --json FILE       write a JSON report\n"
          "  --wizard PATH     the ampli-wizard to test (default: the one beside wizard-ci)\n"
          "  --apps-dir DIR    where the apps live (default: the source tree's workbench/apps)\n"
          "  --tools-dir DIR   pinned package managers, first on each job's PATH (default: the\n"
          "                    source tree's tools/bin, filled by scripts/install-deps runtime)\n"
          "  --allow-skip      a level that cannot run on this machine (a missing tool) is counted\n"
          "                    as a skip with its reason; without it, that is a failure\n"
          "  -h, --help        this text\n"
          "\n"
          "Output: one line per app and level with its time, a progress line on a terminal, the\n"
          "failing step's log tail, and a last line 'N passed, N failed' (', N skipped' with\n"
          "--allow-skip when a level cannot run on this machine, each named with its reason).\n"
          "Counts are per app.\n"
          "Exit: 0 all passed (or skipped with --allow-skip), 1 a failure (a level that cannot run\n"
          "here, without --allow-skip, is one), 2 bad arguments.\n",
          f);
}

static bool parse_int(const char *s, int *out, int min)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!s[0] || *end || v < min || v > 100000)
        return false;
    *out = (int)v;
    return true;
}

enum wiz_rc ci_opts_parse(struct wiz_ctx *ctx, struct ci_opts *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->level = CI_RUNTIME;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (int)cores : 2;
    enum { O_LIST = 256, O_LEVEL, O_JOBS, O_SHARD, O_KEEP, O_JUNIT, O_JSON, O_WIZARD, O_APPS, O_TOOLS, O_ALLOW_SKIP };
    static const struct option longopts[] = {
        {"list", no_argument, NULL, O_LIST},          {"level", required_argument, NULL, O_LEVEL},
        {"jobs", required_argument, NULL, O_JOBS},    {"shard", required_argument, NULL, O_SHARD},
        {"keep", no_argument, NULL, O_KEEP},          {"junit", required_argument, NULL, O_JUNIT},
        {"json", required_argument, NULL, O_JSON},    {"wizard", required_argument, NULL, O_WIZARD},
        {"apps-dir", required_argument, NULL, O_APPS}, {"help", no_argument, NULL, 'h'},
        {"tools-dir", required_argument, NULL, O_TOOLS}, {"allow-skip", no_argument, NULL, O_ALLOW_SKIP},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
        switch (c) {
        case O_LIST: o->list = true; break;
        case O_KEEP: o->keep = true; break;
        case 'h': o->help = true; break;
        case O_LEVEL:
            if (!strcmp(optarg, "static")) o->level = CI_STATIC;
            else if (!strcmp(optarg, "build")) o->level = CI_BUILD;
            else if (!strcmp(optarg, "runtime")) o->level = CI_RUNTIME;
            else return wiz_fail(ctx, WIZ_EUSAGE, "--level must be static, build or runtime, not '%s'", optarg);
            break;
        case 'j':
        case O_JOBS:
            if (!parse_int(optarg, &o->jobs, 1))
                return wiz_fail(ctx, WIZ_EUSAGE, "--jobs needs a number >= 1, not '%s'", optarg);
            break;
        case O_SHARD: {
            int k = 0, n = 0;
            char tail = 0;
            if (sscanf(optarg, "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
                return wiz_fail(ctx, WIZ_EUSAGE, "--shard needs K/N with 1 <= K <= N, not '%s'", optarg);
            o->shard_k = k, o->shard_n = n;
            break;
        }
        case O_JUNIT: o->junit = optarg; break;
        case O_JSON: o->json = optarg; break;
        case O_WIZARD: o->wizard = optarg; break;
        case O_APPS: o->apps_dir = optarg; break;
        case O_TOOLS: o->tools_dir = optarg; break;
        case O_ALLOW_SKIP: o->allow_skip = true; break;
        case ':': return wiz_fail(ctx, WIZ_EUSAGE, "%s needs a value", argv[optind - 1]);
        default: return wiz_fail(ctx, WIZ_EUSAGE, "unknown option '%s' (see --help)", argv[optind - 1]);
        }
    }
    for (int i = optind; i < argc; i++) {
        if (o->nsel == CI_MAX_SEL)
            return wiz_fail(ctx, WIZ_EUSAGE, "at most %d app names", CI_MAX_SEL);
        o->sel[o->nsel++] = argv[i];
    }
    if (!o->help && !o->list && o->nsel == 0)
        return wiz_fail(ctx, WIZ_EUSAGE, "name the apps: all | <dir> | <dir>/<app> (see --help)");
    return WIZ_OK;
}
