/**
 * The purge confirmation: purging deletes a computer and everything it owns for good, so the
 * page says what goes and asks once more.
 *
 * @module
 */

import type { Principal } from "../server/auth/rights.ts";
import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { PostForm } from "./components.tsx";
import { Layout } from "./layout.tsx";
import { computerTitle } from "./pages/computer.tsx";

/** The purge confirmation page. */
export function ComputerPurgePage(
  props: {
    principal: Principal;
    csrfToken: string;
    computer: ComputerDetail["computer"];
    devices: number;
    software: number;
  },
) {
  const c = props.computer;
  const title = computerTitle(c);
  return (
    <Layout
      title={`Purge ${title}`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
    >
      <section class="panel narrow purge-confirm" aria-labelledby="purge-title">
        <h1 id="purge-title">Purge {title}?</h1>
        <p>
          This deletes computer #{c.id}{" "}
          for good: its components, software ({props.software}), locks and history. It cannot be
          undone.
        </p>
        {props.devices > 0
          ? (
            <p>
              Its {props.devices === 1 ? "device is" : `${props.devices} devices are`}{" "}
              released: a new inventory from {props.devices === 1 ? "it" : "them"}{" "}
              imports a new computer.
            </p>
          )
          : null}
        <PostForm action={`/computers/${c.id}/purge`} csrfToken={props.csrfToken} label="Purge">
          <input type="hidden" name="confirm" value="yes" />
          <div class="row-form">
            <button type="submit" class="danger">Purge for good</button>
            <a href={`/computers/${c.id}`}>Cancel</a>
          </div>
        </PostForm>
      </section>
    </Layout>
  );
}
