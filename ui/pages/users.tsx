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
import { i18n } from "../i18n/format.ts";
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
  const k = i18n().t.users;
  const h = k.headers;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="users"
      notice={props.notice}
    >
      <h1>{k.title}</h1>
      <p>
        <a class="button secondary" href="/users.csv">{i18n().t.common.exportCsv}</a>
      </p>
      {props.oneTimePassword
        ? (
          <div class="notice success" role="status">
            {k.oneTime1}
            <strong>{props.oneTimePassword.login}</strong>
            {k.oneTime2}
            <code class="secret" data-testid="one-time-password">
              {props.oneTimePassword.password}
            </code>
          </div>
        )
        : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{k.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{h[0]}</th>
              <th scope="col" class="optional">{h[1]}</th>
              <th scope="col">{h[2]}</th>
              <th scope="col">{h[3]}</th>
              <th scope="col" class="optional">{h[4]}</th>
              <th scope="col">{h[5]}</th>
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
  const k = i18n().t.users;
  return (
    <tr data-login={user.login}>
      <th scope="row">{user.login}</th>
      <td class="optional">{user.displayName}</td>
      <td>
        <span class="badge">{user.profile ? k.profiles[user.profile] : k.none}</span>{" "}
        {describeScope(user.entityScope, props.names)}
        <PostForm
          action={`/users/${user.id}/profile`}
          csrfToken={csrfToken}
          class="row-form"
          label={k.profileOf(user.login)}
        >
          <ProfileFields
            idPrefix={`u${user.id}`}
            entities={props.entities}
            profile={user.profile}
            scope={user.entityScope}
          />
          <button type="submit" class="secondary">{k.assign}</button>
        </PostForm>
      </td>
      <td>
        {user.disabled
          ? <span class="badge off">{k.disabled}</span>
          : <span class="badge">{k.enabled}</span>}
        {user.mustChangePassword ? <div class="muted">{k.mustChange}</div> : null}
      </td>
      <td class="optional">{i18n().dateTime(user.lastLoginAt) || k.never}</td>
      <td>
        <PostForm
          action={`/users/${user.id}/password`}
          csrfToken={csrfToken}
          class="row-form"
          label={k.resetOf(user.login)}
        >
          <button type="submit" class="secondary">{k.reset}</button>
        </PostForm>
        {props.self ? null : (
          <PostForm
            action={`/users/${user.id}/${user.disabled ? "enable" : "disable"}`}
            csrfToken={csrfToken}
            class="row-form"
            label={user.disabled ? k.enableUser(user.login) : k.disableUser(user.login)}
          >
            <button type="submit" class={user.disabled ? "secondary" : "danger"}>
              {user.disabled ? k.enable : k.disable}
            </button>
          </PostForm>
        )}
      </td>
    </tr>
  );
}

function AddUser(props: { csrfToken: string; entities: EntityChoice[] }) {
  const k = i18n().t.users;
  return (
    <section class="panel" aria-labelledby="add-user-title">
      <h2 id="add-user-title">{k.addUser}</h2>
      <PostForm action="/users" csrfToken={props.csrfToken} class="row-form">
        <Field id="new-login" name="login" label={k.login} required autocomplete="off" />
        <Field id="new-name" name="display_name" label={k.name} autocomplete="off" />
        <ProfileFields idPrefix="new" entities={props.entities} profile="readonly" scope="all" />
        <button type="submit">{k.add}</button>
      </PostForm>
      <p class="muted">{k.oneTimeNote}</p>
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
  const k = i18n().t.users;
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-profile`}>{k.profile}</label>
        <select id={`${idPrefix}-profile`} name="profile">
          {PROFILES.map((p) => (
            <option key={p} value={p} selected={p === props.profile}>{k.profiles[p] ?? p}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-entity`}>{k.entity}</label>
        <select id={`${idPrefix}-entity`} name="entity">
          <option value="" selected={entity === ""}>{k.allEntities}</option>
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
        <label for={`${idPrefix}-recursive`}>{k.withSub}</label>
      </div>
    </>
  );
}

/** "All entities", or the entity names with "+ sub-entities" where recursive. */
export function describeScope(scope: EntityScope, names: Map<number, string>): string {
  const k = i18n().t.users;
  if (scope === "all") return k.allEntities;
  return scope.map((a) =>
    `${names.get(a.entityId) ?? k.entityNumber(a.entityId)}${a.recursive ? k.plusSub : ""}`
  ).join(", ");
}
