/** The event log page (English). */

export const events = {
  title: "Event log",
  intro:
    "Alerts the alerts task sent, task runs that failed or were recovered, and other notable facts, newest first.",
  filterLabel: "Filter the event log",
  kind: "Kind",
  allKinds: "All kinds",
  filter: "Filter",
  kinds: {
    alert: "Alerts",
    "alert.new_computers": "Alert: new computers",
    "alert.stale_computers": "Alert: computers not seen",
    "alert.task_failing": "Alert: task failing",
    task: "Tasks",
  } as Record<string, string>,
  levels: { info: "info", warn: "warning", error: "error" } as Record<string, string>,
  caption: "Events, newest first",
  headers: ["When", "Level", "Kind", "Message"],
  none: "No event recorded.",
  link: "Event log",
  latest: (count: number) => `The latest ${count.toLocaleString("en")} are shown.`,
};
