/* The credential store: file shape, invariants of the services reference, and the
 * file-system properties (atomic replace, modes, links, corrupt files, the lock). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/credstore.h"

/* 2026-11-27T21:08:00Z */
#define NOW ((time_t)1795813680)

struct fx {
    char dir[256];
    char path[300];
    struct wiz_ctx ctx;
    struct wiz_store st;
    int warnings;
    char last_warning[1024];
};

static void capture_log(void *ud, int level, const char *msg)
{
    struct fx *f = ud;
    if (level == 1) {
        f->warnings++;
        snprintf(f->last_warning, sizeof f->last_warning, "%s", msg);
    }
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/wizstore.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/ampli.json", f->dir);
    wiz_ctx_init(&f->ctx);
    f->ctx.now_override = NOW;
    f->ctx.log = capture_log;
    f->ctx.log_ud = f;
    f->st.path = f->path;
    f->st.lock_timeout_ms = 2000;
    unsetenv("AMPLI_WIZARD_LOCK_TIMEOUT_MS");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(chmod(path, mode), 0);
}

static json_t *load_json(const char *path)
{
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (!j)
        fail_msg("%s does not parse: %s", path, err.text);
    return j;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char *buf = calloc(1, 65536);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void put_user(struct fx *f, const char *id, enum wiz_zone zone, const char *tok, time_t exp)
{
    char first[64];
    snprintf(first, sizeof first, "First%s", id);
    struct wiz_user u = {(char *)id, first, (char *)"Last", (char *)"u@example.com", zone};
    char at[64], it[64], rt[64];
    snprintf(at, sizeof at, "AT-%s", tok);
    snprintf(it, sizeof it, "IT-%s", tok);
    snprintf(rt, sizeof rt, "RT-%s", tok);
    struct wiz_tokens t = {at, it, rt, exp};
    if (wiz_store_put(&f->ctx, &f->st, &u, &t) != WIZ_OK)
        fail_msg("put %s: %s", id, wiz_errmsg(&f->ctx));
}

static void put_pending(struct fx *f, enum wiz_zone zone, const char *tok)
{
    char at[64];
    snprintf(at, sizeof at, "AT-%s", tok);
    struct wiz_tokens t = {at, (char *)"IT-p", (char *)"RT-p", NOW + 600};
    assert_int_equal(wiz_store_put_pending(&f->ctx, &f->st, zone, NULL, &t), WIZ_OK);
}

/* The id of the zone's user, or NULL when none; static buffer. */
static const char *user_of(struct fx *f, enum wiz_zone zone)
{
    static char id[64];
    struct wiz_user u;
    enum wiz_rc rc = wiz_store_get_user(&f->ctx, &f->st, zone, &u);
    if (rc == WIZ_ENOTFOUND)
        return NULL;
    assert_int_equal(rc, WIZ_OK);
    snprintf(id, sizeof id, "%s", u.id);
    wiz_user_clear(&u);
    return id;
}

static void iso_time(void **state)
{
    (void)state;
    char buf[32];
    wiz_time_format_iso(buf, NOW);
    assert_string_equal(buf, "2026-11-27T21:08:00.000Z");
    time_t t = 0;
    assert_int_equal(wiz_time_parse_iso(&t, "2026-11-27T21:08:00.000Z"), 0);
    assert_int_equal(t, NOW);
    assert_int_equal(wiz_time_parse_iso(&t, "2026-11-27T21:08:00Z"), 0);
    assert_int_equal(t, NOW);
    assert_int_equal(wiz_time_parse_iso(&t, "2024-02-29T00:00:00.000Z"), 0);
    /* every ISO form JavaScript's Date reads (Amplitude's wizard reads the field with it) */
    const struct {
        const char *s;
        time_t want;
    } good[] = {{"2026-11-27T22:08:00.000+01:00", NOW},        {"2026-11-27T16:38:00-04:30", NOW},
                {"2026-11-27T21:08Z", NOW},                    {"2026-11-27T21:08:00.123456Z", NOW},
                {"2026-11-27", NOW - (21 * 3600 + 8 * 60)},    {"2026-11", NOW - (26 * 86400 + 21 * 3600 + 8 * 60)},
                {"+002026-11-27T21:08:00.000Z", NOW},          {"+275760-09-13T00:00:00.000Z", (time_t)8640000000000},
                {"-000001-01-01T00:00:00.000Z", (time_t)-62198755200}, {"2026-11-26T24:00:00.000Z", NOW - (21 * 3600 + 8 * 60)}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        if (wiz_time_parse_iso(&t, good[i].s) != 0)
            fail_msg("refused '%s'", good[i].s);
        if (t != good[i].want)
            fail_msg("'%s' read as %lld, want %lld", good[i].s, (long long)t, (long long)good[i].want);
    }
    /* and writes years beyond 9999 as toISOString does */
    wiz_time_format_iso(buf, (time_t)8640000000000);
    assert_string_equal(buf, "+275760-09-13T00:00:00.000Z");
    const char *bad[] = {"", "bad", "2026-11-27 21:08:00.000Z", "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                         "2026-11-27T24:01:00.000Z", "2026-11-27T21:08:00.000Z ", "2026-11-27T21:08:00.Z",
                         "+026-11-27T21:08:00.000Z", "-000000-01-01T00:00:00.000Z", "2026-11-27T21:08:00.000+1:00",
                         "2026-11-27T21", "26-11-27"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (wiz_time_parse_iso(&t, bad[i]) == 0)
            fail_msg("accepted malformed time '%s'", bad[i]);
    assert_int_equal(wiz_time_parse_iso(&t, NULL), -1);
}

static void key_naming(void **state)
{
    (void)state;
    const struct {
        const char *id;
        enum wiz_zone z;
        const char *key;
    } cases[] = {{"12345", WIZ_ZONE_US, "User-12345"},       {"678", WIZ_ZONE_EU, "User[eu]-678"},
                 {"a.b.c", WIZ_ZONE_US, "User-a-b-c"},       {"x.y", WIZ_ZONE_EU, "User[eu]-x-y"},
                 {"pending", WIZ_ZONE_US, "User-pending"},   {"pending", WIZ_ZONE_EU, "User[eu]-pending"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *k = wiz_store_key(cases[i].id, cases[i].z);
        assert_string_equal(k, cases[i].key);
        free(k);
    }
}

static void round_trip_and_shape(void **state)
{
    struct fx *f = *state;
    put_user(f, "12345", WIZ_ZONE_US, "one", NOW + 7200);
    struct wiz_user u;
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "12345", &u, &t), WIZ_OK);
    assert_string_equal(u.id, "12345");
    assert_string_equal(u.first_name, "First12345");
    assert_string_equal(u.last_name, "Last");
    assert_string_equal(u.email, "u@example.com");
    assert_int_equal(u.zone, WIZ_ZONE_US);
    assert_string_equal(t.access_token, "AT-one");
    assert_string_equal(t.id_token, "IT-one");
    assert_string_equal(t.refresh_token, "RT-one");
    assert_int_equal(t.expires_at, NOW + 7200);
    wiz_user_clear(&u);
    wiz_tokens_clear(&t);
    assert_null(t.access_token);
    assert_null(u.id);

    /* exactly the reference's shape */
    json_t *doc = load_json(f->path);
    json_t *want = json_pack("{s:{s:{s:s,s:s,s:s,s:s,s:s},s:s,s:s,s:s,s:s}}", "User-12345", "User", "id", "12345",
                             "firstName", "First12345", "lastName", "Last", "email", "u@example.com", "zone", "us",
                             "OAuthAccessToken", "AT-one", "OAuthIdToken", "IT-one", "OAuthRefreshToken", "RT-one",
                             "OAuthExpiresAt", "2026-11-27T23:08:00.000Z");
    assert_true(json_equal(doc, want));
    json_decref(doc);
    json_decref(want);

    /* an update replaces the tokens and the expiry of the same key */
    put_user(f, "12345", WIZ_ZONE_US, "two", NOW + 60);
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, NULL, NULL, &t), WIZ_OK);
    assert_string_equal(t.refresh_token, "RT-two");
    assert_int_equal(t.expires_at, NOW + 60);
    wiz_tokens_clear(&t);
    doc = load_json(f->path);
    assert_int_equal(json_object_size(doc), 1);
    json_decref(doc);
}

static void zones_are_separate(void **state)
{
    struct fx *f = *state;
    assert_null(user_of(f, WIZ_ZONE_US)); /* no file at all */
    put_user(f, "678", WIZ_ZONE_EU, "eu", NOW + 3600);
    assert_null(user_of(f, WIZ_ZONE_US));
    assert_string_equal(user_of(f, WIZ_ZONE_EU), "678");
    json_t *doc = load_json(f->path);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(doc, "User[eu]-678"), "User"),
                                                          "zone")),
                        "eu");
    json_decref(doc);
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "678", NULL, &t), WIZ_ENOTFOUND);
}

static void pending_rules(void **state)
{
    struct fx *f = *state;
    put_pending(f, WIZ_ZONE_US, "pus");
    put_pending(f, WIZ_ZONE_EU, "peu");
    /* no real user: the sentinel is what the zone has */
    assert_string_equal(user_of(f, WIZ_ZONE_US), "pending");
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, NULL, NULL, &t), WIZ_OK);
    assert_string_equal(t.access_token, "AT-pus");
    wiz_tokens_clear(&t);
    /* the real user of us deletes us's sentinel only */
    put_user(f, "1", WIZ_ZONE_US, "real", NOW + 3600);
    assert_string_equal(user_of(f, WIZ_ZONE_US), "1");
    json_t *doc = load_json(f->path);
    assert_null(json_object_get(doc, "User-pending"));
    assert_non_null(json_object_get(doc, "User[eu]-pending"));
    json_decref(doc);
    assert_string_equal(user_of(f, WIZ_ZONE_EU), "pending");
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_EU, NULL, NULL, &t), WIZ_OK);
    assert_string_equal(t.access_token, "AT-peu");
    wiz_tokens_clear(&t);
}

static void real_user_before_pending(void **state)
{
    struct fx *f = *state;
    /* another tool left both; the sentinel comes first in the file */
    write_file(f->path,
               "{\"User-pending\":{\"User\":{\"id\":\"pending\",\"firstName\":\"\",\"lastName\":\"\",\"email\":\"\","
               "\"zone\":\"us\"},\"OAuthAccessToken\":\"a\",\"OAuthIdToken\":\"b\",\"OAuthRefreshToken\":\"c\","
               "\"OAuthExpiresAt\":\"2026-11-27T22:00:00.000Z\"},"
               "\"User-7\":{\"User\":{\"id\":\"7\",\"firstName\":\"S\",\"lastName\":\"T\",\"email\":\"s@x\","
               "\"zone\":\"us\"},\"OAuthAccessToken\":\"a7\",\"OAuthIdToken\":\"b7\",\"OAuthRefreshToken\":\"c7\","
               "\"OAuthExpiresAt\":\"2026-11-27T22:00:00.000Z\"}}",
               0600);
    assert_string_equal(user_of(f, WIZ_ZONE_US), "7");
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, NULL, NULL, &t), WIZ_OK);
    assert_string_equal(t.access_token, "a7");
    wiz_tokens_clear(&t);
}

#define UNKNOWN_TOP "{\"nested\":{\"a\":[1,2.5,\"x\",null,true,{\"b\":\"\\u00e9\\u2603\"}]},\"num\":-12345678901,\"s\":\"keep\"}"
#define INVALID_ENTRY "{\"User\":{\"firstName\":\"no id\"},\"OAuthAccessToken\":42,\"odd\":[1,2]}"

static void unknown_and_invalid_preserved(void **state)
{
    struct fx *f = *state;
    char text[4096];
    snprintf(text, sizeof text,
             "{\"Unknown\":%s,\"User-999\":%s,"
             "\"User-5\":{\"User\":{\"id\":\"5\",\"firstName\":\"F\",\"lastName\":\"L\",\"email\":\"e@x\",\"zone\":\"us\","
             "\"avatar\":{\"size\":3}},\"OAuthAccessToken\":\"a\",\"OAuthIdToken\":\"b\",\"OAuthRefreshToken\":\"c\","
             "\"OAuthExpiresAt\":\"2026-11-28T00:00:00.000Z\",\"Scopes\":[\"openid\",\"offline\"]},"
             "\"Settings\":[1,{\"z\":0.1}]}",
             UNKNOWN_TOP, INVALID_ENTRY);
    write_file(f->path, text, 0600);
    json_t *unknown = json_loads(UNKNOWN_TOP, 0, NULL), *invalid = json_loads(INVALID_ENTRY, 0, NULL);
    assert_non_null(unknown);
    assert_non_null(invalid);

    /* the invalid entry is skipped on read */
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "999", NULL, &t), WIZ_ENOTFOUND);
    assert_string_equal(user_of(f, WIZ_ZONE_US), "5");

    /* writes: update user 5, add another user, add a pending in eu */
    put_user(f, "5", WIZ_ZONE_US, "new", NOW + 100);
    put_user(f, "6", WIZ_ZONE_US, "six", NOW + 100);
    put_pending(f, WIZ_ZONE_EU, "p");
    json_t *doc = load_json(f->path);
    assert_true(json_equal(json_object_get(doc, "Unknown"), unknown));
    assert_true(json_equal(json_object_get(doc, "User-999"), invalid));
    json_t *settings = json_loads("[1,{\"z\":0.1}]", 0, NULL);
    assert_true(json_equal(json_object_get(doc, "Settings"), settings));
    json_t *e5 = json_object_get(doc, "User-5");
    json_t *scopes = json_loads("[\"openid\",\"offline\"]", 0, NULL), *avatar = json_loads("{\"size\":3}", 0, NULL);
    assert_true(json_equal(json_object_get(e5, "Scopes"), scopes));
    assert_true(json_equal(json_object_get(json_object_get(e5, "User"), "avatar"), avatar));
    assert_string_equal(json_string_value(json_object_get(e5, "OAuthAccessToken")), "AT-new");
    json_decref(doc);
    json_decref(unknown);
    json_decref(invalid);
    json_decref(settings);
    json_decref(scopes);
    json_decref(avatar);
}

static void malformed_expiry_reads_as_due(void **state)
{
    struct fx *f = *state;
    const char *bad[] = {"\"OAuthExpiresAt\":\"soon\",", "\"OAuthExpiresAt\":1795813680,",
                         "\"OAuthExpiresAt\":\"2026-02-30T00:00:00.000Z\",", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "{\"User-1\":{\"User\":{\"id\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"e\",\"zone\":\"us\"},"
                 "%s\"OAuthAccessToken\":\"a\",\"OAuthIdToken\":\"b\",\"OAuthRefreshToken\":\"c\"}}",
                 bad[i]);
        write_file(f->path, text, 0600);
        struct wiz_tokens t;
        assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "1", NULL, &t), WIZ_OK);
        assert_int_equal(t.expires_at, NOW); /* due: refreshed, and the real expiry written back */
        wiz_tokens_clear(&t);
    }
}

static void usable_for_364_days(void **state)
{
    struct fx *f = *state;
    const time_t day = 86400;
    put_user(f, "old", WIZ_ZONE_US, "o", NOW - 365 * day);
    put_user(f, "edge", WIZ_ZONE_US, "e", NOW - 364 * day);
    struct wiz_tokens t;
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "old", NULL, &t), WIZ_ENOTFOUND);
    assert_int_equal(wiz_store_get_token(&f->ctx, &f->st, WIZ_ZONE_US, "edge", NULL, &t), WIZ_OK);
    wiz_tokens_clear(&t);
    assert_string_equal(user_of(f, WIZ_ZONE_US), "edge");
    f->ctx.now_override = NOW + 1;
    assert_null(user_of(f, WIZ_ZONE_US));
}

/* The one "<name>.corrupt-*" file beside the store, or fail. */
static char *find_corrupt(struct fx *f, int *count)
{
    DIR *d = opendir(f->dir);
    assert_non_null(d);
    struct dirent *de;
    char *found = NULL;
    *count = 0;
    while ((de = readdir(d)))
        if (strncmp(de->d_name, "ampli.json.corrupt-", 19) == 0) {
            (*count)++;
            free(found);
            found = malloc(600);
            snprintf(found, 600, "%s/%s", f->dir, de->d_name);
        }
    closedir(d);
    return found;
}

static void corrupt_moved_aside(const char *bad_text, void **state)
{
    struct fx *f = *state;
    write_file(f->path, bad_text, 0600);
    /* a read moves it aside and sees an empty store */
    assert_null(user_of(f, WIZ_ZONE_US));
    assert_int_equal(f->warnings, 1);
    assert_non_null(strstr(f->last_warning, "corrupt-20261127T210800Z"));
    int n;
    char *aside = find_corrupt(f, &n);
    assert_int_equal(n, 1);
    char *kept = slurp(aside);
    assert_string_equal(kept, bad_text);
    free(kept);
    assert_int_equal(access(f->path, F_OK), -1);
    /* a write goes to a fresh file; the moved one is untouched */
    put_user(f, "1", WIZ_ZONE_US, "t", NOW + 60);
    kept = slurp(aside);
    assert_string_equal(kept, bad_text);
    free(kept);
    free(aside);
    assert_string_equal(user_of(f, WIZ_ZONE_US), "1");

    /* corrupt again, this time found by a write, in the same second: a second file */
    write_file(f->path, bad_text, 0600);
    put_user(f, "2", WIZ_ZONE_US, "t", NOW + 60);
    free(find_corrupt(f, &n));
    assert_int_equal(n, 2);
    json_t *doc = load_json(f->path);
    assert_int_equal(json_object_size(doc), 1);
    json_decref(doc);
}

static void corrupt_json(void **state) { corrupt_moved_aside("{\"User-1\": {\"User\": ", state); }
static void non_object_top_level(void **state) { corrupt_moved_aside("[{\"User-1\": 1}]\n", state); }

static void mode_becomes_0600_dir_untouched(void **state)
{
    struct fx *f = *state;
    assert_int_equal(chmod(f->dir, 0755), 0);
    write_file(f->path, "{\"k\":1}", 0644);
    put_user(f, "1", WIZ_ZONE_US, "t", NOW + 60);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(stat(f->dir, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0755);
    /* no temp files left behind; the lock file stays */
    DIR *d = opendir(f->dir);
    struct dirent *de;
    int entries = 0;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') {
            entries++;
            assert_true(strcmp(de->d_name, "ampli.json") == 0 || strcmp(de->d_name, "ampli.json.lock") == 0);
        }
    closedir(d);
    assert_int_equal(entries, 2);
}

static void symlink_target_replaced(void **state)
{
    struct fx *f = *state;
    char real_dir[400], real[450], link[400];
    snprintf(real_dir, sizeof real_dir, "%s/dotfiles", f->dir);
    snprintf(real, sizeof real, "%s/ampli.json", real_dir);
    snprintf(link, sizeof link, "%s", f->path);
    assert_int_equal(mkdir(real_dir, 0700), 0);
    write_file(real, "{\"keep\":true}", 0644);
    assert_int_equal(symlink("dotfiles/ampli.json", link), 0); /* relative, like stow makes */
    put_user(f, "1", WIZ_ZONE_US, "t", NOW + 60);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(real, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    json_t *doc = load_json(real);
    assert_non_null(json_object_get(doc, "User-1"));
    assert_true(json_is_true(json_object_get(doc, "keep")));
    json_decref(doc);
    /* a dangling link: the write creates the target and keeps the link */
    assert_int_equal(unlink(real), 0);
    put_user(f, "2", WIZ_ZONE_US, "t", NOW + 60);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    doc = load_json(real);
    assert_non_null(json_object_get(doc, "User-2"));
    json_decref(doc);
}

static void logout_one_zone_then_all(void **state)
{
    struct fx *f = *state;
    char **removed = NULL;
    /* nothing stored: nothing removed, no file created */
    assert_int_equal(wiz_store_logout(&f->ctx, &f->st, NULL, &removed), WIZ_OK);
    assert_null(removed[0]);
    wiz_store_free_list(removed);
    assert_int_equal(access(f->path, F_OK), -1);

    write_file(f->path, "{\"Other\":{\"x\":1},\"Userland\":2}", 0600);
    put_user(f, "1", WIZ_ZONE_US, "t", NOW + 60);
    put_user(f, "2", WIZ_ZONE_EU, "t", NOW + 60);
    put_pending(f, WIZ_ZONE_EU, "p");
    put_pending(f, WIZ_ZONE_US, "p");
    const enum wiz_zone eu = WIZ_ZONE_EU;
    assert_int_equal(wiz_store_logout(&f->ctx, &f->st, &eu, &removed), WIZ_OK);
    assert_string_equal(removed[0], "User[eu]-2");
    assert_string_equal(removed[1], "User[eu]-pending");
    assert_null(removed[2]);
    wiz_store_free_list(removed);
    assert_null(user_of(f, WIZ_ZONE_EU));
    assert_string_equal(user_of(f, WIZ_ZONE_US), "1");

    assert_int_equal(wiz_store_logout(&f->ctx, &f->st, NULL, &removed), WIZ_OK);
    assert_string_equal(removed[0], "User-1");
    assert_string_equal(removed[1], "User-pending");
    assert_null(removed[2]);
    wiz_store_free_list(removed);
    json_t *doc = load_json(f->path), *want = json_loads("{\"Other\":{\"x\":1},\"Userland\":2}", 0, NULL);
    assert_true(json_equal(doc, want));
    json_decref(doc);
    json_decref(want);
}

static void lock_held_elsewhere(void **state)
{
    struct fx *f = *state;
    char lockname[400];
    snprintf(lockname, sizeof lockname, "%s.lock", f->path);
    /* a second open file description conflicts even within one process */
    int fd = open(lockname, O_RDWR | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    f->st.lock_timeout_ms = 50;
    struct wiz_user u = {(char *)"1", (char *)"a", (char *)"b", (char *)"c", WIZ_ZONE_US};
    struct wiz_tokens t = {(char *)"x", (char *)"y", (char *)"z", NOW};
    assert_int_equal(wiz_store_put(&f->ctx, &f->st, &u, &t), WIZ_ELOCK);
    assert_non_null(strstr(wiz_errmsg(&f->ctx), lockname));
    assert_int_equal(access(f->path, F_OK), -1);
    /* the environment overrides the struct */
    setenv("AMPLI_WIZARD_LOCK_TIMEOUT_MS", "0", 1);
    f->st.lock_timeout_ms = 60000;
    assert_int_equal(wiz_store_logout(&f->ctx, &f->st, NULL, NULL), WIZ_ELOCK);
    unsetenv("AMPLI_WIZARD_LOCK_TIMEOUT_MS");
    close(fd);
    assert_int_equal(wiz_store_put(&f->ctx, &f->st, &u, &t), WIZ_OK);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso_time),   cmocka_unit_test(key_naming),   T(round_trip_and_shape),
        T(zones_are_separate),        T(pending_rules),               T(real_user_before_pending),
        T(unknown_and_invalid_preserved), T(malformed_expiry_reads_as_due), T(usable_for_364_days),
        T(corrupt_json),              T(non_object_top_level),        T(mode_becomes_0600_dir_untouched),
        T(symlink_target_replaced),   T(logout_one_zone_then_all),    T(lock_held_elsewhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
