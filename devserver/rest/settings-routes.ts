/**
 * `GET /api/v1/settings.public` (apps/meteor/app/api/server/v1/settings.ts, `authRequired: false`): public settings,
 * sorted by `_id`, paged (`count` default 50, `offset`). 7.0+ filters by `?_id=a,b` and no longer takes the JSON
 * `query`; older lines take `?query={"_id":{"$in":[…]}}` and ignore `_id`, answering their first page of everything
 * (devserver/README.md "Upload limits"). The file-upload settings are the desk's; the `Accounts_*` entries stand in
 * for the hundreds of public settings a real server has, so an unfiltered first page does not reach `FileUpload_*`.
 */
import type { Desk } from '../desk';
import { RestFailure, type RestHandler } from './types';

const ACCOUNTS_PREFERENCES = [
  'alsoSendThreadToChannel',
  'autoImageLoad',
  'collapseMediaByDefault',
  'convertAsciiEmoji',
  'desktopNotifications',
  'displayAvatars',
  'emailNotificationMode',
  'enableAutoAway',
  'hideFlexTab',
  'hideRoles',
  'hideUsernames',
  'idleTimeLimit',
  'language',
  'mobileNotifications',
  'newMessageNotification',
  'newRoomNotification',
  'notificationsSoundVolume',
  'pushNotifications',
  'receiveLoginDetectionEmail',
  'saveMobileBandwidth',
  'sendOnEnter',
  'showMessageInMainThread',
  'sidebarGroupByType',
  'sidebarShowFavorites',
  'sidebarShowUnread',
  'sidebarSortby',
  'sidebarViewMode',
  'unreadAlert',
  'useEmojis',
].map((name) => `Accounts_Default_User_Preferences_${name}`);

const ACCOUNTS = [
  'AllowAnonymousRead',
  'AllowAnonymousWrite',
  'AllowDeleteOwnAccount',
  'AllowEmailChange',
  'AllowEmailNotifications',
  'AllowFeaturePreview',
  'AllowInvisibleStatusOption',
  'AllowPasswordChange',
  'AllowRealNameChange',
  'AllowUserAvatarChange',
  'AllowUserProfileChange',
  'AllowUserStatusMessageChange',
  'AllowUsernameChange',
  'AvatarResize',
  'AvatarSize',
  'CustomFieldsToShowInUserInfo',
  'EmailOrUsernamePlaceholder',
  'EmailVerification',
  'ForgetUserSessionOnWindowClose',
  'LoginExpiration',
  'ManuallyApproveNewUsers',
  'PasswordPlaceholder',
  'RegistrationForm',
  'RequireNameForSignUp',
  'RequirePasswordConfirmation',
  'ShowFormLogin',
].map((name) => `Accounts_${name}`);

function publicSettings(desk: Desk): Array<{ _id: string; value: unknown }> {
  const s = desk.settings;
  return [
    ...[...ACCOUNTS, ...ACCOUNTS_PREFERENCES].map((_id) => ({ _id, value: false })),
    { _id: 'FileUpload_Enabled', value: s.fileUpload },
    { _id: 'FileUpload_MaxFileSize', value: s.fileUploadMaxSize },
    { _id: 'FileUpload_MediaTypeBlackList', value: s.fileUploadMediaTypeBlackList },
    { _id: 'FileUpload_MediaTypeWhiteList', value: s.fileUploadMediaTypes },
    { _id: 'FileUpload_ProtectFiles', value: s.protectFiles },
    { _id: 'Livechat_fileupload_enabled', value: s.fileUpload },
    { _id: 'Site_Name', value: s.title },
  ].toSorted((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/** The `_id` filter of either form, or null for none. */
function wantedIds(desk: Desk, query: URLSearchParams): string[] | null {
  if (desk.caps.settingsPublicById) {
    const ids = query.get('_id');
    return ids ? ids.split(',').map((id) => id.trim()) : null;
  }
  const raw = query.get('query');
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new RestFailure(400, { success: false, error: 'Invalid query parameter provided in the URL.' });
  }
  const id = (parsed as { _id?: unknown } | null)?._id;
  if (typeof id === 'string') return [id];
  const list = (id as { $in?: unknown } | null)?.$in;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : null;
}

const settingsPublic: RestHandler = ({ desk, query }) => {
  const ids = wantedIds(desk, query);
  const all = publicSettings(desk).filter((s) => ids === null || ids.includes(s._id));
  const count = Math.max(0, Number(query.get('count') ?? 50) || 50);
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const settings = all.slice(offset, offset + count);
  return { settings, count: settings.length, offset, total: all.length };
};

export const settingsRoutes: [string, string, RestHandler][] = [['GET', 'settings.public', settingsPublic]];
