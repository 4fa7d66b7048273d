/**
 * Table types of the auth area, joined into `Database` by `server/db/schema.ts`. Secrets are
 * never stored: sessions and API tokens are kept as SHA-256 hashes of the random token, passwords
 * as scrypt hashes. Times are ISO 8601 UTC text.
 *
 * @module
 */

import type { Generated } from "kysely";
import type { Defaulted } from "../db/schema.ts";

/** The profiles a user can hold, most powerful first. */
export type ProfileName = "admin" | "technician" | "readonly";

/** A console or API user. */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-case, unique. */
  login: string;
  display_name: Defaulted<string>;
  /** `scrypt$…` (see password.ts); null: cannot sign in with a password (API tokens only). */
  password_hash: string | null;
  /** 1: the next sign-in must choose a new password (first start, reset by an admin). */
  must_change_password: Defaulted<number>;
  disabled: Defaulted<number>;
  created_at: string;
  last_login_at: Defaulted<string | null>;
  /** Console language ("en", "fr"); null: the browser's. */
  locale: Defaulted<string | null>;
  /** IANA time zone of dates in the console; null: the server's. */
  time_zone: Defaulted<string | null>;
  /** CSV separator ("," ";" or a tab); null: by the language. */
  csv_separator: Defaulted<string | null>;
}

/** A user's profile on an entity (null: every entity). One profile per user, enforced in code. */
export interface UserProfilesTable {
  id: Generated<number>;
  user_id: number;
  profile: ProfileName;
  entity_id: number | null;
  /** 1: the entity's sub-entities too. */
  recursive: Defaulted<number>;
}

/** A console session; the cookie holds the token, the table its hash. */
export interface SessionsTable {
  token_hash: string;
  user_id: number;
  /** The synchronizer token every form of this session carries. */
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute end, whatever the activity. */
  expires_at: string;
  ip: Defaulted<string>;
  user_agent: Defaulted<string>;
}

/** A personal API token (Authorization: Bearer); it acts with its user's profile. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, to recognise it in lists. */
  prefix: string;
  created_at: string;
  last_used_at: Defaulted<string | null>;
  expires_at: Defaulted<string | null>;
}

/** One sign-in attempt, for throttling. */
export interface LoginAttemptsTable {
  id: Generated<number>;
  at: string;
  login: string;
  ip: string;
  succeeded: number;
}

/** A computers search a user saved: the list's query string, theirs or shared with everyone. */
export interface SavedSearchesTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The computers list's URL query (filter, sort, columns). */
  query: string;
  shared: Defaulted<number>;
  created_at: string;
}

/** The auth tables. */
export interface AuthTables {
  users: UsersTable;
  user_profiles: UserProfilesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  saved_searches: SavedSearchesTable;
}
