/* The flag parser: globals anywhere, per-command flags, one-line errors, exit-code table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cli/cli.h"

static const char *const setup_flags[] = {"framework", "dry-run", NULL};
static const struct wiz_cmd fake_setup = {.name = "setup", .flags = setup_flags};

static enum wiz_rc parse(struct wiz_ctx *ctx, struct wiz_opts *o, const struct wiz_cmd *cmd, int argc, char **argv)
{
    wiz_ctx_init(ctx);
    wiz_opts_defaults(o);
    return wiz_cli_parse(ctx, o, cmd, argc, argv, 1);
}

static void globals_and_command_flags(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    struct wiz_opts o;
    char *argv[] = {"x", "--region", "EU", "--framework=next-js", "-y", "--install-dir", "/tmp/p", "--dry-run", "pos"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 9, argv), WIZ_OK);
    assert_true(o.zone_set);
    assert_int_equal(o.zone, WIZ_ZONE_EU);
    assert_string_equal(o.framework, "next-js");
    assert_true(o.yes);
    assert_true(o.dry_run);
    assert_string_equal(o.install_dir, "/tmp/p");
    assert_int_equal(o.argc, 1);
    assert_string_equal(o.argv[0], "pos");
}

static void alias_integration(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    struct wiz_opts o;
    char *argv[] = {"x", "--integration", "nextjs"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 3, argv), WIZ_OK);
    assert_string_equal(o.framework, "nextjs");
}

static void errors_are_usage(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    struct wiz_opts o;
    char *a1[] = {"x", "--bogus"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 2, a1), WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&ctx), "--bogus"));
    char *a2[] = {"x", "--zone", "mars"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 3, a2), WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&ctx), "mars"));
    char *a3[] = {"x", "--zone"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 2, a3), WIZ_EUSAGE);
    /* a real flag this command does not take */
    char *a4[] = {"x", "--signup"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 2, a4), WIZ_EUSAGE);
    /* a forgotten value is not the next flag */
    char *a6[] = {"x", "--framework", "--dry-run"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 3, a6), WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&ctx), "needs a value"));
    char *a7[] = {"x", "--framework=--odd"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 2, a7), WIZ_OK);
    assert_string_equal(o.framework, "--odd");
    char *a5[] = {"x", "--ci=1"};
    assert_int_equal(parse(&ctx, &o, &fake_setup, 2, a5), WIZ_EUSAGE);
}

static void exit_code_table(void **state)
{
    (void)state;
    assert_int_equal(wiz_rc_exit_code(WIZ_OK), 0);
    assert_int_equal(wiz_rc_exit_code(WIZ_EUSAGE), 2);
    assert_int_equal(wiz_rc_exit_code(WIZ_EAUTH), 3);
    assert_int_equal(wiz_rc_exit_code(WIZ_ENET), 4);
    assert_int_equal(wiz_rc_exit_code(WIZ_EINTEGRATION), 10);
    assert_int_equal(wiz_rc_exit_code(WIZ_ENAMETAKEN), 11);
    assert_int_equal(wiz_rc_exit_code(WIZ_EINPUT), 12);
    assert_int_equal(wiz_rc_exit_code(WIZ_EWRITE), 13);
    assert_int_equal(wiz_rc_exit_code(WIZ_ELOCK), 14);
    assert_int_equal(wiz_rc_exit_code(WIZ_EINTERNAL), 20);
    assert_int_equal(wiz_rc_exit_code(WIZ_ECANCEL), 130);
    for (int rc = 0; rc < WIZ_RC_COUNT; rc++)
        assert_non_null(wiz_strerror((enum wiz_rc)rc));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(globals_and_command_flags),
        cmocka_unit_test(alias_integration),
        cmocka_unit_test(errors_are_usage),
        cmocka_unit_test(exit_code_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
