/* The change model's editors: dependency manifests, env files and the .gitignore block,
 * edited so that every other byte stays (pure functions, unit-tested in test_plugin_edit).
 * The source editors (imports, inserts, <head>, JSON paths) are in srcedit.h. */
#ifndef WIZ_EDIT_EDIT_H
#define WIZ_EDIT_EDIT_H

#include "srcedit.h"

#include <ampli/plugin.h>

#include <stddef.h>

/* New text of package.json with name: spec in "dependencies" (added when missing).
 * Returns 0 (changed or unchanged), <0 on a parse problem. *out: free(). */
int wiz_edit_package_json(const char *text, const char *section, const char *name, const char *spec, char **out);
int wiz_edit_requirements(const char *text, const char *name, const char *spec, char **out);
int wiz_edit_pyproject(const char *text, const char *name, const char *spec, char **out);
int wiz_edit_pipfile(const char *text, const char *name, const char *spec, char **out);
/* setup.cfg's [options] install_requires, setup.py's install_requires=[...] literal list. */
int wiz_edit_setup_cfg(const char *text, const char *name, const char *spec, char **out);
int wiz_edit_setup_py(const char *text, const char *name, const char *spec, char **out);
int wiz_edit_env(const char *text, const char *key, const char *value, char **out);
/* Adds lines to the "# Amplitude wizard" block of a .gitignore text (NULL = empty). */
int wiz_edit_gitignore(const char *text, const char *const *lines, size_t n, char **out);

#endif
