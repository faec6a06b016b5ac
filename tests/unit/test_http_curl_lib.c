/* libcurl loaded on first use: the function table fills from the real library, and a
 * library that cannot be loaded is a clear network error, not a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/curl_lib.h"

static void loads_every_function(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_curl lib;
    assert_int_equal(wiz_curl_open(&ctx, &lib, WIZ_CURL_SONAME), WIZ_OK);
    assert_non_null(lib.dl);
    assert_true(lib.easy_init != NULL && lib.url_cleanup != NULL);
    char *e = lib.easy_escape(NULL, "a b&c", 0);
    assert_string_equal(e, "a%20b%26c");
    lib.str_free(e);
    wiz_curl_close(&lib);
    assert_null(lib.dl);
    /* a second open after the close still works (the mapping stays) */
    assert_int_equal(wiz_curl_open(&ctx, &lib, WIZ_CURL_SONAME), WIZ_OK);
    wiz_curl_close(&lib);
}

static void missing_library_is_a_network_error(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_curl lib;
    assert_int_equal(wiz_curl_open(&ctx, &lib, "libcurl-absent-for-test.so.4"), WIZ_ENET);
    assert_null(lib.dl);
    assert_non_null(strstr(wiz_errmsg(&ctx), "cannot load libcurl (libcurl-absent-for-test.so.4)"));
    assert_int_equal(wiz_rc_exit_code(WIZ_ENET), 4);
    /* no ctx: the code alone */
    assert_int_equal(wiz_curl_open(NULL, &lib, "libcurl-absent-for-test.so.4"), WIZ_ENET);
}

static void library_without_curl_is_refused(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_curl lib;
    /* loads, but has none of curl's functions */
    assert_int_equal(wiz_curl_open(&ctx, &lib, "libm.so.6"), WIZ_ENET);
    assert_null(lib.dl);
    assert_non_null(strstr(wiz_errmsg(&ctx), "cannot load libcurl (libm.so.6)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_every_function),
        cmocka_unit_test(missing_library_is_a_network_error),
        cmocka_unit_test(library_without_curl_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
