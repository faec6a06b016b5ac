/* A JSON text read the way JavaScript's JSON.parse reads it (the credential file is
 * shared with Amplitude's Node wizard, which reads and writes it with JSON.parse and
 * JSON.stringify), keeping where each member of every object sits, so that a writer can
 * change some members and copy every other byte as it was (wiz_jtext_splice).
 *
 * Accepted as JSON.parse accepts it: any nesting depth, lone surrogate escapes, integers
 * of any size, numbers that overflow a double, bytes that are not UTF-8, duplicate keys
 * (the last wins). Values jansson cannot hold (those strings and numbers, values nested
 * deeper than WIZ_JTEXT_DEPTH) are built as JSON null: they read as absent to the
 * entry validator and are written back byte for byte unless replaced.
 * Why not jansson's own parser: it rejects all of the above, and it keeps no positions. */
#ifndef WIZ_JSONTEXT_H
#define WIZ_JSONTEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Objects nested deeper than this are validated but not built (null) or spliced. */
#define WIZ_JTEXT_DEPTH 32

struct wiz_jmember;

/* Where one value sits: bytes [start, end). Objects recorded by the parser also list
 * their members in file order. */
struct wiz_jnode {
    size_t start, end;
    bool object;
    size_t nmemb;
    struct wiz_jmember *memb;
};

struct wiz_jmember {
    size_t key_start; /* the key's opening quote */
    char *key;        /* as in the built object; NULL when jansson cannot hold it (kept as is) */
    bool last;        /* the occurrence JSON.parse keeps */
    struct wiz_jnode value;
};

enum wiz_jtext_rc { WIZ_JTEXT_OK, WIZ_JTEXT_SYNTAX, WIZ_JTEXT_NOMEM };

/* Parses buf[0, len). On success *out is the built value (caller: wiz_json_wipe then
 * json_decref) and *root the positions (caller: wiz_jtext_free). On WIZ_JTEXT_SYNTAX
 * *err_pos is the offset of the first byte that JSON.parse would reject. */
enum wiz_jtext_rc wiz_jtext_parse(const char *buf, size_t len, json_t **out, struct wiz_jnode *root,
                                  size_t *err_pos);

/* Releases what wiz_jtext_parse recorded in root (not root itself). */
void wiz_jtext_free(struct wiz_jnode *root);

/* The text buf (parsed into root, built value snap) changed so that it holds nw: every
 * value equal in snap and nw keeps its bytes, objects are changed member by member
 * (removed members go with their separator, new ones are appended in the file's own
 * indentation), other changed values are written as JSON.stringify(v, null, 2) would
 * write them at that place. *out: malloc'd, caller wipes (it holds tokens) and frees.
 * Returns 0, or -1 when out of memory. */
int wiz_jtext_splice(const char *buf, size_t len, const struct wiz_jnode *root, const json_t *snap,
                     const json_t *nw, char **out, size_t *out_len);

/* Overwrites every string inside j with zeros (before a token-holding value is dropped). */
void wiz_json_wipe(json_t *j);

#endif
