/* Token redaction for anything that may be logged (debug run log, agent events,
 * HTTP debug traces). ADDED in issue 8; core/http may use it for its debug log. */
#ifndef WIZ_REDACT_H
#define WIZ_REDACT_H

#include <stdbool.h>
#include <stddef.h>

/* what every masked secret reads as, in every log */
#define WIZ_REDACTED "[REDACTED]"

/* Copy of text with secrets replaced by "[REDACTED]": the value after any of the keys
 * access_token, id_token, refresh_token, code_verifier, client_secret, password,
 * Authorization, OAuthAccessToken, OAuthIdToken, OAuthRefreshToken, api_key/apiKey (as JSON "key": "v",
 * form/query key=v or header "Key: v", Bearer/Basic kept visible), the value of a
 * query/form "code=" parameter, and any JWT-looking string (eyJ....x.y).
 * returns owned string: free(); NULL only on allocation failure */
char *wiz_redact(const char *text);

/* true when a field called name[0..len) holds a secret (case-insensitive): the keys above,
 * api_key/apiKey, and "code". The one list: core/http's body redaction asks it too. */
bool wiz_redact_secret_name(const char *name, size_t len);

#endif
