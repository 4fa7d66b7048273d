/**
 * Users and profiles: the list, adding a user, and per user: profile and entity, password reset,
 * disable/enable. A new or reset password is shown once, on the page that answers the form.
 *
 * @module
 */

import type { EntityChoice } from "../../server/auth/entity_scope.ts";
import { type EntityScope, type Principal, PROFILES } from "../../server/auth/rights.ts";
import type { UserSummary } from "../../server/auth/users.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";

/** What the users page shows. */
export interface UsersPageProps {
  principal: Principal;
  csrfToken: string;
  users: UserSummary[];
  entities: EntityChoice[];
  notice?: Notice | null;
  /** A password just set, shown once. */
  oneTimePassword?: { login: string; password: string } | null;
}

/** The users page. */
export function UsersPage(props: UsersPageProps) {
  const names = new Map(props.entities.map((e) => [e.id, e.completename]));
  return (
    <Layout
      title="Users"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="users"
      notice={props.notice}
    >
      <h1>Users</h1>
      {props.oneTimePassword
        ? (
          <div class="notice success" role="status">
            One-time password for <strong>{props.oneTimePassword.login}</strong>{" "}
            (shown once; it must be changed at the first sign-in):
            <code class="secret" data-testid="one-time-password">
              {props.oneTimePassword.password}
            </code>
          </div>
        )
        : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Users and their profiles</caption>
          <thead>
            <tr>
              <th scope="col">Login</th>
              <th scope="col" class="optional">Name</th>
              <th scope="col">Profile and entities</th>
              <th scope="col">Status</th>
              <th scope="col" class="optional">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                names={names}
                entities={props.entities}
                csrfToken={props.csrfToken}
                self={user.id === props.principal.userId}
              />
            ))}
          </tbody>
        </table>
      </div>
      <AddUser csrfToken={props.csrfToken} entities={props.entities} />
    </Layout>
  );
}

function UserRow(
  props: {
    user: UserSummary;
    names: Map<number, string>;
    entities: EntityChoice[];
    csrfToken: string;
    self: boolean;
  },
) {
  const { user, csrfToken } = props;
  return (
    <tr data-login={user.login}>
      <th scope="row">{user.login}</th>
      <td class="optional">{user.displayName}</td>
      <td>
        <span class="badge">{user.profile ?? "none"}</span>{" "}
        {describeScope(user.entityScope, props.names)}
        <PostForm
          action={`/users/${user.id}/profile`}
          csrfToken={csrfToken}
          class="row-form"
          label={`Profile of ${user.login}`}
        >
          <ProfileFields
            idPrefix={`u${user.id}`}
            entities={props.entities}
            profile={user.profile}
            scope={user.entityScope}
          />
          <button type="submit" class="secondary">Assign</button>
        </PostForm>
      </td>
      <td>
        {user.disabled
          ? <span class="badge off">disabled</span>
          : <span class="badge">enabled</span>}
        {user.mustChangePassword ? <div class="muted">must change password</div> : null}
      </td>
      <td class="optional">{user.lastLoginAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
      <td>
        <PostForm
          action={`/users/${user.id}/password`}
          csrfToken={csrfToken}
          class="row-form"
          label={`Reset the password of ${user.login}`}
        >
          <button type="submit" class="secondary">Reset password</button>
        </PostForm>
        {props.self ? null : (
          <PostForm
            action={`/users/${user.id}/${user.disabled ? "enable" : "disable"}`}
            csrfToken={csrfToken}
            class="row-form"
            label={`${user.disabled ? "Enable" : "Disable"} ${user.login}`}
          >
            <button type="submit" class={user.disabled ? "secondary" : "danger"}>
              {user.disabled ? "Enable" : "Disable"}
            </button>
          </PostForm>
        )}
      </td>
    </tr>
  );
}

function AddUser(props: { csrfToken: string; entities: EntityChoice[] }) {
  return (
    <section class="panel" aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add a user</h2>
      <PostForm action="/users" csrfToken={props.csrfToken} class="row-form">
        <Field id="new-login" name="login" label="Login" required autocomplete="off" />
        <Field id="new-name" name="display_name" label="Name" autocomplete="off" />
        <ProfileFields idPrefix="new" entities={props.entities} profile="readonly" scope="all" />
        <button type="submit">Add user</button>
      </PostForm>
      <p class="muted">A one-time password is shown once the user is added.</p>
    </section>
  );
}

/** Profile, entity and sub-entities pickers (the page assigns one entity; the CLI several). */
function ProfileFields(
  props: {
    idPrefix: string;
    entities: EntityChoice[];
    profile: string | null;
    scope: EntityScope;
  },
) {
  const { idPrefix, scope } = props;
  const entity = scope === "all" ? "" : String(scope[0]?.entityId ?? "");
  const recursive = scope === "all" || (scope[0]?.recursive ?? true);
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-profile`}>Profile</label>
        <select id={`${idPrefix}-profile`} name="profile">
          {PROFILES.map((p) => <option key={p} value={p} selected={p === props.profile}>{p}
          </option>)}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-entity`}>Entity</label>
        <select id={`${idPrefix}-entity`} name="entity">
          <option value="" selected={entity === ""}>All entities</option>
          {props.entities.map((e) => (
            <option key={e.id} value={String(e.id)} selected={String(e.id) === entity}>
              {e.completename}
            </option>
          ))}
        </select>
      </div>
      <div class="check">
        <input
          type="checkbox"
          id={`${idPrefix}-recursive`}
          name="recursive"
          value="1"
          checked={recursive}
        />
        <label for={`${idPrefix}-recursive`}>With sub-entities</label>
      </div>
    </>
  );
}

/** "All entities", or the entity names with "+ sub-entities" where recursive. */
export function describeScope(scope: EntityScope, names: Map<number, string>): string {
  if (scope === "all") return "All entities";
  return scope.map((a) =>
    `${names.get(a.entityId) ?? `entity #${a.entityId}`}${a.recursive ? " + sub-entities" : ""}`
  ).join(", ");
}
