/* The credential file loader and its schema checks (core/store): the document loader,
 * every entry through the validator, and the store's read path for both zones. */
#include "store/credfile.h"
#include "store/entry.h"
#include "fuzz_util.h"

/* warnings (a corrupt file) would only slow the fuzzer down */
static void quiet(void *ud, int level, const char *msg)
{
    (void)ud;
    (void)level;
    (void)msg;
}

static void check_entries(struct wiz_ctx *ctx, json_t *doc)
{
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
        char zone[16];
        (void)wiz_entry_key_zone(key, zone);
        struct wiz_user u = {0};
        struct wiz_tokens t = {0};
        time_t exp;
        bool pending;
        (void)wiz_entry_parse(ctx, key, v, &u, &t, &exp, &pending);
        wiz_user_clear(&u);
        wiz_tokens_clear(&t);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    if (fuzz_tempfile(path, ".json", data, size) != 0)
        return 0;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    ctx.log = quiet;
    ctx.now_override = 1767225600;
    struct wiz_credfile *cf = NULL;
    bool corrupt = false;
    if (wiz_credfile_load(&ctx, path, false, &cf, &corrupt) == WIZ_OK && cf) {
        check_entries(&ctx, wiz_credfile_doc(cf));
        /* a change written back must read back as the document changed */
        json_t *doc = wiz_credfile_doc(cf);
        if (!corrupt && json_object_set_new(doc, "User-fuzz", json_pack("{s:s}", "id", "fuzz")) == 0 &&
            wiz_credfile_save(&ctx, path, cf) == WIZ_OK) {
            struct wiz_credfile *back = NULL;
            bool bad = true;
            if (wiz_credfile_load(&ctx, path, false, &back, &bad) == WIZ_OK &&
                (bad || !json_equal(wiz_credfile_doc(back), doc)))
                __builtin_trap();
            wiz_credfile_free(back);
        }
    }
    wiz_credfile_free(cf);
    struct wiz_store st = {.path = path, .lock_timeout_ms = 100};
    for (int z = WIZ_ZONE_US; z <= WIZ_ZONE_EU; z++) {
        struct wiz_user u = {0};
        struct wiz_tokens t = {0};
        (void)wiz_store_get_token(&ctx, &st, (enum wiz_zone)z, NULL, &u, &t);
        wiz_user_clear(&u);
        wiz_tokens_clear(&t);
    }
    char *s = fuzz_cstr(data, size);
    if (s) {
        time_t when;
        (void)wiz_time_parse_iso(&when, s);
        free(s);
    }
    unlink(path);
    return 0;
}
