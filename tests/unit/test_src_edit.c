/* Source edits (core/edit/srcedit.h) over awkward files: each expected text is exact, and
 * every edit applied twice changes nothing the second time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/srcedit.h"

static char why[WIZ_EDIT_WHY];

static void import_is(const char *path, const char *in, const char *mod, const char *clause, const char *want)
{
    char *out = NULL, *again = NULL;
    int rc = wiz_edit_import(path, in, mod, clause, &out, why);
    if (rc)
        fail_msg("%s: rc %d: %s", path, rc, why);
    if (strcmp(out, want))
        fail_msg("%s:\n--- got\n%s--- want\n%s", path, out, want);
    assert_int_equal(wiz_edit_import(path, out, mod, clause, &again, why), 0);
    assert_string_equal(again, out);
    free(out);
    free(again);
}

static void insert_is(const char *path, const char *in, const char *anchor, const char *code, const char *want)
{
    char *out = NULL, *again = NULL;
    int rc = wiz_edit_insert(path, in, anchor, code, &out, why);
    if (rc)
        fail_msg("%s %s: rc %d: %s", path, anchor, rc, why);
    if (strcmp(out, want))
        fail_msg("%s %s:\n--- got\n%s--- want\n%s", path, anchor, out, want);
    assert_int_equal(wiz_edit_insert(path, out, anchor, code, &again, why), 0);
    assert_string_equal(again, out);
    free(out);
    free(again);
}

static int calls(const char *path, const char *src, const char *mod)
{
    static const char *const names[] = {"init", "initAll", NULL};
    int n = -1;
    int rc = wiz_edit_count_calls(path, src, mod, names, &n, why);
    if (rc)
        fail_msg("%s: rc %d: %s", path, rc, why);
    return n;
}

static void imports_keep_style(void **st)
{
    (void)st;
    /* after the last import, double quotes and no semicolons as the file has them */
    import_is("a.ts", "import x from \"x\"\nimport { y } from \"y\"\n\nx(y)\n", "@amplitude/unified", "* as amplitude",
              "import x from \"x\"\nimport { y } from \"y\"\nimport * as amplitude from \"@amplitude/unified\"\n\nx(y)\n");
    /* CRLF and a missing final newline */
    import_is("a.js", "import x from 'x';\r\nx();", "m", "{ a }", "import x from 'x';\r\nimport { a } from 'm';\r\nx();");
    import_is("a.js", "import x from 'x';", "m", NULL, "import x from 'x';\nimport 'm';\n");
    /* after 'use client', nothing before it */
    import_is("c.tsx", "'use client';\n\nexport default function A() {\n  return <p>Don't</p>;\n}\n", "m", "* as m",
              "'use client';\n\nimport * as m from 'm';\n\nexport default function A() {\n  return <p>Don't</p>;\n}\n");
    /* a multi-line import: after its last line, not inside it */
    import_is("b.ts", "import {\n  a,\n  b,\n} from 'ab';\nconst z = 1;\n", "m", "{ c }",
              "import {\n  a,\n  b,\n} from 'ab';\nimport { c } from 'm';\nconst z = 1;\n");
    /* merged into an existing named import, one line and one name a line */
    import_is("d.ts", "import { track } from 'm';\n", "m", "{ init, track }", "import { track, init } from 'm';\n");
    import_is("d.ts", "import {\n  track,\n} from 'm';\n", "m", "{ init }", "import {\n  track,\n  init,\n} from 'm';\n");
    /* a commented-out import is no import */
    import_is("e.js", "// import * as m from 'm';\nimport x from 'x';\n", "m", "* as m",
              "// import * as m from 'm';\nimport x from 'x';\nimport * as m from 'm';\n");
    /* the preamble (license comment) stays first */
    import_is("f.js", "/* (c) me */\nfoo();\n", "m", "* as m", "/* (c) me */\n\nimport * as m from 'm';\n\nfoo();\n");
    /* requires are the import block of a CommonJS file */
    import_is("g.cjs", "const a = require('a');\nrequire('dotenv').config();\n\na();\n", "m", "* as m",
              "const a = require('a');\nrequire('dotenv').config();\nimport * as m from 'm';\n\na();\n");
}

static void inserts(void **st)
{
    (void)st;
    const char *code = "amplitude.initAll(KEY, {\n  serverZone: 'EU',\n});\n";
    insert_is("a.ts", "import a from \"a\"\n\nconst x = 1\n", "after-imports", code,
              "import a from \"a\"\n\namplitude.initAll(KEY, {\n  serverZone: \"EU\",\n})\n\nconst x = 1\n");
    /* tabs */
    insert_is("t.js", "import a from 'a';\nfunction f() {\n\treturn 1;\n}\n", "after-imports", code,
              "import a from 'a';\n\namplitude.initAll(KEY, {\n\tserverZone: 'EU',\n});\n\nfunction f() {\n\treturn 1;\n}\n");
    /* a file without trailing commas gets none */
    insert_is("o.js", "import a from 'a';\nconst o = {\n  x: 1\n};\n", "after-imports", "f({\n  y: 2,\n});\n",
              "import a from 'a';\n\nf({\n  y: 2\n});\n\nconst o = {\n  x: 1\n};\n");
    /* the start of a function's body, indented like the body */
    insert_is("m.ts", "export function main() {\n    run();\n}\n", "function:main", "init();\n",
              "export function main() {\n    init();\n    run();\n}\n");
    insert_is("m.ts", "const main = async () => {\n  run();\n};\n", "function:main", "init();\n",
              "const main = async () => {\n  init();\n  run();\n};\n");
    /* the start of an object passed to a call, and of a member's object value (Nuxt's
     * runtimeConfig); a comment's or a string's braces are not the object */
    const char *nuxt = "// https://nuxt.com/docs\nexport default defineNuxtConfig({\n  compatibilityDate: '2025-07-15',\n"
                       "  devtools: { enabled: true }\n})\n";
    insert_is("nuxt.config.ts", nuxt, "object:defineNuxtConfig", "runtimeConfig: {\n  public: {\n    k: '',\n  },\n},\n",
              "// https://nuxt.com/docs\nexport default defineNuxtConfig({\n  runtimeConfig: {\n    public: {\n      k: '',\n"
              "    },\n  },\n  compatibilityDate: '2025-07-15',\n  devtools: { enabled: true }\n})\n");
    insert_is("c.ts", "export default defineNuxtConfig({\n  /* runtimeConfig: { public: {} } */\n  'runtimeConfig': {\n"
              "    public: {\n      other: 1,\n    },\n  },\n});\n",
              "object:defineNuxtConfig.runtimeConfig.public", "k: '',\n",
              "export default defineNuxtConfig({\n  /* runtimeConfig: { public: {} } */\n  'runtimeConfig': {\n"
              "    public: {\n      k: '',\n      other: 1,\n    },\n  },\n});\n");
    /* an empty object is opened; a nested key not there is not found */
    insert_is("e.js", "export default defineConfig({})\n", "object:defineConfig", "a: 1,\n",
              "export default defineConfig({\n  a: 1,\n})\n");
    {
        char *o = NULL;
        assert_int_equal(wiz_edit_insert("c.ts", nuxt, "object:defineNuxtConfig.runtimeConfig", "a: 1,\n", &o, why),
                         WIZ_PLUGIN_ENOTFOUND);
        assert_non_null(strstr(why, "no object defineNuxtConfig.runtimeConfig"));
        /* devtools' value is an object, but not at the path asked */
        assert_int_equal(wiz_edit_insert("c.ts", nuxt, "object:defineNuxtConfig.enabled", "a: 1,\n", &o, why),
                         WIZ_PLUGIN_ENOTFOUND);
    }
    /* before the default export and its JSDoc */
    insert_is("n.js", "import a from 'a';\n\n/** the app */\nexport default a;\n", "before-default-export", "init();\n",
              "import a from 'a';\n\ninit();\n\n/** the app */\nexport default a;\n");
    char *out = NULL;
    assert_int_equal(wiz_edit_insert("x.js", "f();\n", "function:nope", "a();\n", &out, why), WIZ_PLUGIN_ENOTFOUND);
    assert_int_equal(wiz_edit_insert("x.js", "f();\n", "middle", "a();\n", &out, why), WIZ_PLUGIN_EINVAL);
    assert_non_null(strstr(why, "after-imports"));
    /* what the tokenizer cannot read is refused, not guessed */
    assert_int_equal(wiz_edit_insert("x.js", "const s = 'open;\n", "end", "a();\n", &out, why), WIZ_PLUGIN_EINVAL);
    assert_non_null(strstr(why, "unterminated string at line 1"));
    assert_int_equal(wiz_edit_import("x.js", "/* never closed\n", "m", NULL, &out, why), WIZ_PLUGIN_EINVAL);
    assert_null(out);
}

static void counting(void **st)
{
    (void)st;
    const char *src = "import * as amplitude from '@amplitude/unified';\n"
                      "import { init as start } from '@amplitude/analytics-browser';\n"
                      "import { init } from 'other';\n"
                      "// amplitude.init('old');\n"
                      "const s = \"amplitude.init(x)\";\n"
                      "const r = /amplitude.init\\(/;\n"
                      "const t = `${amplitude.initAll(k)}`;\n"
                      "export const A = () => <p>don't amplitude.init()</p>;\n"
                      "start(k);\ninit(k);\nfoo.amplitude.init(k);\n";
    assert_int_equal(calls("a.jsx", src, "@amplitude/*"), 2); /* initAll in the template, start() */
    assert_int_equal(calls("a.jsx", src, "other"), 1);
    assert_int_equal(calls("b.js", "const amp = require('@amplitude/analytics-node');\namp.init(k);\n", "@amplitude/*"), 1);
    assert_int_equal(calls("b.js", "const { init } = require('@amplitude/analytics-node');\ninit(k);\n", "@amplitude/*"), 1);
    /* a Vue file: every script block counts */
    assert_int_equal(calls("A.vue", "<template><p>it's</p></template>\n<script setup lang=\"ts\">\n"
                                    "import * as a from '@amplitude/unified'\na.initAll('k')\n</script>\n",
                           "@amplitude/*"),
                     1);
}

static void markup(void **st)
{
    (void)st;
    /* Vue: into <script setup> */
    import_is("App.vue", "<script setup lang=\"ts\">\nimport A from './A.vue'\n</script>\n<template><A/></template>\n", "m",
              "{ x }", "<script setup lang=\"ts\">\nimport A from './A.vue'\nimport { x } from 'm'\n</script>\n<template><A/></template>\n");
    /* Svelte: the instance script, not the module one */
    import_is("L.svelte", "<script context=\"module\">\nexport const prerender = true;\n</script>\n<script>\nlet a = 1;\n</script>\n",
              "m", "* as m",
              "<script context=\"module\">\nexport const prerender = true;\n</script>\n<script>\nimport * as m from 'm';\n\nlet a = 1;\n</script>\n");
    /* Astro: </head> inside a frontmatter string is not the head */
    const char *astro = "---\nconst html = '</head>';\n---\n<html>\n  <head>\n    <title>x</title>\n  </head>\n</html>\n";
    char *out = NULL;
    assert_int_equal(wiz_edit_head_script("src/layouts/L.astro", astro, "<script>\n  import './amp';\n</script>", &out, why), 0);
    assert_string_equal(out, "---\nconst html = '</head>';\n---\n<html>\n  <head>\n    <title>x</title>\n"
                             "    <script>\n      import './amp';\n    </script>\n  </head>\n</html>\n");
    char *again = NULL;
    assert_int_equal(wiz_edit_head_script("src/layouts/L.astro", out, "<script>\n  import './amp';\n</script>", &again, why), 0);
    assert_string_equal(again, out);
    free(again);
    /* a tab-indented head: the script's lines in tabs, one deeper than its tag */
    const char *tabs = "<html>\n\t<head>\n\t\t<meta charset=\"utf-8\" />\n\t</head>\n</html>\n";
    free(out);
    assert_int_equal(wiz_edit_head_script("a.html", tabs, "<script>\n  if (a) {\n    b();\n  }\n</script>", &out, why), 0);
    assert_string_equal(out, "<html>\n\t<head>\n\t\t<meta charset=\"utf-8\" />\n\t\t<script>\n\t\t\tif (a) {\n"
                             "\t\t\t\tb();\n\t\t\t}\n\t\t</script>\n\t</head>\n</html>\n");
    assert_int_equal(wiz_edit_head_script("a.html", out, "<script>\n  if (a) {\n    b();\n  }\n</script>", &again, why), 0);
    assert_string_equal(again, out);
    free(again);
    /* the frontmatter as a region */
    free(out);
    import_is("P.astro#frontmatter", astro, "m", "{ a }",
              "---\nimport { a } from 'm';\n\nconst html = '</head>';\n---\n<html>\n  <head>\n    <title>x</title>\n  </head>\n</html>\n");
    /* one-line head; a commented-out head is no head */
    assert_int_equal(wiz_edit_head_script("i.html", "<html><head><title>t</title></head><body></body></html>",
                                          "<script src=\"/a.js\"></script>", &out, why), 0);
    assert_string_equal(out, "<html><head><title>t</title><script src=\"/a.js\"></script></head><body></body></html>");
    free(out);
    assert_int_equal(wiz_edit_head_script("i.html", "<!-- <head></head> --><body></body>", "<script></script>", &out, why),
                     WIZ_PLUGIN_ENOTFOUND);
    assert_int_equal(wiz_edit_import("x.vue", "<template></template>\n", "m", NULL, &out, why), WIZ_PLUGIN_ENOTFOUND);
}

static void python(void **st)
{
    (void)st;
    import_is("app.py", "\"\"\"Doc.\n\nimport fake\n\"\"\"\nfrom __future__ import annotations\n\nimport os\n\nprint(os)\n",
              "amplitude", "Amplitude",
              "\"\"\"Doc.\n\nimport fake\n\"\"\"\nfrom __future__ import annotations\n\nimport os\nfrom amplitude import Amplitude\n\nprint(os)\n");
    import_is("b.py", "from amplitude import BaseEvent  # events\nx = 1\n", "amplitude", "Amplitude, BaseEvent",
              "from amplitude import BaseEvent, Amplitude  # events\nx = 1\n");
    insert_is("c.py", "import os\nfrom x import (\n    a,\n    b,\n)\napp = 1\n", "after-imports", "client = make()\n",
              "import os\nfrom x import (\n    a,\n    b,\n)\n\nclient = make()\n\napp = 1\n");
    insert_is("d.py", "def main():\n    \"\"\"Run.\"\"\"\n    go()\n", "function:main", "init()\n",
              "def main():\n    \"\"\"Run.\"\"\"\n    init()\n    go()\n");
}

static void json_paths(void **st)
{
    (void)st;
    char *out = NULL;
    const char *in = "{\n  \"name\": \"x\",\n  \"compilerOptions\": {\n    \"strict\": true\n  }\n}\n";
    assert_int_equal(wiz_edit_json_set(in, "compilerOptions.types", "[\"vite/client\"]", false, &out, why), 0);
    assert_string_equal(out, "{\n  \"name\": \"x\",\n  \"compilerOptions\": {\n    \"strict\": true,\n    \"types\": [\n"
                             "      \"vite/client\"\n    ]\n  }\n}\n");
    free(out);
    /* a dot inside a key */
    assert_int_equal(wiz_edit_json_set("{\"a\": {}}", "a.b\\.c", "1", false, &out, why), 0);
    assert_string_equal(out, "{\"a\": {\"b.c\": 1}}");
    free(out);
    /* merge keeps what the new value lacks; an equal value changes nothing */
    assert_int_equal(wiz_edit_json_set("{\"env\": {\"A\": 1}}", "env", "{\"B\": 2}", true, &out, why), 0);
    assert_string_equal(out, "{\"env\": {\"A\": 1, \"B\": 2}}");
    free(out);
    assert_int_equal(wiz_edit_json_set("{\"env\": {\"A\": 1}}", "env", "{\"A\": 1}", false, &out, why), 0);
    assert_string_equal(out, "{\"env\": {\"A\": 1}}");
    free(out);
    assert_int_equal(wiz_edit_json_set("{\"a\": 1}", "a.b", "1", false, &out, why), WIZ_PLUGIN_EINVAL);
    assert_int_equal(wiz_edit_json_set("{ nope", "a", "1", false, &out, why), WIZ_PLUGIN_EINVAL);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_keep_style), cmocka_unit_test(inserts), cmocka_unit_test(counting),
        cmocka_unit_test(markup),            cmocka_unit_test(python),  cmocka_unit_test(json_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
