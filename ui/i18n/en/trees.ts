/** The entity and location tree pages (English). */

const n = (x: number) => x.toLocaleString("en");

export const trees = {
  entitiesTitle: "Entities",
  locationsTitle: "Locations",
  entitiesIntro:
    'Entities split the fleet: users see the entities they are assigned. An entity rule with the action "Entity from its inventory tag" places a new machine in the entity whose TAG is the agent\'s TAG.',
  locationsIntro: "Locations say where machines are; location rules and the console set them.",
  entity: "Entity",
  location: "Location",
  caption: (title: string) => `${title}, as a tree`,
  headers: { name: "Name", tag: "TAG", computers: "Computers", subtree: "In all" },
  none: "Nothing here yet.",
  topLevel: "(top level)",
  create: "Create",
  createTitle: (what: string) => `New ${what.toLowerCase()}`,
  name: "Name",
  parent: "Parent",
  tag: "TAG",
  tagHint:
    "Empty: no TAG. Agents sending this TAG land here through an entity rule that looks TAGs up.",
  save: "Save",
  edit: "Change",
  editTitle: (name: string) => `Change ${name}`,
  deleteTitle: "Delete",
  delete: "Delete",
  deleteHint: "Only an empty node can be deleted.",
  notEmpty: (parts: string[]) => `Not empty: ${parts.join(", ")}. Empty it before deleting.`,
  uses: {
    children: (x: number) => `${n(x)} sub-level${x === 1 ? "" : "s"}`,
    computers: (x: number) => `${n(x)} computer${x === 1 ? "" : "s"} (trash included)`,
    locations: (x: number) => `${n(x)} location${x === 1 ? "" : "s"}`,
    peripherals: (x: number) => `${n(x)} device${x === 1 ? "" : "s"}`,
    user_assignments: (x: number) => `${n(x)} user assignment${x === 1 ? "" : "s"}`,
  } as Record<string, (x: number) => string>,
  nameRequired: "A name is required.",
  nameSeparator: 'A name cannot contain ">" (it separates levels).',
  nameTooLong: "A name has at most 200 characters.",
  tagTooLong: "A TAG has at most 200 characters.",
  badParent: "Choose a parent from the list.",
  cycle: (name: string, parent: string) =>
    `${name} cannot move under ${parent}: ${parent} is ${name} itself or below it.`,
  rootFixed: "The root entity cannot move or be deleted.",
  taken: (name: string) => `"${name}" already exists.`,
  tagTaken: (tag: string, other: string) => `The TAG ${tag} already designates ${other}.`,
  created: (name: string) => `${name} created.`,
  saved: (name: string) => `${name} saved.`,
  deleted: "Deleted.",
  noSuch: (what: string) => `No such ${what.toLowerCase()}.`,
  back: (title: string) => `All ${title.toLowerCase()}`,
};
