/* Token replies and the expiry rule of the reference (id token exp, else expires_in,
 * else one hour, with the 30 s .. 7 days bounds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/oauth.h"
#include "auth/pkce.h"

#define NOW ((time_t)1800000000)
#define DAY (24L * 3600)

/* returns owned string: free() */
static char *jwt(const char *payload)
{
    char p[512];
    wiz_base64url_encode(p, sizeof p, (const unsigned char *)payload, strlen(payload));
    return wiz_asprintf("eyJhbGciOiJSUzI1NiJ9.%s.c2ln", p);
}

static char *jwt_exp(long long exp)
{
    char payload[128];
    snprintf(payload, sizeof payload, "{\"iss\":\"x\",\"sub\":\"1\",\"exp\":%lld,\"iat\":1}", exp);
    return jwt(payload);
}

static void expiry_rules(void **state)
{
    (void)state;
    char *t;
    /* exp 2 h ahead wins over expires_in */
    t = jwt_exp(NOW + 7200);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 60), NOW + 7200);
    free(t);
    /* exact bounds: 30 s and 7 days are accepted */
    t = jwt_exp(NOW + 30);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 0), NOW + 30);
    free(t);
    t = jwt_exp(NOW + 7 * DAY);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 0), NOW + 7 * DAY);
    free(t);
    /* exp too close, in the past, or too far: expires_in */
    t = jwt_exp(NOW + 29);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 600), NOW + 600);
    free(t);
    t = jwt_exp(NOW - 100);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 600), NOW + 600);
    free(t);
    t = jwt_exp(NOW + 8 * DAY);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 7200), NOW + 7200);
    /* ... and expires_in over 7 days or absent: one hour */
    assert_int_equal(wiz_oauth_expiry(NOW, t, 8 * DAY), NOW + 3600);
    assert_int_equal(wiz_oauth_expiry(NOW, t, 0), NOW + 3600);
    free(t);
    /* no id token, or not a JWT, or a payload without exp */
    assert_int_equal(wiz_oauth_expiry(NOW, NULL, 7200), NOW + 7200);
    assert_int_equal(wiz_oauth_expiry(NOW, "opaque", 7200), NOW + 7200);
    assert_int_equal(wiz_oauth_expiry(NOW, "a.!!!.c", 7200), NOW + 7200);
    t = jwt("{\"sub\":\"1\"}");
    assert_int_equal(wiz_oauth_expiry(NOW, t, 0), NOW + 3600);
    free(t);
    t = jwt("[1,2]");
    assert_int_equal(wiz_oauth_expiry(NOW, t, 120), NOW + 120);
    free(t);
}

static void parses_token_reply(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *idt = jwt_exp(NOW + 7200);
    char *body = wiz_asprintf("{\"access_token\":\"at\",\"id_token\":\"%s\",\"refresh_token\":\"rt\","
                              "\"token_type\":\"bearer\",\"expires_in\":3600}", idt);
    struct wiz_tokens t;
    assert_int_equal(wiz_oauth_parse_token_reply(&ctx, NOW, body, strlen(body), &t), WIZ_OK);
    assert_string_equal(t.access_token, "at");
    assert_string_equal(t.id_token, idt);
    assert_string_equal(t.refresh_token, "rt");
    assert_int_equal(t.expires_at, NOW + 7200); /* the id token's exp, not a made-up hour */
    wiz_tokens_clear(&t);
    free(body);
    free(idt);

    const char *ok2 = "{\"access_token\":\"at\",\"expires_in\":90}";
    assert_int_equal(wiz_oauth_parse_token_reply(&ctx, NOW, ok2, strlen(ok2), &t), WIZ_OK);
    assert_null(t.refresh_token);
    assert_int_equal(t.expires_at, NOW + 90);
    wiz_tokens_clear(&t);

    static const char *const bad[] = {"", "[]", "{}", "{\"access_token\":5}", "{\"access_token\":\"\"}",
                                      "{\"access_token\":\"a\",\"refresh_token\":[]}", "{\"access_token\":\"a\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(wiz_oauth_parse_token_reply(&ctx, NOW, bad[i], strlen(bad[i]), &t), WIZ_ENET);
        assert_null(t.access_token);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expiry_rules),
        cmocka_unit_test(parses_token_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
