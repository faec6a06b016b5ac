/* Redaction: every secret form the wizard may log is masked; ordinary text is kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ui/redact.h"

static void check(const char *in, const char *want)
{
    char *got = wiz_redact(in);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("redact(%s)\n  got  %s\n  want %s", in, got, want);
    free(got);
}

static void json_keys(void **state)
{
    (void)state;
    check("{\"access_token\":\"abc.def\",\"token_type\":\"bearer\"}", "{\"access_token\":\"[REDACTED]\",\"token_type\":\"bearer\"}");
    check("{\"refresh_token\": \"r-1\", \"expires_in\": 3600}", "{\"refresh_token\": \"[REDACTED]\", \"expires_in\": 3600}");
    check("{\"OAuthRefreshToken\":\"x\\\"y\",\"OAuthExpiresAt\":\"2026-01-01T00:00:00.000Z\"}",
          "{\"OAuthRefreshToken\":\"[REDACTED]\",\"OAuthExpiresAt\":\"2026-01-01T00:00:00.000Z\"}");
    check("{\"OAuthAccessToken\":\"a\",\"OAuthIdToken\":\"i\"}", "{\"OAuthAccessToken\":\"[REDACTED]\",\"OAuthIdToken\":\"[REDACTED]\"}");
    check("{\"code_verifier\":\"v\"}", "{\"code_verifier\":\"[REDACTED]\"}");
}

static void forms_headers_queries(void **state)
{
    (void)state;
    check("grant_type=authorization_code&code=c0de&redirect_uri=http://localhost:13222/callback&code_verifier=ver",
          "grant_type=authorization_code&code=[REDACTED]&redirect_uri=http://localhost:13222/callback&code_verifier=[REDACTED]");
    check("GET /callback?code=abc&state=s1", "GET /callback?code=[REDACTED]&state=s1");
    check("Authorization: Bearer tok123", "Authorization: Bearer [REDACTED]");
    check("authorization: raw-id-token rest", "authorization: [REDACTED] rest");
    check("refresh_token=abc", "refresh_token=[REDACTED]");
}

static void jwts_anywhere(void **state)
{
    (void)state;
    check("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl end", "token [REDACTED] end");
    check("unsigned eyJhbGciOiJub25lIn0.eyJleHAiOjF9. ok", "unsigned [REDACTED] ok");
}

static void ordinary_text_kept(void **state)
{
    (void)state;
    check("", "");
    check("Signing in to zone eu", "Signing in to zone eu");
    check("{\"code\":\"auth_required\",\"reason\":\"token_expired\"}", "{\"code\":\"auth_required\",\"reason\":\"token_expired\"}");
    check("the access_token is refreshed when it expires", "the access_token is refreshed when it expires");
    check("valid_tokens=3 eyJ-not-a-jwt", "valid_tokens=3 eyJ-not-a-jwt");
    /* project keys ship in client code, but a debug log is shared in bug reports and the
     * orgs reply lists every key of the org: masked there, as the plan masks them */
    check("api_key=abc123", "api_key=[REDACTED]");
    check("{\"apiKey\":\"k1\"}", "{\"apiKey\":\"[REDACTED]\"}");
    char *n = wiz_redact(NULL);
    assert_string_equal(n, "");
    free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_keys),
        cmocka_unit_test(forms_headers_queries),
        cmocka_unit_test(jwts_anywhere),
        cmocka_unit_test(ordinary_text_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
