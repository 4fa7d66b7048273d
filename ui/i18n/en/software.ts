/** The software catalogue and one software's page (English). */

const n = (x: number) => x.toLocaleString("en");

export const software = {
  title: "Software",
  nameOrPublisher: "Name or publisher",
  search: "Search",
  clear: "Clear",
  scoped: "Counts include only computers of your entities.",
  noMatch: "No software matches this search.",
  noneYet: "No software yet.",
  caption: (
    search: string,
  ) => (search ? `Software matching "${search}", by name` : "Software, by name"),
  headers: ["Name", "Publisher", "Versions", "Installations"],
  categoryHeader: "Category",
  installationsHint: "One per computer and version",
  publishedBy: (publisher: string) => `Published by ${publisher}.`,
  category: (category: string) => `Category: ${category}.`,
  noneInEntities: "No computer of your entities has it.",
  noneAnyMore: "No computer has it any more.",
  counts: (versions: number, installations: number, scoped: boolean) =>
    `${n(versions)} version${versions === 1 ? "" : "s"}, ${n(installations)} installation${
      installations === 1 ? "" : "s"
    }${scoped ? " in your entities" : ""}.`,
  versions: "Versions",
  versionsOf: (name: string) => `Versions of ${name}`,
  versionHeaders: ["Version", "Computers"],
  noVersion: "(no version)",
  computersWith: (version: string) => `Computers with version ${version}`,
  computersThatHave: (name: string, version: string) => `Computers that have ${name} ${version}`,
  computerHeaders: ["Computer", "Entity", "Installed", "Architecture", "Last inventory"],
  versionHeader: "Version",
  serialHeader: "Serial number",
  noSuchSoftware: "No such software",
  noSuchSoftwareMessage: "The catalogue has no software with this number.",
  catalogue: "The software catalogue",
  versionNotInEntities: "That version is not installed in your entities.",
};
