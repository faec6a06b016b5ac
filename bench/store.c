/* bench-store: the time of one bundled credential write (lock, re-read, update, atomic
 * durable replace) into files of 10, 1,000 and 10,000 entries. Not a test: it prints.
 *   bench-store [DIR] [RUNS]   DIR: where the files go (default $TMPDIR or /tmp) */
#include "store/credstore.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Two token profiles: sizes like the real ones (Ory Hydra's opaque access and refresh
 * tokens, a JWT id token), and short 32-byte tokens to show the cost of the file size. */
struct profile {
    const char *name;
    size_t access_len, id_len, refresh_len;
};
static const struct profile profiles[] = {{"real-size tokens", 87, 1100, 87}, {"short tokens", 32, 32, 32}};

static char *filled(size_t n, char c)
{
    char *s = malloc(n + 1);
    if (!s)
        exit(1);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static int make_file(const char *path, int entries, time_t now, const struct profile *p)
{
    char *at = filled(p->access_len, 'a'), *it = filled(p->id_len, 'i'), *rt = filled(p->refresh_len, 'r');
    char iso[32];
    wiz_time_format_iso(iso, now + 3600);
    json_t *doc = json_object();
    json_object_set_new(doc, "ampli", json_pack("{s:s}", "orgId", "bench"));
    for (int i = 0; i < entries; i++) {
        char id[32], email[64];
        snprintf(id, sizeof id, "%d", 100000 + i);
        snprintf(email, sizeof email, "user%d@example.com", i);
        enum wiz_zone z = i % 5 == 4 ? WIZ_ZONE_EU : WIZ_ZONE_US;
        char *key = wiz_store_key(id, z);
        json_object_set_new(doc, key,
                            json_pack("{s:{s:s,s:s,s:s,s:s,s:s},s:s,s:s,s:s,s:s}", "User", "id", id, "firstName",
                                      "Bench", "lastName", "User", "email", email, "zone", wiz_zone_name(z),
                                      "OAuthAccessToken", at, "OAuthIdToken", it, "OAuthRefreshToken", rt,
                                      "OAuthExpiresAt", iso));
        free(key);
    }
    int r = json_dump_file(doc, path, JSON_INDENT(2));
    json_decref(doc);
    free(at);
    free(it);
    free(rt);
    return r;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *base = argc > 1 ? argv[1] : getenv("TMPDIR");
    int runs = argc > 2 ? atoi(argv[2]) : 15;
    if (runs < 1 || runs > 1000)
        runs = 15;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/bench-store.XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    const int sizes[] = {10, 1000, 10000};
    printf("one bundled write (lock, re-read, update, temp file + fsync + rename + fsync dir)\n");
    printf("files in %s; %d runs each\n", dir, runs);
    int status = 0;
    for (size_t pi = 0; pi < sizeof profiles / sizeof profiles[0]; pi++) {
    const struct profile *p = &profiles[pi];
    printf("\n%s (access/id/refresh %zu/%zu/%zu bytes)\n", p->name, p->access_len, p->id_len, p->refresh_len);
    printf("%8s %10s %10s %10s %10s\n", "entries", "file KiB", "median ms", "min ms", "max ms");
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        char path[600];
        snprintf(path, sizeof path, "%s/ampli-%d.json", dir, sizes[s]);
        struct wiz_ctx ctx;
        wiz_ctx_init(&ctx);
        if (make_file(path, sizes[s], wiz_now(&ctx), p) != 0) {
            fprintf(stderr, "cannot write %s\n", path);
            return 1;
        }
        struct wiz_store st = {.path = path};
        char *at = filled(p->access_len, 'A'), *it = filled(p->id_len, 'I'), *rt = filled(p->refresh_len, 'R');
        struct wiz_user u = {(char *)"424242", (char *)"Ada", (char *)"L", (char *)"ada@example.com", WIZ_ZONE_US};
        double *t = calloc((size_t)runs, sizeof *t);
        for (int r = 0; r < runs; r++) {
            struct wiz_tokens tok = {at, it, rt, wiz_now(&ctx) + 3600 + r};
            struct timespec t0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            if (wiz_store_put(&ctx, &st, &u, &tok) != WIZ_OK) {
                fprintf(stderr, "write failed: %s\n", wiz_errmsg(&ctx));
                status = 1;
                break;
            }
            t[r] = ms_since(&t0);
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_double);
        FILE *fp = fopen(path, "r");
        long kib = 0;
        if (fp) {
            fseek(fp, 0, SEEK_END);
            kib = ftell(fp) / 1024;
            fclose(fp);
        }
        printf("%8d %10ld %10.2f %10.2f %10.2f\n", sizes[s], kib, t[runs / 2], t[0], t[runs - 1]);
        free(t);
        free(at);
        free(it);
        free(rt);
        unlink(path);
        char lockp[620];
        snprintf(lockp, sizeof lockp, "%s.lock", path);
        unlink(lockp);
    }
    }
    rmdir(dir);
    return status;
}
