/* A tiny client of the credential store for the concurrency tests.
 *   store_writer FILE put ID [us|eu]   one bundled write of user ID
 *   store_writer FILE loop             write, update, pend and log out until killed
 * With $WIZ_WRITER_GO set, waits for that file to exist first, so that many writers
 * started one by one begin at the same moment. */
#include "store/credstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void wait_for_go(void)
{
    const char *go = getenv("WIZ_WRITER_GO");
    struct timespec nap = {0, 1000000};
    while (go && go[0] && access(go, F_OK) != 0)
        nanosleep(&nap, NULL);
}

static enum wiz_rc put(struct wiz_ctx *ctx, const struct wiz_store *st, const char *id, enum wiz_zone zone,
                       const char *tok)
{
    char email[128];
    snprintf(email, sizeof email, "%s@example.com", id);
    struct wiz_user u = {(char *)id, (char *)"Writer", (char *)id, email, zone};
    struct wiz_tokens t = {(char *)tok, (char *)tok, (char *)tok, wiz_now(ctx) + 3600};
    return wiz_store_put(ctx, st, &u, &t);
}

/* Never returns: the test kills it. Big tokens make each write long enough to be cut. */
static enum wiz_rc loop(struct wiz_ctx *ctx, const struct wiz_store *st)
{
    static char tok[16 * 1024];
    for (unsigned i = 0;; i++) {
        memset(tok, 'a' + (int)(i % 26), sizeof tok - 1);
        char id[32];
        snprintf(id, sizeof id, "loop%u", i % 20);
        enum wiz_zone zone = i % 3 == 0 ? WIZ_ZONE_EU : WIZ_ZONE_US;
        struct wiz_tokens t = {tok, tok, tok, wiz_now(ctx) + 60};
        enum wiz_rc rc = i % 10 == 9   ? wiz_store_logout(ctx, st, &zone, NULL)
                         : i % 7 == 3  ? wiz_store_put_pending(ctx, st, zone, NULL, &t)
                                       : put(ctx, st, id, zone, tok);
        if (rc)
            return rc;
    }
}

int main(int argc, char **argv)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    if (argc < 3) {
        fprintf(stderr, "usage: store_writer FILE put ID [us|eu] | store_writer FILE loop\n");
        return 2;
    }
    struct wiz_store st = {.path = argv[1]};
    enum wiz_rc rc;
    wait_for_go();
    if (strcmp(argv[2], "put") == 0 && argc >= 4) {
        enum wiz_zone zone = WIZ_ZONE_US;
        if (argc >= 5 && wiz_zone_parse(&zone, argv[4]) != 0) {
            fprintf(stderr, "store_writer: bad zone %s\n", argv[4]);
            return 2;
        }
        rc = put(&ctx, &st, argv[3], zone, "token-of-a-writer");
    } else if (strcmp(argv[2], "loop") == 0) {
        rc = loop(&ctx, &st);
    } else {
        fprintf(stderr, "store_writer: unknown mode %s\n", argv[2]);
        return 2;
    }
    if (rc) {
        fprintf(stderr, "store_writer: %s\n", wiz_errmsg(&ctx));
        return wiz_rc_exit_code(rc);
    }
    return 0;
}
