/* Path confinement: "..", absolute paths and symlinks leaving the project are refused;
 * paths inside (also through an inside symlink) are allowed; writes are atomic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin/host.h"

struct fx {
    char tmp[64];
    char *root;
};

static int setup(void **st)
{
    struct fx *f = calloc(1, sizeof *f);
    snprintf(f->tmp, sizeof f->tmp, "/tmp/wizpaths.XXXXXX");
    if (!mkdtemp(f->tmp))
        return -1;
    char p[256];
    snprintf(p, sizeof p, "%s/proj", f->tmp);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/proj/src", f->tmp);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/secret", f->tmp);
    FILE *s = fopen(p, "w");
    fputs("token", s);
    fclose(s);
    char l[256];
    snprintf(l, sizeof l, "%s/proj/out-link", f->tmp);
    if (symlink(p, l) != 0) /* leads out of the project */
        return -1;
    snprintf(l, sizeof l, "%s/proj/dir-link", f->tmp);
    if (symlink(f->tmp, l) != 0)
        return -1;
    snprintf(l, sizeof l, "%s/proj/in-link", f->tmp);
    if (symlink("src", l) != 0)
        return -1;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    snprintf(p, sizeof p, "%s/proj", f->tmp);
    f->root = wiz_pfs_root(&ctx, p);
    *st = f;
    return f->root ? 0 : -1;
}

static int teardown(void **st)
{
    struct fx *f = *st;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->tmp);
    if (system(cmd) != 0)
        return -1;
    free(f->root);
    free(f);
    return 0;
}

static enum wiz_rc resolve(struct fx *f, const char *rel, bool w, char *msg, size_t cap)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs = NULL, *norm = NULL;
    enum wiz_rc rc = wiz_pfs_resolve(&ctx, f->root, rel, w, &abs, &norm);
    snprintf(msg, cap, "%s", rc ? wiz_errmsg(&ctx) : norm);
    free(abs);
    free(norm);
    return rc;
}

static void refuses_escapes(void **st)
{
    struct fx *f = *st;
    char m[512];
    assert_int_equal(resolve(f, "../secret", false, m, sizeof m), WIZ_EWRITE);
    assert_non_null(strstr(m, "'..'"));
    assert_int_equal(resolve(f, "src/../../secret", false, m, sizeof m), WIZ_EWRITE);
    assert_int_equal(resolve(f, "/etc/passwd", false, m, sizeof m), WIZ_EWRITE);
    assert_non_null(strstr(m, "absolute"));
    assert_int_equal(resolve(f, "~/.ampli.json", false, m, sizeof m), WIZ_EWRITE);
    assert_int_equal(resolve(f, "out-link", false, m, sizeof m), WIZ_EWRITE);
    assert_non_null(strstr(m, "outside the project"));
    assert_int_equal(resolve(f, "dir-link/secret", false, m, sizeof m), WIZ_EWRITE);
    assert_int_equal(resolve(f, "dir-link/new-file", true, m, sizeof m), WIZ_EWRITE);
    assert_int_equal(resolve(f, ".", false, m, sizeof m), WIZ_EWRITE);
}

static void allows_inside(void **st)
{
    struct fx *f = *st;
    char m[512];
    assert_int_equal(resolve(f, "./src//main.js", false, m, sizeof m), WIZ_OK);
    assert_string_equal(m, "src/main.js");
    assert_int_equal(resolve(f, "in-link/x.js", false, m, sizeof m), WIZ_OK);
    assert_int_equal(resolve(f, "new/dir/file.txt", true, m, sizeof m), WIZ_OK);
    /* writing over a symlink itself is refused, even one that stays inside */
    assert_int_equal(resolve(f, "in-link", true, m, sizeof m), WIZ_EWRITE);
}

static void atomic_write_keeps_mode(void **st)
{
    struct fx *f = *st;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs = wiz_asprintf("%s/deep/er/file.sh", f->root);
    assert_int_equal(wiz_pfs_write_abs(&ctx, abs, "echo\n", 5, 0755), WIZ_OK);
    char *t = NULL;
    size_t n = 0;
    unsigned mode = 0;
    assert_int_equal(wiz_pfs_read_abs(&ctx, abs, &t, &n, &mode), WIZ_OK);
    assert_string_equal(t, "echo\n");
    assert_int_equal(mode, 0755);
    free(t);
    free(abs);
}

static void glob_lists_inside_only(void **st)
{
    struct fx *f = *st;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *a = wiz_asprintf("%s/src/a.js", f->root);
    assert_int_equal(wiz_pfs_write_abs(&ctx, a, "1", 1, 0644), WIZ_OK);
    free(a);
    char **v = NULL;
    assert_int_equal(wiz_pfs_glob(&ctx, f->root, "**/*", &v), WIZ_OK);
    /* symlinks are not followed: neither the secret nor dir-link's tree appear */
    for (char **p = v; *p; p++)
        assert_null(strstr(*p, "secret"));
    assert_string_equal(v[0], "src/a.js");
    free(v);
    assert_int_equal(wiz_pfs_glob(&ctx, f->root, "../*", &v), WIZ_EWRITE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(refuses_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(allows_inside, setup, teardown),
        cmocka_unit_test_setup_teardown(atomic_write_keeps_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(glob_lists_inside_only, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
