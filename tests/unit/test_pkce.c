/* PKCE S256 (RFC 7636 Appendix B), base64url, state comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "auth/pkce.h"

static void rfc7636_appendix_b(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char ch[64];
    assert_int_equal(wiz_pkce_challenge(&ctx, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", ch, sizeof ch), WIZ_OK);
    assert_string_equal(ch, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    /* The verifier of Appendix B is the base64url of these 32 octets. */
    static const unsigned char octets[32] = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96,
                                             125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
                                             191, 240, 91, 88, 5, 88, 83, 132, 141, 121};
    char v[64];
    assert_int_equal(wiz_base64url_encode(v, sizeof v, octets, sizeof octets), 43);
    assert_string_equal(v, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

static void fresh_pkce_shapes(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_pkce a, b;
    assert_int_equal(wiz_pkce_new(&ctx, &a), WIZ_OK);
    assert_int_equal(wiz_pkce_new(&ctx, &b), WIZ_OK);
    assert_int_equal(strlen(a.verifier), 43);
    assert_int_equal(strlen(a.challenge), 43);
    assert_int_equal(strlen(a.state), 32);
    assert_int_equal(strspn(a.state, "0123456789abcdef"), 32);
    assert_int_equal(strspn(a.verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
    assert_string_not_equal(a.verifier, b.verifier);
    assert_string_not_equal(a.state, b.state);
    char ch[64];
    assert_int_equal(wiz_pkce_challenge(&ctx, a.verifier, ch, sizeof ch), WIZ_OK);
    assert_string_equal(ch, a.challenge);
    wiz_pkce_clear(&a);
    assert_int_equal(a.verifier[0], 0);
}

static void base64url_roundtrip(void **state)
{
    (void)state;
    unsigned char in[256];
    for (int i = 0; i < 256; i++)
        in[i] = (unsigned char)(255 - i);
    for (size_t len = 0; len <= sizeof in; len += 7) {
        char enc[400];
        int n = wiz_base64url_encode(enc, sizeof enc, in, len);
        assert_true(n >= 0);
        assert_null(strchr(enc, '='));
        assert_null(strchr(enc, '+'));
        assert_null(strchr(enc, '/'));
        size_t outlen = 0;
        unsigned char *dec = wiz_base64url_decode(enc, (size_t)n, &outlen);
        assert_non_null(dec);
        assert_int_equal(outlen, len);
        assert_memory_equal(dec, in, len);
        free(dec);
    }
    size_t l;
    assert_null(wiz_base64url_decode("a", 1, &l));       /* impossible length */
    assert_null(wiz_base64url_decode("ab+c", 4, &l));    /* standard alphabet is not base64url */
    assert_null(wiz_base64url_decode("ab*c", 4, &l));
    char small[4];
    assert_int_equal(wiz_base64url_encode(small, sizeof small, in, 3), -1);
}

static void state_compare(void **state)
{
    (void)state;
    assert_true(wiz_state_equal("abc123", "abc123"));
    assert_false(wiz_state_equal("abc123", "abc124"));
    assert_false(wiz_state_equal("abc123", "abc12"));
    assert_false(wiz_state_equal("abc123", NULL));
    assert_false(wiz_state_equal("", ""));
}

static void uuid_shape(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char u[37];
    assert_int_equal(wiz_uuid4(&ctx, u), WIZ_OK);
    assert_int_equal(strlen(u), 36);
    assert_int_equal(u[14], '4');
    assert_true(strchr("89ab", u[19]) != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc7636_appendix_b), cmocka_unit_test(fresh_pkce_shapes),
        cmocka_unit_test(base64url_roundtrip), cmocka_unit_test(state_compare), cmocka_unit_test(uuid_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
