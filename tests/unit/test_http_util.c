/* URL policy (https, loopback http), form/URL encoding, debug-log redaction, endpoints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "auth/endpoints.h"
#include "http/http.h"

static void loopback_hosts(void **state)
{
    (void)state;
    assert_true(wiz_http_host_is_loopback("127.0.0.1"));
    assert_true(wiz_http_host_is_loopback("127.255.1.2"));
    assert_true(wiz_http_host_is_loopback("localhost"));
    assert_true(wiz_http_host_is_loopback("[::1]"));
    assert_false(wiz_http_host_is_loopback("128.0.0.1"));
    assert_false(wiz_http_host_is_loopback("10.0.0.1"));
    assert_false(wiz_http_host_is_loopback("localhost.evil.com"));
    assert_false(wiz_http_host_is_loopback("127.0.0.1.nip.io"));
    assert_false(wiz_http_host_is_loopback(NULL));
}

static void url_policy(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_http_check_url(&ctx, "https://auth.amplitude.com/oauth2/token"), WIZ_OK);
    assert_int_equal(wiz_http_check_url(&ctx, "http://127.0.0.1:8080/graphql"), WIZ_OK);
    assert_int_equal(wiz_http_check_url(&ctx, "http://localhost:1/x"), WIZ_OK);
    assert_int_equal(wiz_http_check_url(&ctx, "http://[::1]:1/x"), WIZ_OK);
    assert_int_equal(wiz_http_check_url(&ctx, "http://example.com/x"), WIZ_EUSAGE);
    assert_int_equal(wiz_http_check_url(&ctx, "ftp://127.0.0.1/x"), WIZ_EUSAGE);
    assert_int_equal(wiz_http_check_url(&ctx, "file:///etc/passwd"), WIZ_EUSAGE);
    assert_int_equal(wiz_http_check_url(&ctx, "not a url"), WIZ_EUSAGE);
    /* a refused URL is refused before any connection */
    struct wiz_http_req req = {.method = "GET", .url = "http://example.com/"};
    struct wiz_http_resp resp;
    assert_int_equal(wiz_http_request(&ctx, &req, &resp), WIZ_EUSAGE);
}

static void encodings(void **state)
{
    (void)state;
    const char *pairs[] = {"grant_type", "authorization_code", "code", "a b&c=d/é", "skip", NULL,
                           "redirect_uri", "http://localhost:13222/callback"};
    char *f = wiz_http_form(pairs, 4);
    assert_string_equal(f, "grant_type=authorization_code&code=a%20b%26c%3Dd%2F%C3%A9&"
                           "redirect_uri=http%3A%2F%2Flocalhost%3A13222%2Fcallback");
    free(f);
    const char *q[] = {"scope", "openid offline", "state", "ab&cd", "redirect_uri", "http://localhost:13222/callback"};
    char *u = wiz_http_url("http://127.0.0.1:9/", "/oauth2/auth", q, 3);
    assert_non_null(u);
    assert_non_null(strstr(u, "http://127.0.0.1:9/oauth2/auth?scope=openid+offline&state=ab%26cd&redirect_uri="));
    assert_null(strstr(u, "localhost:13222/callback")); /* the redirect URI is escaped */
    free(u);
    assert_null(wiz_http_url("::bad::", "/x", NULL, 0));
}

static void redaction(void **state)
{
    (void)state;
    char *r = wiz_http_redact("grant_type=refresh_token&refresh_token=SECRET1&client_id=c&code=SECRET2&code_verifier=S3",
                              "application/x-www-form-urlencoded");
    assert_null(strstr(r, "SECRET"));
    assert_null(strstr(r, "S3"));
    assert_non_null(strstr(r, "grant_type=refresh_token"));
    assert_non_null(strstr(r, "client_id=c"));
    free(r);
    r = wiz_http_redact("{\"access_token\":\"SECRET1\",\"id_token\":\"SECRET2\",\"refresh_token\":\"SECRET3\","
                        "\"nested\":[{\"apiKey\":\"SECRET4\"}],\"expires_in\":3600}", "application/json");
    assert_null(strstr(r, "SECRET"));
    assert_non_null(strstr(r, "3600"));
    free(r);
    r = wiz_http_redact("SECRET not json", NULL);
    assert_null(strstr(r, "SECRET"));
    free(r);
}

static void endpoints(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_endpoints ep;
    assert_int_equal(wiz_endpoints_get(&ctx, NULL, WIZ_ZONE_EU, &ep), WIZ_OK);
    assert_string_equal(ep.auth_base, "https://auth.eu.amplitude.com");
    assert_string_equal(ep.graphql, "https://data-api.eu.amplitude.com/graphql");
    assert_string_equal(ep.signup, "https://app.eu.amplitude.com/t/agentic/signup/v1");
    assert_string_equal(ep.ingest, "https://api.eu.amplitude.com/2/httpapi");
    assert_string_equal(ep.client_id, "110d04a1-8e60-4157-9c43-fcbe4e014a85");
    wiz_endpoints_clear(&ep);
    assert_int_equal(wiz_endpoints_get(&ctx, NULL, WIZ_ZONE_US, &ep), WIZ_OK);
    assert_string_equal(ep.ingest, "https://api2.amplitude.com/2/httpapi");
    assert_string_equal(ep.client_id, "0ac84169-c41c-4222-885b-31469c761cb0");
    wiz_endpoints_clear(&ep);
    assert_int_equal(wiz_endpoints_get(&ctx, "http://127.0.0.1:4567/", WIZ_ZONE_US, &ep), WIZ_OK);
    assert_string_equal(ep.auth_base, "http://127.0.0.1:4567");
    assert_string_equal(ep.graphql, "http://127.0.0.1:4567/graphql");
    assert_string_equal(ep.signup, "http://127.0.0.1:4567/t/agentic/signup/v1");
    assert_string_equal(ep.app_api, "http://127.0.0.1:4567");
    assert_string_equal(ep.ingest, "http://127.0.0.1:4567/2/httpapi");
    wiz_endpoints_clear(&ep);
    assert_int_equal(wiz_endpoints_get(&ctx, "http://stand-in.example.com", WIZ_ZONE_US, &ep), WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&ctx), "AMPLI_WIZARD_SERVER"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loopback_hosts), cmocka_unit_test(url_policy), cmocka_unit_test(encodings),
        cmocka_unit_test(redaction),      cmocka_unit_test(endpoints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
