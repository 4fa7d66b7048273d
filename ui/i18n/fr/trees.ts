/** Les pages des arbres d'entités et de lieux (français). */

import type { trees as en } from "../en/trees.ts";

const n = (x: number) => x.toLocaleString("fr");
const s = (x: number) => (x > 1 ? "s" : "");

export const trees: typeof en = {
  entitiesTitle: "Entités",
  locationsTitle: "Lieux",
  entitiesIntro:
    "Les entités partagent le parc : chaque utilisateur voit les entités qui lui sont attribuées. Une règle d’entité avec l’action « Entité d’après son TAG d’inventaire » place une nouvelle machine dans l’entité dont le TAG est celui de l’agent.",
  locationsIntro:
    "Les lieux disent où sont les machines ; les règles de lieu et la console les fixent.",
  entity: "Entité",
  location: "Lieu",
  caption: (title: string) => `${title}, en arbre`,
  headers: {
    name: "Nom",
    tag: "TAG",
    computers: "Ordinateurs",
    subtree: "Au total",
  },
  none: "Rien pour l’instant.",
  topLevel: "(premier niveau)",
  create: "Créer",
  createTitle: (what: string) => (what === "Lieu" ? "Nouveau lieu" : "Nouvelle entité"),
  name: "Nom",
  parent: "Niveau parent",
  tag: "TAG",
  tagHint:
    "Vide : pas de TAG. Les agents qui envoient ce TAG arrivent ici par une règle d’entité qui cherche les TAG.",
  save: "Enregistrer",
  edit: "Modifier",
  editTitle: (name: string) => `Modifier ${name}`,
  deleteTitle: "Supprimer",
  delete: "Supprimer",
  deleteHint: "Seul un nœud vide peut être supprimé.",
  notEmpty: (parts: string[]) => `Pas vide : ${parts.join(", ")}. Videz-le avant de le supprimer.`,
  uses: {
    children: (x: number) => `${n(x)} sous-niveau${x > 1 ? "x" : ""}`,
    computers: (x: number) => `${n(x)} ordinateur${s(x)} (corbeille comprise)`,
    locations: (x: number) => `${n(x)} lieu${x > 1 ? "x" : ""}`,
    peripherals: (x: number) => `${n(x)} périphérique${s(x)}`,
    user_assignments: (x: number) => `${n(x)} attribution${s(x)} d’utilisateur`,
  },
  nameRequired: "Un nom est requis.",
  nameSeparator: "Un nom ne peut pas contenir « > » (il sépare les niveaux).",
  nameTooLong: "Un nom a au plus 200 caractères.",
  tagTooLong: "Un TAG a au plus 200 caractères.",
  badParent: "Choisissez un parent dans la liste.",
  cycle: (name: string, parent: string) =>
    `${name} ne peut pas aller sous ${parent} : ${parent} est ${name} lui-même ou en dessous.`,
  rootFixed: "L’entité racine ne peut être ni déplacée ni supprimée.",
  taken: (name: string) => `« ${name} » existe déjà.`,
  tagTaken: (tag: string, other: string) => `Le TAG ${tag} désigne déjà ${other}.`,
  created: (name: string) => `Création faite : ${name}.`,
  saved: (name: string) => `Enregistré : ${name}.`,
  deleted: "Supprimé.",
  noSuch: (what: string) => `${what} introuvable.`,
  back: (title: string) => (title === "Lieux" ? "Tous les lieux" : "Toutes les entités"),
};
