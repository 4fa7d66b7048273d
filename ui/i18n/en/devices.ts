/** The devices inbox and the link page (English). */

const n = (x: number) => x.toLocaleString("en");

export const devices = {
  title: "Devices inbox",
  intro:
    "Devices that reported an inventory but are not in the registry, with the reason. Open a row to read the rule trace that decided it.",
  filterByStatus: "Filter by status",
  all: "All",
  statuses: {
    pending: "Pending approval",
    refused: "Refused",
    unmatched: "No rule matched",
    failed: "Failed",
  } as Record<string, string>,
  noneWithStatus: (status: string) => `No device with the status \u201c${status}\u201d.`,
  inboxEmpty: "The inbox is empty: every device that reported is in the registry.",
  inboxActions: "Inbox actions",
  withSelected: "With the selected devices",
  allMatching: (total: number) =>
    `Or all ${n(total)} device${total === 1 ? "" : "s"} of this list (not only the checked rows)`,
  importInto: "Import into",
  rulesChoose: "the entity the rules choose",
  importSelected: "Import selected",
  retrySelected: "Retry selected",
  retryAll: "Retry all refused, unmatched and failed",
  actionsHint:
    "Import approves the devices (also in manual approval mode) and skips the TAG lists; with an entity chosen, the entity rules are skipped too. Retry replays the rules, e.g. after a rule change.",
  notInRegistry: "Devices not in the registry",
  select: "Select",
  headers: ["Device", "Status", "Reason", "Rule", "Attempts", "Last inventory", "Link"],
  selectRow: (name: string) => `Select ${name}`,
  noName: "(no name)",
  serial: (serial: string) => ` · serial ${serial}`,
  tag: (tag: string) => ` · TAG ${tag}`,
  linkAction: "Link…",
  traceOf: (name: string) => `Rule trace of ${name}`,
  noRuleEvaluated:
    "No rule was evaluated: the decision came before the rules (approval mode or TAG lists).",
  uploadTitle: "Upload offline inventories",
  uploadIntro1: "Files written by agents in local mode (",
  uploadIntro2: " or ",
  uploadIntro3: (limit: string) =>
    `), at most ${limit} each. They are stored as if the agent had sent them, then synchronised into the registry.`,
  inventoryFiles: "Inventory files",
  upload: "Upload",
  uploaded: (stored: number, total: number) =>
    `Upload: ${n(stored)} of ${n(total)} file${total === 1 ? "" : "s"} stored`,
  perFile: "Result per uploaded file",
  uploadHeaders: ["File", "Result", "Device", "Registry"],
  newDevice: "new device",
  stored: "stored",
  refusedStatus: (status: number) => `refused (${status})`,
  linkTitle: (device: string) => `Link ${device}`,
  link: "Link",
  linkHeading: (device: string) => `Link ${device} to a computer`,
  lastInventory: "Last inventory",
  inbox: "Inbox",
  notInInbox: "not in the inbox",
  linkedNow: "Linked now to",
  computerNumber: (id: number) => `computer #${id}`,
  unlinksElsewhere: "(linking elsewhere unlinks it)",
  findComputer: "Find the computer",
  findLabel: "Find a computer",
  searchBy: "Name, serial, UUID or id",
  search: "Search",
  noComputerMatches: (search: string) => `No computer matches \u201c${search}\u201d.`,
  orGiveId: "Or give its id",
  linkById: "Link by computer id",
  computerId: "Computer id",
  whyNot: "Why it was not imported",
  computersFound: "Computers found",
  targetHeaders: ["Computer", "Serial", "Entity", "Last inventory", "Link"],
  inTrash: "in the trash",
  linkTo: (name: string) => `Link to ${name}`,
  restoreAndLink: "Restore and link",
  linkHere: "Link here",
  unknownStatus: (status: string) => `Unknown status “${status}”.`,
  noEntity: (entity: string) => `No entity #${entity}.`,
  noDevice: (ref: string) => `No device #${ref}.`,
  noComputer: (ref: string) => `No computer #${ref || "(none given)"}.`,
  notLinked: (why: string) => `Not linked: ${why}`,
  uploadUnreadable: (limit: string) => `The upload cannot be read or is over ${limit} in all.`,
  chooseFile: "Choose at least one .ocs or .xml file.",
  importedAs: (id: number) => `imported as computer #${id}`,
  linkedTo: (id: number) => `linked to computer #${id}`,
  computerUnchanged: (id: number) => `computer #${id} unchanged`,
  computerUpdated: (id: number) => `computer #${id} updated`,
  notImportedBecause: (status: string, reason: string) => `not imported (${status}): ${reason}`,
  notSynchronised: "not synchronised",
  error: (message: string) => `error: ${message}`,
  selectFirst: "Select at least one device first.",
  deviceLinked: (id: number, restored: boolean) =>
    `Device linked to computer #${id}${restored ? ", restored from the trash" : ""}.`,
  batch: (
    imported: boolean,
    selected: number,
    done: number,
    left: number,
    errors: number,
    more: boolean,
  ) => {
    const devices = (x: number) => `${n(x)} device${x === 1 ? "" : "s"}`;
    const parts = [`${devices(done)} now in the registry`];
    if (left) parts.push(`${n(left)} still not imported (see the reason below)`);
    if (errors) parts.push(`${n(errors)} error${errors === 1 ? "" : "s"}`);
    return `${imported ? "Import" : "Retry"} of ${devices(selected)}: ${parts.join(", ")}.${
      more ? " More devices wait: retry again." : ""
    }`;
  },
  notFound: "Not found",
  backToInbox: "Back to the inbox",
};
