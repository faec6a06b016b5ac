/* Loading the credential file: a file as this program writes it is trusted after one
 * parse (it dumps back to the same bytes); any other spelling of the same JSON (compact,
 * other indentation, no final newline, escapes, numbers) takes the second-parse path and
 * loads the same document. Allocation failures on both paths: tests/torture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/credfile.h"

static char dir[64];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    chmod(path, 0600); /* no "readable by others" warning in the test log */
}

static json_t *load_text(const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/ampli.json", dir);
    put(path, text);
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    json_t *doc = NULL;
    bool corrupt = true;
    assert_int_equal(wiz_credfile_load(&ctx, path, false, &doc, &corrupt), WIZ_OK);
    assert_false(corrupt);
    return doc;
}

static void same_document_any_spelling(void **state)
{
    (void)state;
    json_t *want = json_pack("{s:{s:s,s:{s:s,s:i}},s:f,s:s}", "ampli-us-1", "OAuthIdToken", "i.d/t\"o\\k\u00e9n",
                             "User", "email", "a@b.c", "n", 42, "r", 1.5, "z", "");
    assert_non_null(want);
    char *canonical = json_dumps(want, JSON_INDENT(2));
    char *with_nl = canonical ? malloc(strlen(canonical) + 2) : NULL;
    assert_non_null(with_nl);
    sprintf(with_nl, "%s\n", canonical);
    char *compact = json_dumps(want, JSON_COMPACT);
    char *four = json_dumps(want, JSON_INDENT(4));
    const char *escaped = "{\"ampli-us-1\": {\"OAuthIdToken\": \"i.d\\/t\\\"o\\\\k\\u00e9n\", \"User\": "
                          "{\"email\": \"a@b.c\", \"n\": 4.2e1}}, \"r\": 15e-1, \"z\": \"\"}\n";
    /* 4.2e1 is a real, 42 an integer: json_equal tells them apart, so fix that field */
    const char *texts[] = {with_nl, canonical, compact, four, escaped};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        json_t *doc = load_text(texts[i]);
        if (i == 4)
            json_object_set_new(json_object_get(json_object_get(doc, "ampli-us-1"), "User"), "n", json_integer(42));
        if (!json_equal(doc, want))
            fail_msg("spelling %zu loaded a different document", i);
        wiz_credfile_free(doc);
    }
    free(canonical);
    free(with_nl);
    free(compact);
    free(four);
    json_decref(want);
}

static void written_file_reads_back(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/written.json", dir);
    json_t *doc = json_pack("{s:{s:s}}", "ampli-eu-7", "OAuthAccessToken", "tok\ttab");
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_credfile_save(&ctx, path, doc), WIZ_OK);
    json_t *back = NULL;
    assert_int_equal(wiz_credfile_load(&ctx, path, false, &back, NULL), WIZ_OK);
    assert_true(json_equal(doc, back));
    wiz_credfile_free(back);
    json_decref(doc);
}

static void invalid_stays_invalid(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/bad.json", dir);
    put(path, "{\"a\": 1,\n");
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    json_t *doc = NULL;
    bool corrupt = false;
    assert_int_equal(wiz_credfile_load(&ctx, path, false, &doc, &corrupt), WIZ_OK);
    assert_true(corrupt);
    assert_int_equal(json_object_size(doc), 0);
    wiz_credfile_free(doc);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/wizcredload.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_document_any_spelling),
        cmocka_unit_test(written_file_reads_back),
        cmocka_unit_test(invalid_stays_invalid),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        r = 1;
    return r;
}
