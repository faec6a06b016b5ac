/* Package manager detection and the install command: by lockfile, by the manifest's own
 * tables when there is no lockfile, and the command shaped by the manifest and by what
 * the plan added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plugin/host.h"

struct proj {
    char dir[64];
};

static void put(struct proj *p, const char *file, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", p->dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void fresh(struct proj *p)
{
    snprintf(p->dir, sizeof p->dir, "/tmp/wiz-pm-XXXXXX");
    assert_non_null(mkdtemp(p->dir));
}

static void gone(struct proj *p)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p->dir);
    assert_int_equal(system(cmd), 0);
}

/* The install command as one line ("" when none). */
static char *cmd_of(const char *dir, const struct wiz_plan *plan)
{
    static char line[512];
    char **argv = wiz_pkgmgr_install_cmd(dir, plan);
    line[0] = '\0';
    for (char **a = argv; a && *a; a++)
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", line[0] ? " " : "", *a);
    free(argv);
    return line;
}

static void check(const char *file, const char *text, const char *pm, const char *evidence, const char *cmd,
                  const struct wiz_plan *plan)
{
    struct proj p;
    fresh(&p);
    put(&p, file, text);
    const char *ev = NULL;
    const char *got = wiz_pkgmgr_detect(p.dir, &ev);
    if (!pm) {
        assert_null(got);
    } else {
        assert_non_null(got);
        assert_string_equal(got, pm);
        assert_string_equal(ev, evidence);
    }
    assert_string_equal(cmd_of(p.dir, plan), cmd);
    gone(&p);
}

static void pyproject_tables_decide_without_lockfile(void **st)
{
    (void)st;
    char *deps[] = {"amplitude-analytics>=1.1,<2"};
    struct wiz_plan plan = {.deps = deps, .ndeps = 1};
    const char *poetry = "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n";
    check("pyproject.toml", poetry, "poetry", "pyproject.toml [tool.poetry]", "poetry update amplitude-analytics", &plan);
    check("pyproject.toml", poetry, "poetry", "pyproject.toml [tool.poetry]", "poetry install", NULL);
    check("pyproject.toml", "[project]\nname = \"x\"\n\n[tool.uv]\ndev-dependencies = []\n", "uv",
          "pyproject.toml [tool.uv]", "uv add amplitude-analytics>=1.1,<2", &plan);
    check("pyproject.toml", "[project]\nname = \"x\"\n[tool.uv.sources]\n", "uv", "pyproject.toml [tool.uv]", "uv sync",
          NULL);
    check("pyproject.toml", "[project]\nname = \"x\"\n[tool.pdm]\ndistribution = false\n", "pdm",
          "pyproject.toml [tool.pdm]", "pdm install", &plan);
    /* plain PEP 621: pip installs what was added (or the project itself) */
    check("pyproject.toml", "[project]\nname = \"x\"\n[tool.uvx]\n", "pip", "pyproject.toml",
          "pip install amplitude-analytics>=1.1,<2", &plan);
    check("pyproject.toml", "[project]\nname = \"x\"\n", "pip", "pyproject.toml", "pip install -e .", NULL);
    /* a Poetry caret constraint means nothing to pip: the name alone */
    char *caret[] = {"amplitude-analytics^1.1"};
    struct wiz_plan cp = {.deps = caret, .ndeps = 1};
    check("pyproject.toml", "[project]\nname = \"x\"\n", "pip", "pyproject.toml", "pip install amplitude-analytics", &cp);
}

static void lockfiles_and_manifests(void **st)
{
    (void)st;
    char *deps[] = {"amplitude-analytics>=1.1,<2"};
    struct wiz_plan plan = {.deps = deps, .ndeps = 1};
    check("requirements.txt", "flask\n", "pip", "requirements.txt", "pip install -r requirements.txt", &plan);
    check("uv.lock", "version = 1\n", "uv", "uv.lock", "uv add amplitude-analytics>=1.1,<2", &plan);
    check("poetry.lock", "", "poetry", "poetry.lock", "poetry update amplitude-analytics", &plan);
    check("pdm.lock", "", "pdm", "pdm.lock", "pdm install", &plan);
    check("Pipfile", "[packages]\n", "pipenv", "Pipfile", "pipenv install", &plan);
    check("Pipfile.lock", "{}", "pipenv", "Pipfile.lock", "pipenv install", &plan);
    check("environment.yml", "name: x\n", "conda", "environment.yml", "conda env update --file environment.yml", NULL);
    /* JavaScript: the manifest is already edited; install (never frozen: CI would refuse it) */
    check("package-lock.json", "{}", "npm", "package-lock.json", "npm install", &plan);
    check("package.json", "{}", "npm", "package.json", "npm install", NULL);
    check("pnpm-lock.yaml", "lockfileVersion: '9.0'\n", "pnpm", "pnpm-lock.yaml", "pnpm install --no-frozen-lockfile",
          NULL);
    check("bun.lock", "{}", "bun", "bun.lock", "bun install", NULL);
    check("bun.lockb", "\x01", "bun", "bun.lockb", "bun install", NULL);
    check("other.txt", "", NULL, NULL, "", NULL);
}

static void yarn_v1_vs_berry(void **st)
{
    (void)st;
    check("yarn.lock",
          "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n"
          "express@^4.18.2:\n  version \"4.18.2\"\n",
          "yarn", "yarn.lock (v1)", "yarn install", NULL);
    check("yarn.lock",
          "# This file is generated by running \"yarn install\" inside your project.\n"
          "# Manual changes might be lost - proceed with caution!\n\n__metadata:\n  version: 8\n  cacheKey: 10c0\n",
          "yarn", "yarn.lock (berry)", "yarn install --no-immutable", NULL);
    /* "__metadata" inside a v1 entry's text is not the berry header */
    check("yarn.lock", "# yarn lockfile v1\n\"x@1\":\n  resolved \"https://r/__metadata:\"\n", "yarn", "yarn.lock (v1)",
          "yarn install", NULL);
}

static void lockfile_beats_manifest(void **st)
{
    (void)st;
    struct proj p;
    fresh(&p);
    put(&p, "pyproject.toml", "[tool.poetry]\nname = \"x\"\n");
    put(&p, "uv.lock", "");
    const char *ev;
    assert_string_equal(wiz_pkgmgr_detect(p.dir, &ev), "uv");
    assert_string_equal(ev, "uv.lock");
    gone(&p);
    /* the plugin edits requirements.txt when there is one: pip installs from it */
    fresh(&p);
    put(&p, "pyproject.toml", "[tool.poetry]\nname = \"x\"\n");
    put(&p, "requirements.txt", "flask\n");
    assert_string_equal(cmd_of(p.dir, NULL), "pip install -r requirements.txt");
    gone(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pyproject_tables_decide_without_lockfile),
        cmocka_unit_test(lockfiles_and_manifests),
        cmocka_unit_test(yarn_v1_vs_berry),
        cmocka_unit_test(lockfile_beats_manifest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
