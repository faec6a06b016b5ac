/* Small helpers shared by the fuzz targets (header-only: each target is one file). */
#ifndef WIZ_FUZZ_UTIL_H
#define WIZ_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (parsers that take C strings).
 * returns owned string: free() (NULL on allocation failure) */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Writes the input to a fresh temp file; path receives its name (caller unlink()s).
 * Returns 0 on success. */
static inline int fuzz_tempfile(char path[256], const char *suffix, const uint8_t *data, size_t size)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, 256, "%s/wizfuzz.XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t n = write(fd, data + off, size - off);
        if (n <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        off += (size_t)n;
    }
    close(fd);
    return 0;
}

#endif
