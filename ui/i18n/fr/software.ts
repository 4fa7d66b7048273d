/** The software catalogue and one software's page (French). */

import type * as en from "../en/software.ts";

const n = (x: number) => x.toLocaleString("fr");

export const software: typeof en.software = {
  title: "Logiciels",
  nameOrPublisher: "Nom ou éditeur",
  search: "Rechercher",
  clear: "Effacer",
  scoped: "Les décomptes ne portent que sur les ordinateurs de vos entités.",
  noMatch: "Aucun logiciel ne correspond à cette recherche.",
  noneYet: "Aucun logiciel pour l’instant.",
  caption: (search) =>
    search ? `Logiciels correspondant à « ${search} », par nom` : "Logiciels, par nom",
  headers: ["Nom", "Éditeur", "Versions", "Installations"],
  categoryHeader: "Catégorie",
  installationsHint: "Une par ordinateur et par version",
  publishedBy: (publisher) => `Édité par ${publisher}.`,
  category: (category) => `Catégorie : ${category}.`,
  noneInEntities: "Aucun ordinateur de vos entités ne l’a.",
  noneAnyMore: "Plus aucun ordinateur ne l’a.",
  counts: (versions, installations, scoped) =>
    `${n(versions)} version${versions <= 1 ? "" : "s"}, ${n(installations)} installation${
      installations <= 1 ? "" : "s"
    }${scoped ? " dans vos entités" : ""}.`,
  versions: "Versions",
  versionsOf: (name) => `Versions de ${name}`,
  versionHeaders: ["Version", "Ordinateurs"],
  noVersion: "(sans version)",
  computersWith: (version) => `Ordinateurs ayant la version ${version}`,
  computersThatHave: (name, version) => `Ordinateurs ayant ${name} ${version}`,
  computerHeaders: ["Ordinateur", "Entité", "Installé le", "Architecture", "Dernier inventaire"],
  versionHeader: "Version",
  serialHeader: "Numéro de série",
  noSuchSoftware: "Logiciel introuvable",
  noSuchSoftwareMessage: "Le catalogue n’a aucun logiciel portant ce numéro.",
  catalogue: "Le catalogue des logiciels",
  versionNotInEntities: "Cette version n’est installée dans aucune de vos entités.",
};
