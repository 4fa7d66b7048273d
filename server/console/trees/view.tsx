/**
 * The entity and location pages: each tree indented with its computers (in the node, and with
 * its sub-levels), a form to create a node, and one node's page to rename, move, set or clear its
 * TAG (entities) and delete it when empty. Forms only for whoever may change the trees.
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import { i18n } from "../../../ui/i18n/format.ts";
import { Layout } from "../../../ui/layout.tsx";
import { Field, type Notice, NoticeBox, PostForm } from "../../../ui/components.tsx";
import { type NodeForm, subtreeOf, type TreeKind, type TreeRow } from "./form.ts";

/** What both pages share. */
interface TreeProps {
  principal: Principal;
  csrfToken: string;
  kind: TreeKind;
  /** The nodes the reader sees, in tree order. */
  rows: TreeRow[];
  /** The reader may change the tree. */
  canWrite: boolean;
  notice: Notice | null;
}

/** The tree page: `/entities` or `/locations`. */
export interface TreePageProps extends TreeProps {
  form: NodeForm;
}

/** One node's page. */
export interface NodePageProps extends TreeProps {
  node: TreeRow;
  form: NodeForm;
  /** What still refers to the node, by kind (empty: it can be deleted). */
  uses: Record<string, number>;
}

function titles(kind: TreeKind) {
  const k = i18n().t.trees;
  return kind === "entities"
    ? { title: k.entitiesTitle, one: k.entity, intro: k.entitiesIntro }
    : { title: k.locationsTitle, one: k.location, intro: k.locationsIntro };
}

/** The node's fields: name, parent (never itself or below), TAG for entities. */
function NodeFields(
  props: { kind: TreeKind; rows: TreeRow[]; form: NodeForm; node?: TreeRow; prefix: string },
) {
  const k = i18n().t.trees;
  const excluded = props.node ? subtreeOf(props.rows, props.node.id) : new Set<number>();
  const isRoot = props.kind === "entities" && props.node?.parent_id === null;
  return (
    <>
      <Field
        id={`${props.prefix}-name`}
        name="name"
        label={k.name}
        value={props.form.name}
        required
      />
      {isRoot ? null : (
        <div class="field">
          <label for={`${props.prefix}-parent`}>{k.parent}</label>
          <select id={`${props.prefix}-parent`} name="parent">
            {props.kind === "locations" ? <option value="">{k.topLevel}</option> : null}
            {props.rows.filter((r) => !excluded.has(r.id)).map((r) => (
              <option key={r.id} value={String(r.id)} selected={props.form.parent === String(r.id)}>
                {r.completename}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.kind === "entities"
        ? (
          <Field
            id={`${props.prefix}-tag`}
            name="tag"
            label={k.tag}
            value={props.form.tag}
            hint={k.tagHint}
          />
        )
        : null}
    </>
  );
}

/** The tree, indented, with its counts. */
export function TreePage(props: TreePageProps) {
  const { t, number } = i18n();
  const k = t.trees;
  const { title, one, intro } = titles(props.kind);
  return (
    <Layout
      title={title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current={props.kind}
    >
      <h1>{title}</h1>
      <p class="muted">{intro}</p>
      <p>
        <a class="button secondary" href={`/${props.kind}.csv`}>{t.common.exportCsv}</a>
      </p>
      <NoticeBox notice={props.notice} />
      {props.rows.length === 0 ? <p class="panel empty">{k.none}</p> : (
        <div class="table-wrap">
          <table class="tree" data-tree={props.kind}>
            <caption class="visually-hidden">{k.caption(title)}</caption>
            <thead>
              <tr>
                <th scope="col">{k.headers.name}</th>
                {props.kind === "entities" ? <th scope="col">{k.headers.tag}</th> : null}
                <th scope="col" class="num">{k.headers.computers}</th>
                <th scope="col" class="num">{k.headers.subtree}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id} data-id={row.id}>
                  <th scope="row" class={`tree-name depth-${Math.min(row.level, 8)}`}>
                    <a href={`/${props.kind}/${row.id}`}>{row.name}</a>
                  </th>
                  {props.kind === "entities" ? <td class="tag">{row.tag ?? ""}</td> : null}
                  <td class="num computers">{number(row.computers)}</td>
                  <td class="num subtree">{number(row.subtree)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite
        ? (
          <section class="panel" aria-labelledby="new-node">
            <h2 id="new-node">{k.createTitle(one)}</h2>
            <PostForm action={`/${props.kind}`} csrfToken={props.csrfToken}>
              <NodeFields kind={props.kind} rows={props.rows} form={props.form} prefix="new" />
              <button type="submit">{k.create}</button>
            </PostForm>
          </section>
        )
        : null}
    </Layout>
  );
}

/** One node: its counts, and the forms to change or delete it. */
export function NodePage(props: NodePageProps) {
  const { t, number } = i18n();
  const k = t.trees;
  const { title } = titles(props.kind);
  const { node } = props;
  const uses = Object.entries(props.uses).map(([use, n]) => k.uses[use]?.(n) ?? `${n} ${use}`);
  return (
    <Layout
      title={node.completename}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current={props.kind}
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href={`/${props.kind}`}>{title}</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{node.name}</span>
      </nav>
      <h1>{node.completename}</h1>
      <NoticeBox notice={props.notice} />
      <dl class="summary-grid">
        {props.kind === "entities"
          ? (
            <div class="summary-item">
              <dt>{k.tag}</dt>
              <dd class="tag">{node.tag ?? "—"}</dd>
            </div>
          )
          : null}
        <div class="summary-item">
          <dt>{k.headers.computers}</dt>
          <dd>{number(node.computers)}</dd>
        </div>
        <div class="summary-item">
          <dt>{k.headers.subtree}</dt>
          <dd>{number(node.subtree)}</dd>
        </div>
      </dl>
      {props.canWrite
        ? (
          <>
            <section class="panel" aria-labelledby="edit-node">
              <h2 id="edit-node">{k.editTitle(node.name)}</h2>
              <PostForm action={`/${props.kind}/${node.id}`} csrfToken={props.csrfToken}>
                <NodeFields
                  kind={props.kind}
                  rows={props.rows}
                  form={props.form}
                  node={node}
                  prefix="edit"
                />
                <button type="submit">{k.save}</button>
              </PostForm>
            </section>
            {props.kind === "entities" && node.parent_id === null
              ? null
              : (
                <section class="panel" aria-labelledby="delete-node">
                  <h2 id="delete-node">{k.deleteTitle}</h2>
                  {uses.length > 0
                    ? <p class="muted">{k.notEmpty(uses)}</p>
                    : <p class="muted">{k.deleteHint}</p>}
                  <PostForm action={`/${props.kind}/${node.id}/delete`} csrfToken={props.csrfToken}>
                    <button type="submit" class="danger" disabled={uses.length > 0}>
                      {k.delete}
                    </button>
                  </PostForm>
                </section>
              )}
          </>
        )
        : null}
    </Layout>
  );
}
