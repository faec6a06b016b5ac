// Refreshes the stored session with Amplitude's wizard's own code, the way its credential
// resolution does before every run (dist/src/lib/credential-resolution.js of
// @amplitude/wizard 1.18.2: getStoredUser, getStoredToken, tryRefreshToken, then
// storeToken with the rotated tokens). Prints the new access token; exit 4 when it did
// not refresh (not due, or the server refused), 3 when nothing is stored.
//   node node_wizard_refresh.js PACKAGE_DIR
'use strict';
const pkg = process.argv[2];
const settings = require(`${pkg}/dist/src/utils/ampli-settings.js`);
const refresh = require(`${pkg}/dist/src/utils/token-refresh.js`);

(async () => {
  const user = settings.getStoredUser();
  if (!user || user.id === 'pending') {
    console.error('no stored user');
    process.exit(3);
  }
  const t = settings.getStoredToken(user.id, user.zone);
  if (!t) {
    console.error('no stored token');
    process.exit(3);
  }
  const r = await refresh.tryRefreshToken(
    { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: new Date(t.expiresAt).getTime() },
    user.zone,
  );
  if (!r) {
    console.error('not refreshed');
    process.exit(4);
  }
  settings.storeToken(user, {
    ...t,
    accessToken: r.accessToken,
    expiresAt: new Date(r.expiresAt).toISOString(),
    ...(r.refreshToken ? { refreshToken: r.refreshToken } : {}),
    ...(r.idToken ? { idToken: r.idToken } : {}),
  });
  console.log(r.accessToken);
})();
