/**
 * The home page of a signed-in user. A heading for now; the dashboard's content comes later.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { Notice } from "../components.tsx";
import { Layout } from "../layout.tsx";

/** The dashboard. */
export function DashboardPage(
  props: { principal: Principal; csrfToken: string; notice?: Notice | null },
) {
  return (
    <Layout
      title="Dashboard"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="dashboard"
      notice={props.notice}
    >
      <h1>Dashboard</h1>
      <p class="muted">Signed in as {props.principal.displayName}.</p>
    </Layout>
  );
}
