/**
 * The purge confirmation: purging deletes a computer and everything it owns for good, so the
 * page says what goes and asks once more.
 *
 * @module
 */

import type { Principal } from "../server/auth/rights.ts";
import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { PostForm } from "./components.tsx";
import { i18n } from "./i18n/format.ts";
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
  const k = i18n().t.computer;
  return (
    <Layout
      title={k.purgeTitle(title)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
    >
      <section class="panel narrow purge-confirm" aria-labelledby="purge-title">
        <h1 id="purge-title">{k.purgeHeading(title)}</h1>
        <p>{k.purgeExplain(c.id, props.software)}</p>
        {props.devices > 0 ? <p>{k.purgeDevices(props.devices)}</p> : null}
        <PostForm
          action={`/computers/${c.id}/purge`}
          csrfToken={props.csrfToken}
          label={k.purgeLabel}
        >
          <input type="hidden" name="confirm" value="yes" />
          <div class="row-form">
            <button type="submit" class="danger">{k.purgeForGood}</button>
            <a href={`/computers/${c.id}`}>{k.cancel}</a>
          </div>
        </PostForm>
      </section>
    </Layout>
  );
}
