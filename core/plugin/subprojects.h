/* Sub-projects of a directory: for a monorepo, or an app kept in a subdirectory. */
#ifndef WIZ_SUBPROJECTS_H
#define WIZ_SUBPROJECTS_H

#include "../wiz.h"

/* Relative paths (sorted) of the directories one or two levels below root that hold a
 * project manifest (package.json, pyproject.toml, requirements.txt, manage.py, setup.py,
 * setup.cfg, Pipfile); hidden, dependency and build directories skipped; at most max.
 * A directory with a manifest is not searched further. returns owned NULL-terminated
 * array: wiz_subproject_free() (NULL only when out of memory) */
char **wiz_subproject_dirs(const char *root, size_t max);
void wiz_subproject_free(char **dirs);

#endif
