/* Source edits: the one implementation of "add an import", "insert code at a place",
 * "count the SDK's calls" and "add a <script> to <head>", for the host, the C plugins
 * (ABI 1.2 edit_* functions) and the Lua plugins (s:edit_*). Text in, text out: nothing
 * is read or written here. Every function returns 0 (WIZ_PLUGIN_OK) or a negative
 * WIZ_PLUGIN_E* code with the reason in why[WIZ_EDIT_WHY] ("no import block ..."), and
 * refuses what it cannot read rather than guess (an unterminated string or comment, a
 * markup file without the region asked for).
 *
 * Approach (docs/plugins.md, "Source edits"): a tokenizer, not a parser. It knows //
 * and block comments, the three string kinds, template literals with nested ${...},
 * regular-expression literals (by the token before the slash) and, in .js/.jsx/.tsx,
 * JSX elements (their text is not code). That is all an edit at the top level of a
 * module needs, it has no grammar version to track, and it reads TypeScript and the
 * frameworks' script dialects (Vue, Svelte, Astro) alike. */
#ifndef WIZ_EDIT_SRCEDIT_H
#define WIZ_EDIT_SRCEDIT_H

#include <ampli/plugin.h>

#include <stdbool.h>
#include <stddef.h>

#define WIZ_EDIT_WHY 256

/* ---- tokens (js_lex.c) ---- */
enum wiz_tok_kind {
    WIZ_TOK_IDENT,   /* identifiers and keywords, with $ and _ */
    WIZ_TOK_NUM,
    WIZ_TOK_STR,     /* '...' or "..." (the quotes included) */
    WIZ_TOK_TMPL,    /* a whole template literal, ${...} included */
    WIZ_TOK_REGEX,
    WIZ_TOK_PUNCT,   /* one operator character: ( ) { } ; , . = < > ... */
    WIZ_TOK_JSX,     /* a whole JSX element (.js/.jsx/.tsx only) */
};
struct wiz_tok {
    enum wiz_tok_kind kind;
    size_t s, e;     /* byte range [s, e) in the text */
    int depth;       /* ( [ { nesting before this token */
    bool nl_before;  /* a line break (or a comment holding one) precedes it */
};
struct wiz_toks {
    struct wiz_tok *v;
    size_t n;
    size_t preamble_end; /* just past the line of the last shebang/comment before the first token (or s) */
};
/* Tokens of [s, e) of text. jsx: treat `<` in expression position as a JSX element.
 * 0, or WIZ_PLUGIN_EINVAL with why. t->v: free() (also on failure). */
int wiz_js_lex(const char *text, size_t s, size_t e, bool jsx, struct wiz_toks *t, char *why);
bool wiz_tok_is(const char *text, const struct wiz_tok *k, const char *word);

/* ---- the language of a path, and its code regions (markup.c) ---- */
enum wiz_src_lang { WIZ_LANG_JS, WIZ_LANG_TS, WIZ_LANG_JSX, WIZ_LANG_VUE, WIZ_LANG_SVELTE,
                    WIZ_LANG_ASTRO, WIZ_LANG_HTML, WIZ_LANG_PY, WIZ_LANG_OTHER };
/* "src/App.vue" -> WIZ_LANG_VUE; a "#region" suffix is ignored here. */
enum wiz_src_lang wiz_src_lang_of(const char *path);
struct wiz_region {
    size_t s, e;     /* the code, [s, e) */
    bool ts, jsx;    /* how to read it */
};
/* The code region of a file an edit applies to. For .vue: <script setup>, else <script>;
 * .svelte: the instance <script> ("#module": the module script); .astro: the first
 * processed <script> ("#frontmatter": the --- block); JS/TS files: the whole text.
 * 0, WIZ_PLUGIN_ENOTFOUND (no such region) or WIZ_PLUGIN_EINVAL, with why. */
int wiz_src_region(const char *path, const char *text, struct wiz_region *r, char *why);
/* Every code region of the file (count_calls looks at all of them); *n of at most max. */
int wiz_src_regions(const char *path, const char *text, struct wiz_region *r, size_t max, size_t *n, char *why);

/* ---- edits (js_edit.c, markup.c, py_src.c, json_set.c); *out: free() ---- */
/* Adds `import CLAUSE from 'MODULE'` (clause NULL or "": `import 'MODULE'`) after the
 * last top-level import of the region (else after directives such as 'use client' and the
 * leading comments), in the file's quote, semicolon and newline style. A named clause
 * "{ a, b }" merges into an existing named import of the module; an identical import
 * leaves the text as it is. Python (.py): clause NULL -> `import MODULE`, else
 * `from MODULE import CLAUSE` (merged into a one-line from-import of the module). */
int wiz_edit_import(const char *path, const char *text, const char *module, const char *clause, char **out,
                    char *why);
/* Inserts code (lines written with two-space indentation, single quotes, semicolons and
 * trailing commas)
 * at an anchor, restyled to the file's indentation unit, quotes, semicolons and newlines:
 *   "after-imports"          after the import block (Python: after the imports)
 *   "before-imports"         before the first import (after directives and the preamble)
 *   "function:NAME"          at the start of the body of function NAME
 *                            (function NAME() {, const NAME = (...) => {, def NAME(...):)
 *   "before-default-export"  before `export default` (and the comments directly above it)
 *   "end"                    at the end of the region
 * Code already present at the anchor, byte for byte after restyling, is not added twice. */
int wiz_edit_insert(const char *path, const char *text, const char *anchor, const char *code, char **out,
                    char *why);
/* Calls of names through identifiers bound to module (import * as X / import X / { name }
 * / { name as y } / const X = require() / const { name } = require()); module may end in
 * '*' to match a prefix ("@amplitude/" then a star). Comments, strings and JSX text are not code. */
int wiz_edit_count_calls(const char *path, const char *text, const char *module, const char *const *names,
                         int *count, char *why);
/* Adds element (a whole "<script ...>...</script>") as the last child of <head> in an
 * HTML-like file (.html, .astro, .svelte's app.html), indented like head's children; the
 * text of comments, scripts, styles, attribute values and Astro's frontmatter is skipped
 * when looking for </head>. An element already there leaves the text as it is. */
int wiz_edit_head_script(const char *path, const char *text, const char *element, char **out, char *why);
/* Sets the value at key_path (dot-separated; "\." is a dot inside a key) in JSON text to
 * json (any JSON value), creating objects on the way, keeping every other byte. merge:
 * where both the old and the new value are objects, keep the old members the new one
 * lacks (recursively). Refuses text that is not JSON, or a path through a non-object. */
int wiz_edit_json_set(const char *text, const char *key_path, const char *json, bool merge, char **out,
                      char *why);

/* The style edit_insert writes code in: quote, semicolons, indentation unit, newline. */
int wiz_edit_style(const char *path, const char *text, char *quote, bool *semi, bool *trail, char unit[9],
                   const char **eol, char *why);

/* Internal to core/edit. */
int wiz_py_import(const char *text, const char *module, const char *clause, char **out, char *why);
int wiz_py_insert(const char *text, const char *anchor, const char *code, char **out, char *why);
/* returns owned text: free(); NULL on no memory. t with ins at byte offset at. */
char *wiz_splice(const char *t, size_t at, size_t del, const char *ins);
/* "\r\n" when the text's first line break is one, else "\n" */
const char *wiz_eol_of(const char *t);
/* returns owned text: free(). s with each "\n" as eol. */
char *wiz_with_eol(const char *s, const char *eol);

#endif
