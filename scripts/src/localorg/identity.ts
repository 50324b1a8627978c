// The identity documents a client reads after logging in: OAuth user info and the /id/ document,
// for the user whose session made the request.
import type { Engine } from './engine.ts';
import type { OrgIdentity } from './org.ts';

/** Who is asking, and where the org answers. */
export interface Session {
  engine: Engine;
  identity: OrgIdentity;
  baseUrl: string;
  /** The user whose session made the request. */
  userId: string;
}

function user(session: Session): Record<string, unknown> {
  return session.engine.retrieve('User', session.userId, [
    'Id',
    'Username',
    'FirstName',
    'LastName',
    'Name',
    'Email',
    'Alias',
    'TimeZoneSidKey',
    'LocaleSidKey',
    'LanguageLocaleKey',
  ]);
}

function urls(session: Session) {
  const b = session.baseUrl;
  return {
    enterprise: `${b}/services/Soap/c/{version}/${session.identity.orgId}`,
    partner: `${b}/services/Soap/u/{version}/${session.identity.orgId}`,
    rest: `${b}/services/data/v{version}/`,
    sobjects: `${b}/services/data/v{version}/sobjects/`,
    search: `${b}/services/data/v{version}/search/`,
    query: `${b}/services/data/v{version}/query/`,
    recent: `${b}/services/data/v{version}/recent/`,
    profile: `${b}/${session.identity.userId}`,
    custom_domain: b,
  };
}

/** GET /services/oauth2/userinfo: the OpenID Connect user info of the session's user. */
export function userInfo(session: Session) {
  const u = user(session);
  return {
    sub: `${session.baseUrl}/id/${session.identity.orgId}/${session.userId}`,
    user_id: session.userId,
    organization_id: session.identity.orgId,
    preferred_username: u.Username,
    nickname: u.Alias,
    name: u.Name,
    email: u.Email,
    email_verified: true,
    given_name: u.FirstName,
    family_name: u.LastName,
    zoneinfo: u.TimeZoneSidKey,
    locale: u.LocaleSidKey,
    language: u.LanguageLocaleKey,
    active: true,
    user_type: 'STANDARD',
    utcOffset: 0,
    urls: urls(session),
    is_app_installed: true,
    updated_at: new Date().toISOString(),
  };
}

/** GET /id/<org>/<user>: the identity document jsforce and the sf CLI read after logging in. */
export function identityDocument(session: Session) {
  const u = user(session);
  return {
    id: `${session.baseUrl}/id/${session.identity.orgId}/${session.userId}`,
    asserted_user: true,
    user_id: session.userId,
    organization_id: session.identity.orgId,
    username: u.Username,
    nick_name: u.Alias,
    display_name: u.Name,
    email: u.Email,
    email_verified: true,
    first_name: u.FirstName,
    last_name: u.LastName,
    timezone: u.TimeZoneSidKey,
    active: true,
    user_type: 'STANDARD',
    language: u.LanguageLocaleKey,
    locale: u.LocaleSidKey,
    utcOffset: 0,
    urls: urls(session),
    is_lightning_login_user: false,
    last_modified_date: new Date().toISOString(),
  };
}
