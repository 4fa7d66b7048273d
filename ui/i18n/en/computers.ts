/** The computers list, its filters, bulk actions, purge confirmation and the trash (English). */

const n = (x: number) => x.toLocaleString("en");
const computers = (x: number) => `${n(x)} computer${x === 1 ? "" : "s"}`;

export const columns = {
  name: "Name",
  entity: "Entity",
  location: "Location",
  state: "State",
  os: "Operating system",
  os_version: "OS version",
  serial: "Serial number",
  uuid: "UUID",
  manufacturer: "Manufacturer",
  model: "Model",
  type: "Type",
  user: "User",
  ip: "IP address",
  tag: "TAG",
  inventory_number: "Inventory number",
  last_inventory: "Last inventory",
  last_contact: "Last contact",
  id: "ID",
} as Record<string, string>;

export const computersList = {
  title: "Computers",
  trashTitle: "Trash",
  trashIntro:
    "Computers here keep their links: a device that reports again restores its computer. Purging deletes a computer and everything it owns for good.",
  caption: (page: number) => `Computers, page ${n(page)}`,
  trashCaption: (page: number) => `Computers in the trash, page ${n(page)}`,
  count: (total: number) => `computer${total === 1 ? "" : "s"}`,
  match: (total: number): string => (total === 1 ? " matches" : " match"),
  showAll: "show all",
  select: "Select",
  noMatch: "No computers match.",
  selectRow: (name: string) => `Select ${name}`,
  computerNumber: (id: number) => `computer ${id}`,
  choose: "Choose…",
  bulkActions: "Bulk actions",
  withSelected: "With the selected computers",
  allMatching: (total: number) =>
    `Or all ${computers(total)} matching this filter (not only the checked rows)`,
  moveToTrash: "Move to the trash",
  restore: "Restore",
  lockAll: "Lock all fields",
  unlockAll: "Unlock all fields",
  purge: "Purge…",
  location: "Location",
  setLocation: "Set location",
  noLocation: "(no location)",
  state: "State",
  setState: "Set state",
  noState: "(no state)",
  entity: "Entity",
  setEntity: "Set entity",
  emptyTrashLabel: "Empty the trash",
  purgeAllMatching: (total: number) => `Purge all ${n(total)} matching…`,
  emptyTrash: (total: number) => `Empty the trash (${n(total)})…`,
  searchLabel: "Search and filter computers",
  search: "Search",
  searchPlaceholder: "name, serial, MAC, IP, user… or software:firefox",
  searchHint1:
    "Name, serial, UUID, MAC (any notation), IP address, user or inventory number. Type ",
  searchHint2:
    " (any part of its name) to find computers with that software, with version<128 to keep older versions. Also model:, manufacturer:, cpu:, domain:, os:, ram>=8 (GB), added>=2026-01-01.",
  entityFilter: "Entity (and sub-entities)",
  allMyEntities: "All my entities",
  anyLocation: "Any location",
  anyState: "Any state",
  osFilter: "Operating system",
  tagFilter: "TAG (exact)",
  staleFilter: "Not seen for (days)",
  staleHint: "No inventory for at least this many days.",
  clear: "Clear",
  exportCsv: "Export CSV",
  columns: "Columns",
  chooseColumns: "Choose columns",
  columnsToShow: "Columns to show",
  always: "(always)",
  showColumns: "Show these columns",
  defaultColumns: "Default columns",
  purgeTitle: "Purge computers?",
  purgeHeading: (count: number) => `Purge ${computers(count)}?`,
  purgeExplain: (count: number) =>
    `Purging deletes ${
      count === 1 ? "this computer" : `these ${n(count)} computers`
    } and everything they own (components, software, network ports, history, locks) for good.`,
  cannotUndo: "This cannot be undone.",
  reimport: "Their devices are imported again only if they send a new inventory.",
  liveToo: "Computers that are not in the trash are purged too.",
  andMore: (more: number) => `and ${n(more)} more`,
  confirmPurge: "Confirm the purge",
  purgeButton: (count: number) => `Purge ${computers(count)}`,
  cancel: "Cancel",
  nothingChecked:
    "Nothing was done: check some computers, or tick \u201call \u2026 matching this filter\u201d.",
  chooseTarget: "Nothing was done: choose the value to set first.",
  unknownAction: (action: string) => `Unknown action "${action}"`,
  idsWhole: "Computer ids must be whole numbers",
  entityOutside: "That entity lies outside your entities. Nothing was done.",
  noSuchLocation: "There is no such location. Nothing was done.",
  locationOutside:
    "That location belongs to an entity outside yours: choose one of your entities' locations, or one of an entity above them. Nothing was done.",
  cannot: "Cannot do that",
  backToList: "Back to the list",
  done: {
    trash: (count: number) => `${computers(count)} moved to the trash.`,
    restore: (count: number) => `${computers(count)} restored from the trash.`,
    purge: (count: number) => `${computers(count)} purged for good.`,
    set_location: (count: number) =>
      `Location set on ${computers(count)}; the field is locked against inventory.`,
    set_state: (count: number) => `State set on ${computers(count)}.`,
    set_entity: (count: number) =>
      `Entity set on ${computers(count)}; the field is locked against inventory.`,
    lock: (count: number) => `All fields locked on ${computers(count)}.`,
    unlock: (count: number) =>
      `${n(count)} lock${
        count === 1 ? "" : "s"
      } removed; the fields are re-imported from the last inventory.`,
  } as Record<string, (count: number) => string>,
};

export const savedSearches = {
  title: "Saved searches",
  none: "No saved search yet: save the current one below.",
  sharedBadge: "shared",
  by: (login: string) => `by ${login}`,
  delete: "Delete",
  deleteLabel: (name: string) => `Delete the search \u201c${name}\u201d`,
  save: "Save this search",
  name: "Name of the search",
  shareIt: "Share with every user",
  nameIt: "Name the search.",
  nameTooLong: (max: number) => `The name has at most ${max} characters.`,
  notSaved: "Not saved",
  notFound: "Not found",
  noSuchSearch: "There is no such saved search (or it is not yours to see).",
  saved: "Search saved.",
  deleted: "Search deleted.",
};
