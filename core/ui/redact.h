/* Token redaction for anything that may be logged (debug run log, agent events,
 * HTTP debug traces). ADDED in issue 8; core/http may use it for its debug log. */
#ifndef WIZ_REDACT_H
#define WIZ_REDACT_H

/* Copy of text with secrets replaced by "[REDACTED]": the value after any of the keys
 * access_token, id_token, refresh_token, code_verifier, client_secret, password,
 * Authorization, OAuthAccessToken, OAuthIdToken, OAuthRefreshToken (as JSON "key": "v",
 * form/query key=v or header "Key: v", Bearer/Basic kept visible), the value of a
 * query/form "code=" parameter, and any JWT-looking string (eyJ....x.y).
 * returns owned string: free(); NULL only on allocation failure */
char *wiz_redact(const char *text);

#endif
