/* The --debug run log: ~/.amplitude/wizard/runs/<run-id>/log.txt, mode 0600 in
 * 0700 directories, every line timestamped and redacted. */
#include "redact.h"
#include "ui_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p for the part of path after base (base must exist or be creatable) */
static enum wiz_rc mkdirs(struct wiz_ctx *ctx, char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int r = mkdir(path, 0700);
        int e = errno;
        *p = '/';
        if (r != 0 && e != EEXIST) {
            errno = e;
            return wiz_fail_errno(ctx, WIZ_EIO, "cannot create the log directory");
        }
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot create %s", path);
    return WIZ_OK;
}

enum wiz_rc wiz_ui_runlog_open(struct wiz_app *app, struct wiz_ui *ui)
{
    const char *home = getenv("HOME");
    if (!home || !home[0])
        return wiz_fail(&app->ctx, WIZ_EIO, "HOME is not set");
    char *dir = wiz_asprintf("%s/.amplitude/wizard/runs/%s", home, ui->run_id);
    if (!dir)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = mkdirs(&app->ctx, dir);
    char *path = rc ? NULL : wiz_asprintf("%s/log.txt", dir);
    free(dir);
    if (rc)
        return rc;
    if (!path)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        rc = wiz_fail_errno(&app->ctx, WIZ_EIO, "cannot create %s", path);
        free(path);
        return rc;
    }
    ui->log = fdopen(fd, "w");
    if (!ui->log) {
        close(fd);
        free(path);
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    }
    ui->log_path = path;
    fprintf(ui->log, "ampli-wizard %s run %s mode %s\n", WIZ_VERSION, ui->run_id, wiz_ui_mode_name(ui->mode));
    fflush(ui->log);
    return WIZ_OK;
}

void wiz_ui_runlog(struct wiz_ui *ui, int level, const char *msg)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    if (!ui->log || !msg)
        return;
    char ts[40];
    wiz_ui_timestamp(ts, sizeof ts);
    char *clean = wiz_redact(msg);
    fprintf(ui->log, "%s %-5s %s\n", ts, names[level < 0 ? 0 : level > 3 ? 3 : level], clean ? clean : "[unloggable]");
    free(clean);
    fflush(ui->log);
}
