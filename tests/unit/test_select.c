/* The GraphQL orgs reply parser and key selection (--app-id, filters, single,
 * CI lowest rank, agent needs --app-id, no visible keys). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "auth/select.h"
#include "auth/userinfo.h"
#include "ui/ui.h"

static const char TREE[] =
    "{\"data\":{\"orgs\":["
    "{\"id\":\"o1\",\"name\":\"Acme\",\"user\":{\"id\":12345,\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"ada@example.com\"},"
    " \"workspaces\":["
    "  {\"id\":\"p1\",\"name\":\"Shop\",\"environments\":["
    "    {\"name\":\"Development\",\"rank\":2,\"app\":{\"id\":102,\"apiKey\":\"0000000000000000000000000000de02\"}},"
    "    {\"name\":\"Production\",\"rank\":1,\"app\":{\"id\":101,\"apiKey\":\"0000000000000000000000000000de01\"}},"
    "    {\"name\":\"Hidden\",\"rank\":0,\"app\":{\"id\":100,\"apiKey\":null}}]},"
    "  {\"id\":\"p2\",\"name\":\"Blog\",\"environments\":[{\"name\":\"Production\",\"rank\":1,\"app\":{\"id\":\"201\",\"apiKey\":\"0000000000000000000000000000de03\"}}]}]},"
    "{\"id\":\"o2\",\"name\":\"Other\",\"user\":{\"id\":\"12345\"},\"workspaces\":[]}]}}";

static const char NOKEYS[] =
    "{\"data\":{\"orgs\":[{\"id\":\"o1\",\"name\":\"Acme\",\"user\":{\"id\":\"7\",\"firstName\":\"B\",\"lastName\":\"C\",\"email\":\"b@x\"},"
    "\"workspaces\":[{\"id\":\"p1\",\"name\":\"Shop\",\"environments\":[{\"name\":\"Production\",\"rank\":1,\"app\":{\"id\":1,\"apiKey\":\"\"}}]}]}]}}";

static void load(const char *json, struct wiz_orgs *o)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_userinfo_parse(&ctx, json, strlen(json), WIZ_ZONE_EU, o), WIZ_OK);
}

/* Frees the UI state a question may have created (wiz_ui_choose creates it on use). */
static void app_done(struct wiz_app *app)
{
    if (app->ui)
        wiz_ui_finish(app, WIZ_OK);
}

static void app_init(struct wiz_app *app, bool ci)
{
    app_done(app);
    memset(app, 0, sizeof *app);
    wiz_ctx_init(&app->ctx);
    wiz_opts_defaults(&app->opts);
    app->opts.ci = ci;
    app->opts.agent = !ci;
}

static void parses_tree(void **state)
{
    (void)state;
    struct wiz_orgs o;
    load(TREE, &o);
    assert_string_equal(o.user.id, "12345");
    assert_string_equal(o.user.first_name, "Ada");
    assert_string_equal(o.user.email, "ada@example.com");
    assert_int_equal(o.user.zone, WIZ_ZONE_EU);
    assert_int_equal(o.n_orgs, 2);
    assert_int_equal(o.orgs[0].n_projects, 2);
    assert_int_equal(o.orgs[0].projects[0].n_envs, 3);
    assert_string_equal(o.orgs[0].projects[0].envs[0].app_id, "102");
    assert_string_equal(o.orgs[0].projects[0].envs[0].api_key, "0000000000000000000000000000de02");
    assert_null(o.orgs[0].projects[0].envs[2].api_key);
    assert_string_equal(o.orgs[0].projects[1].envs[0].app_id, "201");
    assert_int_equal(o.orgs[1].n_projects, 0);
    wiz_orgs_clear(&o);
}

static void rejects_bad_replies(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_orgs o;
    static const char *const bad[] = {
        "", "[]", "{}", "{\"data\":{\"orgs\":[]}}", "{\"data\":{\"orgs\":{}}}",
        "{\"errors\":[{\"message\":\"unauthenticated\"}]}",
        "{\"data\":{\"orgs\":[{\"id\":\"o\",\"user\":null}]}}",
        "{\"data\":{\"orgs\":[{\"id\":\"o\",\"user\":{\"firstName\":\"x\"}}]}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_not_equal(wiz_userinfo_parse(&ctx, bad[i], strlen(bad[i]), WIZ_ZONE_US, &o), WIZ_OK);
        assert_null(o.orgs);
    }
    assert_int_equal(wiz_userinfo_parse(&ctx, bad[3], strlen(bad[3]), WIZ_ZONE_US, &o), WIZ_ENET);
    assert_non_null(strstr(wiz_errmsg(&ctx), "no organization"));
}

static void ci_takes_lowest_rank(void **state)
{
    (void)state;
    struct wiz_orgs o;
    load(TREE, &o);
    struct wiz_app app = {0};
    app_init(&app, true);
    struct wiz_choice c;
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_OK);
    /* rank 0 has no visible key; rank 1 comes first in server order: Shop/Production */
    assert_string_equal(c.env->api_key, "0000000000000000000000000000de01");
    assert_string_equal(c.project->name, "Shop");
    assert_string_equal(c.org->name, "Acme");
    app_done(&app);
    wiz_orgs_clear(&o);
}

static void app_id_and_filters(void **state)
{
    (void)state;
    struct wiz_orgs o;
    load(TREE, &o);
    struct wiz_app app = {0};
    struct wiz_choice c;
    app_init(&app, false); /* agent mode */
    app.opts.app_id = "102";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_OK);
    assert_string_equal(c.env->api_key, "0000000000000000000000000000de02");
    app.opts.app_id = "100";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EAUTH);
    assert_non_null(strstr(wiz_errmsg(&app.ctx), "admin"));
    app.opts.app_id = "999";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EUSAGE);

    app_init(&app, false);
    app.opts.project = "blog"; /* names match case-insensitively */
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_OK);
    assert_string_equal(c.env->api_key, "0000000000000000000000000000de03");

    app_init(&app, false);
    app.opts.project = "Shop";
    app.opts.env = "Development";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_OK);
    assert_string_equal(c.env->app_id, "102");

    app_init(&app, false);
    app.opts.org = "Nope";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EUSAGE);
    assert_non_null(strstr(wiz_errmsg(&app.ctx), "--org Nope"));

    app_init(&app, false);
    app.opts.env = "Hidden";
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EAUTH);

    /* agent mode with several candidates and no answer: the recommended (lowest rank),
     * as Amplitude's wizard picks it, said to come from there */
    app_init(&app, false);
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_OK);
    assert_string_equal(c.env->app_id, "101");
    assert_string_equal(c.source, "recommended");
    /* --confirm-app: never without an answer */
    app_init(&app, false);
    app.opts.confirm_app = true;
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EINPUT);
    assert_non_null(strstr(wiz_errmsg(&app.ctx), "--app-id"));
    app_done(&app);
    wiz_orgs_clear(&o);
}

static void no_visible_keys(void **state)
{
    (void)state;
    struct wiz_orgs o;
    load(NOKEYS, &o);
    struct wiz_app app = {0};
    app_init(&app, true);
    struct wiz_choice c;
    assert_int_equal(wiz_select_key(&app, &o, &c), WIZ_EAUTH);
    assert_non_null(strstr(wiz_errmsg(&app.ctx), "only organization admins can see API keys"));
    app_done(&app);
    wiz_orgs_clear(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_tree),       cmocka_unit_test(rejects_bad_replies),
        cmocka_unit_test(ci_takes_lowest_rank), cmocka_unit_test(app_id_and_filters),
        cmocka_unit_test(no_visible_keys),
    };
    setenv("AMPLI_WIZARD_INPUT_TIMEOUT_MS", "200", 1); /* agent questions: never wait long */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
