/* The credential file as Amplitude's Node wizard has it too: every spelling of the same
 * JSON loads the same document; what JSON.parse accepts is never "corrupt"; what it
 * rejects is; a write changes only the members that changed and copies every other
 * byte (0.1 stays 0.1). The grammar against Node's own JSON.parse: test_credfile_js.sh.
 * Allocation failures: tests/torture. */
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

static void put(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
    chmod(path, 0600); /* no "readable by others" warning in the test log */
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *b = malloc(1 << 22);
    assert_non_null(b);
    *n = fread(b, 1, (1 << 22) - 1, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

static const char *file_path(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/ampli.json", dir);
    return path;
}

/* Loads text; asserts whether it was corrupt. cf: wiz_credfile_free(). */
static struct wiz_credfile *load_n(const char *text, size_t n, bool want_corrupt)
{
    put(file_path(), text, n);
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_credfile *cf = NULL;
    bool corrupt = !want_corrupt;
    assert_int_equal(wiz_credfile_load(&ctx, file_path(), false, &cf, &corrupt), WIZ_OK);
    if (corrupt != want_corrupt)
        fail_msg("%s: %.80s", want_corrupt ? "accepted" : "called corrupt", text);
    return cf;
}

static struct wiz_credfile *load_text(const char *text) { return load_n(text, strlen(text), false); }

static void save(struct wiz_credfile *cf)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_credfile_save(&ctx, file_path(), cf), WIZ_OK);
}

static void assert_file_is(const char *want)
{
    size_t n;
    char *got = slurp(file_path(), &n);
    if (n != strlen(want) || memcmp(got, want, n) != 0)
        fail_msg("file is\n%s\nwanted\n%s", got, want);
    free(got);
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
                          "{\"email\": \"a@b.c\", \"n\": 42}}, \"r\": 15e-1, \"z\": \"\"}\r\n\t ";
    const char *texts[] = {with_nl, canonical, compact, four, escaped};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct wiz_credfile *cf = load_text(texts[i]);
        if (!json_equal(wiz_credfile_doc(cf), want))
            fail_msg("spelling %zu loaded a different document", i);
        wiz_credfile_free(cf);
    }
    free(canonical);
    free(with_nl);
    free(compact);
    free(four);
    json_decref(want);
}

/* What JSON.parse accepts loads, and the entry beside it still reads. */
static void accepted_as_javascript_does(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{\"lone\": \"\\ud800\", \"User-1\": {\"id\": \"1\"}}",
        "{\"lowlone\": \"x\\udc00y\", \"User-1\": {\"id\": \"1\"}}",
        "{\"big\": 123456789012345678901234567890, \"User-1\": {\"id\": \"1\"}}",
        "{\"neg\": -9223372036854775809, \"User-1\": {\"id\": \"1\"}}",
        "{\"inf\": 1e400, \"tiny\": 1e-400, \"User-1\": {\"id\": \"1\"}}",
        "{\"dup\": 1, \"dup\": 2, \"User-1\": {\"id\": \"1\"}}",
        "{\"nul\": \"a\\u0000b\", \"\\u0000key\": 1, \"User-1\": {\"id\": \"1\"}}",
        "{\"raw\": \"\xff\xfe\", \"\xc0\xafkey\": true, \"User-1\": {\"id\": \"1\"}}",
        "{\"pair\": \"\\ud83d\\ude00\", \"User-1\": {\"id\": \"1\"}}",
        " \t\r\n{\"User-1\":{\"id\":\"1\"}}\n\n",
        "{\"a\":[],\"b\":{},\"c\":[[[]]],\"d\":-0,\"e\":0.5e+3,\"f\":1E-2,\"User-1\":{\"id\":\"1\"}}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct wiz_credfile *cf = load_text(texts[i]);
        json_t *u = json_object_get(wiz_credfile_doc(cf), "User-1");
        if (!json_is_string(json_object_get(u, "id")))
            fail_msg("text %zu: the entry beside it did not load", i);
        wiz_credfile_free(cf);
    }
    /* the last duplicate wins, as in JavaScript */
    struct wiz_credfile *cf = load_text("{\"User-1\": {\"id\": \"old\"}, \"User-1\": {\"id\": \"new\"}}");
    assert_string_equal(json_string_value(json_object_get(json_object_get(wiz_credfile_doc(cf), "User-1"), "id")),
                        "new");
    wiz_credfile_free(cf);
}

/* Nesting deeper than any recursion could take: JSON.parse reads it (V8 does not
 * recurse), so it is no reason to sign the user out. */
static void deep_nesting(void **state)
{
    (void)state;
    size_t depth = 200000;
    const char *head = "{\"User-1\": {\"id\": \"1\"}, \"deep\": ";
    /* {"k":[{"k":[ ... ]}]}, depth levels */
    size_t n = strlen(head) + 4 * depth + 2;
    char *t = malloc(n + 1);
    assert_non_null(t);
    strcpy(t, head);
    size_t w = strlen(head);
    for (size_t i = 0; i < depth / 2; i++) {
        memcpy(t + w, "{\"k\":[", 6);
        w += 6;
    }
    for (size_t i = 0; i < depth / 2; i++) {
        memcpy(t + w, "]}", 2);
        w += 2;
    }
    t[w++] = '}';
    t[w] = '\0';
    struct wiz_credfile *cf = load_n(t, w, false);
    assert_non_null(json_object_get(wiz_credfile_doc(cf), "User-1"));
    /* a change elsewhere keeps the deep member byte for byte */
    json_object_set_new(json_object_get(wiz_credfile_doc(cf), "User-1"), "id", json_string("2"));
    save(cf);
    wiz_credfile_free(cf);
    size_t got_n;
    char *got = slurp(file_path(), &got_n);
    assert_int_equal(got_n, w);
    char *at = strstr(got, "\"deep\": ");
    assert_non_null(at);
    assert_memory_equal(at, strstr(t, "\"deep\": "), w - (size_t)(strstr(t, "\"deep\": ") - t));
    free(got);
    /* unbalanced at the bottom: corrupt */
    t[w - 2] = ' ';
    wiz_credfile_free(load_n(t, w, true));
    free(t);
}

/* What JSON.parse rejects is corrupt. */
static void rejected_as_javascript_does(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "",
        " ",
        "{\"a\": 1,}",
        "{\"a\": 01}",
        "{\"a\": 1.}",
        "{\"a\": .5}",
        "{\"a\": +1}",
        "{\"a\": -}",
        "{\"a\": 1e}",
        "{'a': 1}",
        "{\"a\": \"tab\there\"}",
        "{\"a\": \"\\x41\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"\\u12g4\"}",
        "\xef\xbb\xbf{}",
        "{} // comment",
        "{\"a\": NaN}",
        "{\"a\": Infinity}",
        "{\"a\": tru}",
        "{\"a\" 1}",
        "{\"a\": 1} {}",
        "{\"a\": [1,]}",
        "{\"a\": [1 2]}",
        "{a: 1}",
        "{\"a\": \"unterminated}",
        "{\"a\": 1\x0b}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        wiz_credfile_free(load_n(texts[i], strlen(texts[i]), true));
}

/* The bytes of a file written by someone else, and one token changed in it: only that
 * string differs afterwards. */
static void only_the_changed_bytes_change(void **state)
{
    (void)state;
    const char *before = "{\n"
                         "    \"foreign\": {\"ratio\": 0.1, \"big\": 123456789012345678901234567890, \"inf\": 1e400,\n"
                         "                \"lone\": \"\\ud800\", \"esc\": \"\\u0041\\/\"},\n"
                         "    \"User-1\": {\n"
                         "        \"User\": {\"id\": \"1\", \"extra\": 0.1},\n"
                         "        \"OAuthAccessToken\": \"old-access\",\n"
                         "        \"Theirs\": [1.50, 2e0]\n"
                         "    },\n"
                         "    \"last\":   true\n"
                         "}";
    const char *after = "{\n"
                        "    \"foreign\": {\"ratio\": 0.1, \"big\": 123456789012345678901234567890, \"inf\": 1e400,\n"
                        "                \"lone\": \"\\ud800\", \"esc\": \"\\u0041\\/\"},\n"
                        "    \"User-1\": {\n"
                        "        \"User\": {\"id\": \"1\", \"extra\": 0.1},\n"
                        "        \"OAuthAccessToken\": \"new-access\",\n"
                        "        \"Theirs\": [1.50, 2e0]\n"
                        "    },\n"
                        "    \"last\":   true\n"
                        "}";
    struct wiz_credfile *cf = load_text(before);
    json_t *e = json_object_get(wiz_credfile_doc(cf), "User-1");
    json_object_set_new(e, "OAuthAccessToken", json_string("new-access"));
    /* setting a member to the value it has changes nothing */
    json_object_set_new(json_object_get(e, "User"), "id", json_string("1"));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is(after);
}

/* Members added go where the others are, in the file's indentation; removed ones take
 * their separator with them; a new file is JSON.stringify(doc, null, 2) + newline. */
static void add_and_remove_members(void **state)
{
    (void)state;
    const char *base = "{\n  \"a\": 1,\n  \"b\": {\n    \"x\": 0.1\n  },\n  \"c\": 3\n}\n";
    struct {
        const char *del; /* member to remove, or NULL */
        const char *want;
    } cases[] = {
        {"a", "{\n  \"b\": {\n    \"x\": 0.1\n  },\n  \"c\": 3\n}\n"},
        {"b", "{\n  \"a\": 1,\n  \"c\": 3\n}\n"},
        {"c", "{\n  \"a\": 1,\n  \"b\": {\n    \"x\": 0.1\n  }\n}\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wiz_credfile *cf = load_text(base);
        json_object_del(wiz_credfile_doc(cf), cases[i].del);
        save(cf);
        wiz_credfile_free(cf);
        assert_file_is(cases[i].want);
    }
    /* an addition, nested: the file's 2-space indentation continues */
    struct wiz_credfile *cf = load_text(base);
    json_object_set_new(wiz_credfile_doc(cf), "User-9", json_pack("{s:{s:s},s:s}", "User", "id", "9", "T", "t"));
    json_object_set_new(json_object_get(wiz_credfile_doc(cf), "b"), "y", json_integer(2));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\n  \"a\": 1,\n  \"b\": {\n    \"x\": 0.1,\n    \"y\": 2\n  },\n  \"c\": 3,\n"
                   "  \"User-9\": {\n    \"User\": {\n      \"id\": \"9\"\n    },\n    \"T\": \"t\"\n  }\n}\n");
    /* every member removed: {} as JSON.stringify writes an empty object */
    cf = load_text(base);
    json_object_clear(wiz_credfile_doc(cf));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{}\n");
    /* into an empty object */
    cf = load_text("{}\n");
    json_object_set_new(wiz_credfile_doc(cf), "k", json_pack("{s:i}", "n", 1));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\n  \"k\": {\n    \"n\": 1\n  }\n}\n");
    /* a one-line file stays on one line */
    cf = load_text("{\"a\":1,\"b\":2}");
    json_object_set_new(wiz_credfile_doc(cf), "c", json_pack("{s:i}", "n", 1));
    json_object_del(wiz_credfile_doc(cf), "a");
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\"b\":2,\"c\": {\"n\": 1}}");
    /* duplicates: a changed key keeps only its new value; an unchanged one keeps both */
    cf = load_text("{\"d\": 1, \"e\": 0, \"d\": 2}");
    json_object_set_new(wiz_credfile_doc(cf), "d", json_integer(3));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\"e\": 0, \"d\": 3}");
    cf = load_text("{\"d\": 1, \"e\": 0, \"d\": 2}");
    json_object_set_new(wiz_credfile_doc(cf), "e", json_integer(5));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\"d\": 1, \"e\": 5, \"d\": 2}");
    /* a new file */
    unlink(file_path());
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_credfile_load(&ctx, file_path(), false, &cf, NULL), WIZ_OK);
    json_object_set_new(wiz_credfile_doc(cf), "User-1", json_pack("{s:{s:s},s:s}", "User", "id", "1", "A", "tok\ttab"));
    save(cf);
    wiz_credfile_free(cf);
    assert_file_is("{\n  \"User-1\": {\n    \"User\": {\n      \"id\": \"1\"\n    },\n    \"A\": \"tok\\ttab\"\n  }\n}\n");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/wizcredload.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_document_any_spelling),   cmocka_unit_test(accepted_as_javascript_does),
        cmocka_unit_test(deep_nesting),                 cmocka_unit_test(rejected_as_javascript_does),
        cmocka_unit_test(only_the_changed_bytes_change), cmocka_unit_test(add_and_remove_members),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        r = 1;
    return r;
}
