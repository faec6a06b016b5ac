/* The git questions the env-file rules ask, one git process each: tracked, ignored, and
 * ignored for many paths at once; -1 outside a work tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plugin/host.h"

struct fx {
    char dir[64];
    char repo[96], plain[96];
};

static void sh(const char *cmd)
{
    assert_int_equal(system(cmd), 0);
}

static int setup(void **st)
{
    struct fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/wizgitq.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->repo, sizeof f->repo, "%s/repo", f->dir);
    snprintf(f->plain, sizeof f->plain, "%s/plain", f->dir);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "set -e; mkdir -p '%s/sub' '%s'; cd '%s'; git init -q .; "
             "printf '.env.local\\n/build/\\n*.log\\n!keep.log\\n' >.gitignore; "
             "echo x >tracked.txt; echo y >.env; git add .gitignore tracked.txt .env; "
             "git -c user.email=t@e.com -c user.name=t commit -qm x",
             f->repo, f->plain, f->repo);
    sh(cmd);
    *st = f;
    return 0;
}

static int teardown(void **st)
{
    struct fx *f = *st;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    sh(cmd);
    free(f);
    return 0;
}

static void tracked(void **st)
{
    struct fx *f = *st;
    assert_int_equal(wiz_git_tracked(f->repo, "tracked.txt"), 1);
    assert_int_equal(wiz_git_tracked(f->repo, ".env"), 1);
    assert_int_equal(wiz_git_tracked(f->repo, ".env.local"), 0);
    assert_int_equal(wiz_git_tracked(f->plain, ".env"), -1);
}

static void ignored_one_and_many(void **st)
{
    struct fx *f = *st;
    assert_int_equal(wiz_git_ignored(f->repo, ".env.local"), 1);
    assert_int_equal(wiz_git_ignored(f->repo, ".env"), 0);
    assert_int_equal(wiz_git_ignored(f->plain, ".env.local"), -1);
    const char *rels[] = {".env.local", ".env", "build/x", "sub/a.log", "keep.log", ".amplitude/runs/x",
                          "sub/.env.local"};
    bool got[7];
    memset(got, 1, sizeof got);
    assert_int_equal(wiz_git_ignored_many(f->repo, rels, 7, got), 0);
    const bool want[7] = {true, false, true, true, false, false, true};
    for (size_t i = 0; i < 7; i++)
        if (got[i] != want[i])
            fail_msg("%s: got %d, want %d", rels[i], got[i], want[i]);
    /* none ignored is an answer too (git exits 1) */
    const char *none[] = {".env", "src/main.js"};
    memset(got, 1, sizeof got);
    assert_int_equal(wiz_git_ignored_many(f->repo, none, 2, got), 0);
    assert_false(got[0]);
    assert_false(got[1]);
    assert_int_equal(wiz_git_ignored_many(f->plain, rels, 7, got), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tracked),
        cmocka_unit_test(ignored_one_and_many),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
