/** The computers list, its filters, bulk actions, purge confirmation and the trash (French). */

import type * as en from "../en/computers.ts";

const n = (x: number) => x.toLocaleString("fr");
const computers = (x: number) => `${n(x)} ordinateur${x <= 1 ? "" : "s"}`;

export const columns: typeof en.columns = {
  name: "Nom",
  entity: "Entité",
  location: "Lieu",
  state: "Statut",
  os: "Système d’exploitation",
  os_version: "Version du système",
  serial: "Numéro de série",
  uuid: "UUID",
  manufacturer: "Fabricant",
  model: "Modèle",
  type: "Type",
  user: "Utilisateur",
  ip: "Adresse IP",
  tag: "TAG",
  inventory_number: "Numéro d’inventaire",
  last_inventory: "Dernier inventaire",
  last_contact: "Dernier contact",
  id: "ID",
};

export const computersList: typeof en.computersList = {
  title: "Ordinateurs",
  trashTitle: "Corbeille",
  trashIntro:
    "Les ordinateurs de la corbeille gardent leurs liens : une machine qui remonte un inventaire restaure son ordinateur. La purge supprime définitivement un ordinateur et tout ce qui lui appartient.",
  caption: (page) => `Ordinateurs, page ${n(page)}`,
  trashCaption: (page) => `Ordinateurs dans la corbeille, page ${n(page)}`,
  count: (total) => `ordinateur${total <= 1 ? "" : "s"}`,
  match: (total) => (total <= 1 ? " correspondant" : " correspondants"),
  showAll: "tout afficher",
  select: "Sélection",
  noMatch: "Aucun ordinateur ne correspond.",
  selectRow: (name) => `Sélectionner ${name}`,
  computerNumber: (id) => `ordinateur ${id}`,
  choose: "Choisir…",
  bulkActions: "Actions massives",
  withSelected: "Pour les ordinateurs sélectionnés",
  allMatching: (total) =>
    total <= 1
      ? "Ou l’ordinateur correspondant à ce filtre (pas seulement les lignes cochées)"
      : `Ou les ${computers(total)} correspondant à ce filtre (pas seulement les lignes cochées)`,
  moveToTrash: "Mettre à la corbeille",
  restore: "Restaurer",
  lockAll: "Verrouiller tous les champs",
  unlockAll: "Déverrouiller tous les champs",
  purge: "Purger…",
  location: "Lieu",
  setLocation: "Affecter le lieu",
  noLocation: "(aucun lieu)",
  state: "Statut",
  setState: "Affecter le statut",
  noState: "(aucun statut)",
  entity: "Entité",
  setEntity: "Affecter l’entité",
  emptyTrashLabel: "Vider la corbeille",
  purgeAllMatching: (total) => `Purger les ${n(total)} correspondants…`,
  emptyTrash: (total) => `Vider la corbeille (${n(total)})…`,
  searchLabel: "Rechercher et filtrer les ordinateurs",
  search: "Rechercher",
  searchPlaceholder: "nom, numéro de série, MAC, IP, utilisateur… ou software:firefox",
  searchHint1:
    "Nom, numéro de série, UUID, MAC (toute notation), adresse IP, utilisateur ou numéro d’inventaire. Saisissez ",
  searchHint2:
    " (une partie de son nom) pour trouver les ordinateurs qui ont ce logiciel, avec version<128 pour ne garder que les versions antérieures. Aussi model:, manufacturer:, cpu:, domain:, os:, ram>=8 (Go), added>=2026-01-01.",
  entityFilter: "Entité (et sous-entités)",
  allMyEntities: "Toutes mes entités",
  anyLocation: "Tous les lieux",
  anyState: "Tous les statuts",
  osFilter: "Système d’exploitation",
  tagFilter: "TAG (exact)",
  staleFilter: "Sans inventaire depuis (jours)",
  staleHint: "Aucun inventaire depuis au moins ce nombre de jours.",
  clear: "Effacer",
  exportCsv: "Exporter en CSV",
  columns: "Colonnes",
  chooseColumns: "Choisir les colonnes",
  columnsToShow: "Colonnes affichées",
  always: "(toujours)",
  showColumns: "Afficher ces colonnes",
  defaultColumns: "Colonnes par défaut",
  purgeTitle: "Purger les ordinateurs ?",
  purgeHeading: (count) => `Purger ${computers(count)} ?`,
  purgeExplain: (count) =>
    `La purge supprime définitivement ${
      count <= 1 ? "cet ordinateur" : `ces ${n(count)} ordinateurs`
    } et tout ce qui leur appartient (composants, logiciels, ports réseau, historique, verrous).`,
  cannotUndo: "Cette action est irréversible.",
  reimport: "Leurs machines ne sont réimportées que si elles envoient un nouvel inventaire.",
  liveToo: "Les ordinateurs qui ne sont pas dans la corbeille sont purgés aussi.",
  andMore: (more) => `et ${n(more)} de plus`,
  confirmPurge: "Confirmer la purge",
  purgeButton: (count) => `Purger ${computers(count)}`,
  cancel: "Annuler",
  nothingChecked:
    "Rien n’a été fait : cochez des ordinateurs, ou « les … correspondant à ce filtre ».",
  chooseTarget: "Rien n’a été fait : choisissez d’abord la valeur à affecter.",
  unknownAction: (action) => `Action inconnue « ${action} »`,
  idsWhole: "Les identifiants d’ordinateur sont des nombres entiers",
  entityOutside: "Cette entité est hors de vos entités. Rien n’a été fait.",
  noSuchLocation: "Ce lieu n’existe pas. Rien n’a été fait.",
  locationOutside:
    "Ce lieu appartient à une entité hors des vôtres : choisissez un lieu de vos entités ou d’une entité parente. Rien n’a été fait.",
  cannot: "Action impossible",
  backToList: "Retour à la liste",
  done: {
    trash: (count) => `${computers(count)} mis à la corbeille.`,
    restore: (count) => `${computers(count)} restauré${count <= 1 ? "" : "s"} depuis la corbeille.`,
    purge: (count) => `${computers(count)} purgé${count <= 1 ? "" : "s"}.`,
    set_location: (count) =>
      `Lieu affecté à ${computers(count)} ; le champ est verrouillé contre l’inventaire.`,
    set_state: (count) => `Statut affecté à ${computers(count)}.`,
    set_entity: (count) =>
      `Entité affectée à ${computers(count)} ; le champ est verrouillé contre l’inventaire.`,
    lock: (count) => `Tous les champs verrouillés sur ${computers(count)}.`,
    unlock: (count) =>
      `${n(count)} verrou${count <= 1 ? "" : "s"} supprimé${
        count <= 1 ? "" : "s"
      } ; les champs sont réimportés du dernier inventaire.`,
  },
};

export const savedSearches: typeof en.savedSearches = {
  title: "Recherches enregistrées",
  none: "Aucune recherche enregistrée : enregistrez la recherche en cours ci-dessous.",
  sharedBadge: "partagée",
  by: (login) => `par ${login}`,
  delete: "Supprimer",
  deleteLabel: (name) => `Supprimer la recherche « ${name} »`,
  save: "Enregistrer cette recherche",
  name: "Nom de la recherche",
  shareIt: "Partager avec tous les utilisateurs",
  nameIt: "Nommez la recherche.",
  nameTooLong: (max) => `Le nom comporte au plus ${max} caractères.`,
  notSaved: "Non enregistrée",
  notFound: "Introuvable",
  noSuchSearch: "Cette recherche enregistrée n’existe pas (ou ne vous est pas visible).",
  saved: "Recherche enregistrée.",
  deleted: "Recherche supprimée.",
};
