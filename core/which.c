/* Finding a program to run: only in absolute PATH entries, and before any child changes
 * directory. An empty or relative entry ("", ".", "bin") would name the project's own
 * files once a child has done chdir into it, and a cloned repository can ship ./git. */
#include "wiz.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *wiz_which(const char *prog)
{
    return wiz_which_in(getenv("PATH"), prog);
}

char *wiz_which_in(const char *path, const char *prog)
{
    if (!prog || !prog[0])
        return NULL;
    if (strchr(prog, '/')) /* an explicit path must be absolute too */
        return prog[0] == '/' && access(prog, X_OK) == 0 ? wiz_strdup(prog) : NULL;
    char *dup = wiz_strdup(path && path[0] ? path : "/usr/local/bin:/usr/bin:/bin");
    char *save = NULL, *found = NULL;
    for (char *d = dup ? strtok_r(dup, ":", &save) : NULL; d && !found; d = strtok_r(NULL, ":", &save)) {
        if (d[0] != '/')
            continue;
        char *cand = wiz_asprintf("%s/%s", d, prog);
        struct stat st;
        if (cand && stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
            found = cand;
        else
            free(cand);
    }
    free(dup);
    return found;
}
