/* Plugin load cost: a C plugin (dlopen + entry + checks; target < 1 ms) and a Lua plugin
 * (new sandboxed state + SDK import + run the file; target < 5 ms). Prints medians.
 * usage: bench-plugin-load C_PLUGIN.so LUA_PLUGIN.lua [ROUNDS] */
#include "plugin/host.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double bench(const char *path, bool lua, const char *sdk, int rounds)
{
    double *t = calloc((size_t)rounds, sizeof *t);
    for (int i = 0; i < rounds; i++) {
        struct wiz_plugin p = {.path = (char *)path};
        struct wiz_ctx ctx;
        wiz_ctx_init(&ctx);
        double t0 = now_ms();
        enum wiz_rc rc = lua ? wiz_load_lua(&ctx, &p, sdk) : wiz_load_so(&ctx, &p);
        t[i] = now_ms() - t0;
        if (rc) {
            fprintf(stderr, "%s\n", wiz_errmsg(&ctx));
            exit(1);
        }
        if (lua)
            wiz_unload_lua(&p);
        else
            dlclose(p.dl); /* so the next round maps it again */
        wiz_plugin_clear_fields(&p);
    }
    qsort(t, (size_t)rounds, sizeof *t, cmp);
    double med = t[rounds / 2];
    free(t);
    return med;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s C_PLUGIN.so LUA_PLUGIN.lua [ROUNDS]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 200;
    if (rounds < 1)
        rounds = 1;
    char *sdk = wiz_asprintf("%s/sdk", WIZ_BUILD_PLUGIN_DIR);
    double c = bench(argv[1], false, sdk, rounds), l = bench(argv[2], true, sdk, rounds);
    printf("plugin load, median of %d: C %.3f ms (target < 1 ms), Lua %.3f ms (target < 5 ms)\n", rounds, c, l);
    free(sdk);
    return 0;
}
