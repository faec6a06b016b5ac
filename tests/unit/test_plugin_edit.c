/* Format-preserving edits: package.json, requirements.txt, pyproject.toml, Pipfile,
 * env files, the .gitignore block. Each expected text is exact, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "plugin/host.h"

static void pkg_sorted_insert_keeps_4_space_indent(void **st)
{
    (void)st;
    const char *in = "{\n    \"name\": \"x\",\n    \"dependencies\": {\n        \"express\": \"^4.0.0\",\n"
                     "        \"zod\": \"3\"\n    }\n}\n";
    char *out = NULL;
    assert_int_equal(wiz_edit_package_json(in, "dependencies", "koa", "^2", &out), 0);
    assert_string_equal(out, "{\n    \"name\": \"x\",\n    \"dependencies\": {\n        \"express\": \"^4.0.0\",\n"
                             "        \"koa\": \"^2\",\n        \"zod\": \"3\"\n    }\n}\n");
    free(out);
    /* appended at the end when it sorts last */
    assert_int_equal(wiz_edit_package_json(in, "dependencies", "~last", "1", &out), 0);
    assert_non_null(strstr(out, "\"zod\": \"3\",\n        \"~last\": \"1\"\n    }"));
    free(out);
}

static void pkg_tabs_and_missing_section(void **st)
{
    (void)st;
    const char *in = "{\n\t\"name\": \"x\",\n\t\"version\": \"1.0.0\"\n}\n";
    char *out = NULL;
    assert_int_equal(wiz_edit_package_json(in, "dependencies", "@amplitude/unified", "^1.0.0", &out), 0);
    assert_string_equal(out, "{\n\t\"name\": \"x\",\n\t\"version\": \"1.0.0\",\n\t\"dependencies\": {\n"
                             "\t\t\"@amplitude/unified\": \"^1.0.0\"\n\t}\n}\n");
    free(out);
}

static void pkg_existing_dep_untouched_and_bad_json(void **st)
{
    (void)st;
    const char *in = "{\"dependencies\":{\"@amplitude/analytics-node\":\"^0.1\"}}";
    char *out = NULL;
    assert_int_equal(wiz_edit_package_json(in, "dependencies", "@amplitude/analytics-node", "^1", &out), 0);
    assert_string_equal(out, in);
    free(out);
    assert_int_equal(wiz_edit_package_json("{\"dependencies\":{\"a\":\"1\"}}", "dependencies", "b", "2", &out), 0);
    assert_string_equal(out, "{\"dependencies\":{\"a\":\"1\", \"b\":\"2\"}}");
    free(out);
    assert_true(wiz_edit_package_json("{ not json", "dependencies", "b", "2", &out) < 0);
    assert_true(wiz_edit_package_json("{\"dependencies\": []}", "dependencies", "b", "2", &out) < 0);
}

static void pkg_empty_dependencies_object(void **st)
{
    (void)st;
    char *out = NULL;
    assert_int_equal(wiz_edit_package_json("{\n  \"dependencies\": {}\n}\n", "dependencies", "a", "1", &out), 0);
    assert_string_equal(out, "{\n  \"dependencies\": {\n    \"a\": \"1\"\n  }\n}\n");
    free(out);
}

static void requirements_keep_comments(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "# web\nflask==3.0  # pinned\nrequests>=2";
    assert_int_equal(wiz_edit_requirements(in, "amplitude-analytics", ">=1.1", &out), 0);
    assert_string_equal(out, "# web\nflask==3.0  # pinned\nrequests>=2\namplitude-analytics>=1.1\n");
    free(out);
    /* PEP 503 names: Amplitude_Analytics is the same package */
    assert_int_equal(wiz_edit_requirements("Amplitude_Analytics==1.0\n", "amplitude-analytics", NULL, &out), 0);
    assert_string_equal(out, "Amplitude_Analytics==1.0\n");
    free(out);
}

static void pyproject_project_dependencies(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "[project]\nname = \"app\"\ndependencies = [\n  \"fastapi>=0.110\",  # web\n"
                     "  \"uvicorn\"\n]\n\n[tool.ruff]\nline-length = 100\n";
    assert_int_equal(wiz_edit_pyproject(in, "amplitude-analytics", ">=1.1", &out), 0);
    assert_string_equal(out, "[project]\nname = \"app\"\ndependencies = [\n  \"fastapi>=0.110\",  # web\n"
                             "  \"uvicorn\",\n  \"amplitude-analytics>=1.1\"\n]\n\n[tool.ruff]\nline-length = 100\n");
    free(out);
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\"a\"]\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\"a\", \"b\"]\n");
    free(out);
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\"a\", \"b\"]\n", "B", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\"a\", \"b\"]\n");
    free(out);
}

/* A "[" line inside a multi-line string is text, not a table header: the dependency goes
 * into the real table, never into the string. */
static void pyproject_multiline_strings(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "[project]\nname = \"x\"\ndescription = \"\"\"\nUsage:\n[project]\ndependencies = [\"fake\"]\n\"\"\"\n"
                     "dependencies = [\"a\"]\n\n[tool.x]\nnote = '''\n[tool.poetry.dependencies]\n'''\n";
    assert_int_equal(wiz_edit_pyproject(in, "b", NULL, &out), 0);
    assert_non_null(strstr(out, "dependencies = [\"a\", \"b\"]\n"));
    assert_non_null(strstr(out, "dependencies = [\"fake\"]\n")); /* the string is as it was */
    free(out);
    /* the only [tool.poetry.dependencies] is inside a string: no table to edit */
    assert_true(wiz_edit_pyproject("[tool.x]\nnote = \"\"\"\n[tool.poetry.dependencies]\n\"\"\"\n", "b", NULL, &out) < 0);
    free(out);
}

/* setup.cfg and setup.py: the requirement goes where pip install -e . reads it. */
static void setup_cfg_and_setup_py(void **st)
{
    (void)st;
    char *out = NULL;
    assert_int_equal(wiz_edit_setup_cfg("[metadata]\nname = app\n\n[options]\npackages = find:\ninstall_requires =\n"
                                        "    flask>=2\n    requests  # http\n\n[options.extras_require]\ndev = pytest\n",
                                        "amplitude-analytics", ">=1.1.1,<2", &out),
                     0);
    assert_string_equal(out, "[metadata]\nname = app\n\n[options]\npackages = find:\ninstall_requires =\n"
                             "    flask>=2\n    requests  # http\n    amplitude-analytics>=1.1.1,<2\n\n"
                             "[options.extras_require]\ndev = pytest\n");
    free(out);
    /* on the key's own line, and no continuation yet */
    assert_int_equal(wiz_edit_setup_cfg("[options]\ninstall_requires = flask\nzip_safe = False\n", "python-dotenv",
                                        ">=1.0", &out),
                     0);
    assert_string_equal(out, "[options]\ninstall_requires = flask\n    python-dotenv>=1.0\nzip_safe = False\n");
    free(out);
    /* already there (any case, with a version): unchanged */
    const char *has = "[options]\ninstall_requires =\n    Amplitude-Analytics==1.2\n";
    assert_int_equal(wiz_edit_setup_cfg(has, "amplitude-analytics", ">=1.1.1,<2", &out), 0);
    assert_string_equal(out, has);
    free(out);
    /* no key: added to [options]; no [options]: refused */
    assert_int_equal(wiz_edit_setup_cfg("[options]\npackages = find:\n", "a", ">=1", &out), 0);
    assert_string_equal(out, "[options]\npackages = find:\ninstall_requires =\n    a>=1\n");
    free(out);
    assert_true(wiz_edit_setup_cfg("[metadata]\nname = x\n", "a", NULL, &out) < 0);
    free(out);

    assert_int_equal(wiz_edit_setup_py("from setuptools import setup\n\nsetup(\n    name='app',\n    install_requires=[\n"
                                       "        'flask>=2',\n        'requests',\n    ],\n)\n",
                                       "amplitude-analytics", ">=1.1.1,<2", &out),
                     0);
    assert_non_null(strstr(out, "        'requests',\n        \"amplitude-analytics>=1.1.1,<2\",\n    ],\n"));
    free(out);
    assert_int_equal(wiz_edit_setup_py("setup(name='a', install_requires=['flask'])\n", "b", NULL, &out), 0);
    assert_string_equal(out, "setup(name='a', install_requires=['flask', \"b\"])\n");
    free(out);
    /* a variable, not a literal list: refused, never guessed */
    assert_true(wiz_edit_setup_py("REQS = open('r.txt').read().split()\nsetup(install_requires=REQS)\n", "b", NULL, &out) < 0);
    free(out);
}

static void pyproject_poetry_and_pipfile(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n"
                     "fastapi = \"^0.110\"\n\n[build-system]\nrequires = [\"poetry-core\"]\n";
    assert_int_equal(wiz_edit_pyproject(in, "amplitude-analytics", "^1.1", &out), 0);
    assert_string_equal(out, "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n"
                             "fastapi = \"^0.110\"\namplitude-analytics = \"^1.1\"\n\n[build-system]\n"
                             "requires = [\"poetry-core\"]\n");
    free(out);
    assert_int_equal(wiz_edit_pipfile("[packages]\nflask = \"*\"\n\n[dev-packages]\n", "amplitude-analytics", NULL, &out), 0);
    assert_string_equal(out, "[packages]\nflask = \"*\"\namplitude-analytics = \"*\"\n\n[dev-packages]\n");
    free(out);
    assert_true(wiz_edit_pyproject("[tool.black]\n", "a", NULL, &out) < 0);
}

/* A trailing comment stays on its item's line; the new item follows on its own line
 * with the list's indentation and comma style. */
static void pyproject_multiline_trailing_comment(void **st)
{
    (void)st;
    char *out = NULL;
    /* trailing-comma style */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\n    \"fastapi>=0.110\",\n    \"uvicorn\",  # server\n]\n",
                                        "amplitude-analytics", ">=1.1", &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\n    \"fastapi>=0.110\",\n    \"uvicorn\",  # server\n"
                             "    \"amplitude-analytics>=1.1\",\n]\n");
    free(out);
    /* no trailing comma: the old last item gets one before its comment, the new one none */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\n  \"fastapi\",\n  \"uvicorn\"  # server\n]\n",
                                        "amplitude-analytics", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\n  \"fastapi\",\n  \"uvicorn\",  # server\n"
                             "  \"amplitude-analytics\"\n]\n");
    free(out);
    /* CRLF and tabs */
    assert_int_equal(wiz_edit_pyproject("[project]\r\ndependencies = [\r\n\t\"a\",  # x\r\n]\r\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\r\ndependencies = [\r\n\t\"a\",  # x\r\n\t\"b\",\r\n]\r\n");
    free(out);
    /* no newline at the end of the file */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\n  \"a\"  # c\n]", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\n  \"a\",  # c\n  \"b\"\n]");
    free(out);
    /* closing bracket on the last item's line; first item on the bracket's line */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\"a\",\n    \"b\"]\n", "c", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\"a\",\n    \"b\",\n    \"c\"]\n");
    free(out);
    /* a comment that mentions a quote does not count as an item */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\n  \"a\",  # not \"b\"\n]\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\n  \"a\",  # not \"b\"\n  \"b\",\n]\n");
    free(out);
    /* an empty multi-line list, closing bracket indented */
    assert_int_equal(wiz_edit_pyproject("[project]\ndependencies = [\n  # none yet\n  ]\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\ndependencies = [\n  # none yet\n    \"b\",\n  ]\n");
    free(out);
    /* no list yet, CRLF file */
    assert_int_equal(wiz_edit_pyproject("[project]\r\nname = \"x\"\r\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[project]\r\nname = \"x\"\r\ndependencies = [\r\n    \"b\",\r\n]\r\n");
    free(out);
}

static void poetry_pipfile_requirements_line_endings(void **st)
{
    (void)st;
    char *out = NULL;
    /* CRLF, trailing comment on the last key */
    assert_int_equal(wiz_edit_pyproject("[tool.poetry.dependencies]\r\npython = \"^3.11\"  # runtime\r\n\r\n[build-system]\r\n",
                                        "amplitude-analytics", "^1.1", &out), 0);
    assert_string_equal(out, "[tool.poetry.dependencies]\r\npython = \"^3.11\"  # runtime\r\n"
                             "amplitude-analytics = \"^1.1\"\r\n\r\n[build-system]\r\n");
    free(out);
    /* no newline at EOF, tab-indented keys */
    assert_int_equal(wiz_edit_pyproject("[tool.poetry.dependencies]\n\tpython = \"^3.11\"  # rt", "b", "^1", &out), 0);
    assert_string_equal(out, "[tool.poetry.dependencies]\n\tpython = \"^3.11\"  # rt\n\tb = \"^1\"\n");
    free(out);
    /* a commented-out key is not the package */
    assert_int_equal(wiz_edit_pyproject("[tool.poetry.dependencies]\n# b = \"^0.1\"\npython = \"^3.11\"\n", "b", "^1", &out), 0);
    assert_string_equal(out, "[tool.poetry.dependencies]\n# b = \"^0.1\"\npython = \"^3.11\"\nb = \"^1\"\n");
    free(out);
    /* Pipfile without [packages], CRLF */
    assert_int_equal(wiz_edit_pipfile("[[source]]\r\nurl = \"x\"\r\n", "b", NULL, &out), 0);
    assert_string_equal(out, "[[source]]\r\nurl = \"x\"\r\n\r\n[packages]\r\nb = \"*\"\r\n");
    free(out);
    /* requirements.txt: CRLF kept, with and without a final newline */
    assert_int_equal(wiz_edit_requirements("flask==3.0  # pinned\r\nrequests>=2", "b", ">=1", &out), 0);
    assert_string_equal(out, "flask==3.0  # pinned\r\nrequests>=2\r\nb>=1\r\n");
    free(out);
    assert_int_equal(wiz_edit_requirements("flask\r\n", "b", NULL, &out), 0);
    assert_string_equal(out, "flask\r\nb\r\n");
    free(out);
    /* a commented-out or tab-indented entry */
    assert_int_equal(wiz_edit_requirements("# b==1\n\tflask\n", "b", NULL, &out), 0);
    assert_string_equal(out, "# b==1\n\tflask\nb\n");
    free(out);
    assert_int_equal(wiz_edit_requirements("\tb==1\n", "b", NULL, &out), 0);
    assert_string_equal(out, "\tb==1\n");
    free(out);
}

static void env_merge_keeps_order_and_comments(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "# db\nDATABASE_URL=postgres://x\nexport AMPLITUDE_API_KEY=old\nTAIL=1";
    assert_int_equal(wiz_edit_env(in, "AMPLITUDE_API_KEY", "new", &out), 0);
    assert_string_equal(out, "# db\nDATABASE_URL=postgres://x\nexport AMPLITUDE_API_KEY=new\nTAIL=1");
    free(out);
    assert_int_equal(wiz_edit_env(in, "NEXT_PUBLIC_AMPLITUDE_API_KEY", "k y", &out), 0);
    assert_string_equal(out, "# db\nDATABASE_URL=postgres://x\nexport AMPLITUDE_API_KEY=old\nTAIL=1\n"
                             "NEXT_PUBLIC_AMPLITUDE_API_KEY=\"k y\"\n");
    free(out);
    assert_int_equal(wiz_edit_env("A=1\n", "A", "1", &out), 0);
    assert_string_equal(out, "A=1\n");
    free(out);
}

static void gitignore_block(void **st)
{
    (void)st;
    char *out = NULL;
    const char *lines[] = {"/.amplitude/runs/", "/.env"};
    assert_int_equal(wiz_edit_gitignore("node_modules\n", lines, 2, &out), 0);
    assert_string_equal(out, "node_modules\n\n# Amplitude wizard\n/.amplitude/runs/\n/.env\n");
    char *again = NULL;
    const char *more[] = {"/.env", "/web/.env.local"};
    assert_int_equal(wiz_edit_gitignore(out, more, 2, &again), 0);
    assert_string_equal(again, "node_modules\n\n# Amplitude wizard\n/.amplitude/runs/\n/.env\n/web/.env.local\n");
    free(out);
    free(again);
    assert_int_equal(wiz_edit_gitignore(NULL, lines, 1, &out), 0);
    assert_string_equal(out, "# Amplitude wizard\n/.amplitude/runs/\n");
    free(out);
}

static void glob_matching(void **st)
{
    (void)st;
    assert_true(wiz_glob_match("**/*.py", "app/main.py"));
    assert_true(wiz_glob_match("**/*.py", "main.py"));
    assert_true(wiz_glob_match("src/*.ts", "src/main.ts"));
    assert_false(wiz_glob_match("src/*.ts", "src/a/main.ts"));
    assert_true(wiz_glob_match("app/**/page.tsx", "app/x/y/page.tsx"));
    assert_false(wiz_glob_match("*.js", "a/b.js"));
    assert_true(wiz_glob_match("**", "a/b.js"));
    assert_true(wiz_glob_match("a/**", "a/b/c"));
    assert_true(wiz_glob_match("**/b/**/d", "a/b/c/d"));
    /* 30 "**" against 60 segments that never match: the recursive matcher took 2^30 steps;
     * this must end at once (the test would time out otherwise) */
    char pat[256] = "", path[256] = "";
    for (int i = 0; i < 30; i++)
        strcat(pat, "**/");
    strcat(pat, "zzz");
    for (int i = 0; i < 60; i++)
        strcat(path, i ? "/a" : "a");
    assert_false(wiz_glob_match(pat, path));
    assert_false(wiz_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pkg_sorted_insert_keeps_4_space_indent),
        cmocka_unit_test(pkg_tabs_and_missing_section),
        cmocka_unit_test(pkg_existing_dep_untouched_and_bad_json),
        cmocka_unit_test(pkg_empty_dependencies_object),
        cmocka_unit_test(requirements_keep_comments),
        cmocka_unit_test(pyproject_project_dependencies),
        cmocka_unit_test(pyproject_multiline_strings), cmocka_unit_test(setup_cfg_and_setup_py), cmocka_unit_test(pyproject_poetry_and_pipfile),
        cmocka_unit_test(pyproject_multiline_trailing_comment),
        cmocka_unit_test(poetry_pipfile_requirements_line_endings),
        cmocka_unit_test(env_merge_keeps_order_and_comments),
        cmocka_unit_test(gitignore_block),
        cmocka_unit_test(glob_matching),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
