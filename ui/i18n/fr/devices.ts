/** The devices inbox and the link page (French). */

import type * as en from "../en/devices.ts";

const n = (x: number) => x.toLocaleString("fr");

export const devices: typeof en.devices = {
  title: "Machines non importées",
  intro:
    "Machines qui ont remonté un inventaire mais ne sont pas dans le parc, avec la raison. Ouvrez une ligne pour lire la trace des règles qui en a décidé.",
  filterByStatus: "Filtrer par statut",
  all: "Toutes",
  statuses: {
    pending: "En attente d’approbation",
    refused: "Refusées",
    unmatched: "Aucune règle applicable",
    failed: "En échec",
  },
  noneWithStatus: (status) => `Aucune machine avec le statut « ${status} ».`,
  inboxEmpty:
    "Aucune machine en attente : toutes celles qui ont remonté un inventaire sont dans le parc.",
  inboxActions: "Actions sur les machines non importées",
  withSelected: "Pour les machines sélectionnées",
  allMatching: (total) =>
    `Ou les ${n(total)} machine${
      total <= 1 ? "" : "s"
    } de cette liste (pas seulement les lignes cochées)`,
  importInto: "Importer dans",
  rulesChoose: "l’entité choisie par les règles",
  importSelected: "Importer la sélection",
  retrySelected: "Rejouer la sélection",
  retryAll: "Rejouer toutes les refusées, sans règle et en échec",
  actionsHint:
    "Importer approuve les machines (même en mode d’approbation manuelle) et ignore les listes de TAG ; si une entité est choisie, les règles d’entité sont ignorées aussi. Rejouer applique à nouveau les règles, par exemple après une modification.",
  notInRegistry: "Machines absentes du parc",
  select: "Sélection",
  headers: ["Machine", "Statut", "Raison", "Règle", "Tentatives", "Dernier inventaire", "Liaison"],
  csvHeaders: [
    "DEVICEID",
    "Nom",
    "Numéro de série",
    "TAG",
    "Statut",
    "Raison",
    "Règle",
    "Tentatives",
    "Dernier inventaire",
    "Dernière tentative",
  ],
  selectRow: (name) => `Sélectionner ${name}`,
  noName: "(sans nom)",
  serial: (serial) => ` · numéro de série ${serial}`,
  tag: (tag) => ` · TAG ${tag}`,
  linkAction: "Lier…",
  traceOf: (name) => `Trace des règles pour ${name}`,
  noRuleEvaluated:
    "Aucune règle n’a été évaluée : la décision a précédé les règles (mode d’approbation ou listes de TAG).",
  uploadTitle: "Envoyer des inventaires hors ligne",
  uploadIntro1: "Fichiers écrits par les agents en mode local (",
  uploadIntro2: " ou ",
  uploadIntro3: (limit) =>
    `), ${limit} au plus chacun. Ils sont enregistrés comme si l’agent les avait envoyés, puis synchronisés dans le parc.`,
  inventoryFiles: "Fichiers d’inventaire",
  upload: "Envoyer",
  uploaded: (stored, total) =>
    `Envoi : ${n(stored)} fichier${stored <= 1 ? "" : "s"} enregistré${
      stored <= 1 ? "" : "s"
    } sur ${n(total)}`,
  perFile: "Résultat par fichier envoyé",
  uploadHeaders: ["Fichier", "Résultat", "Machine", "Parc"],
  newDevice: "nouvelle machine",
  stored: "enregistré",
  refusedStatus: (status) => `refusé (${status})`,
  linkTitle: (device) => `Lier ${device}`,
  link: "Lier",
  linkHeading: (device) => `Lier ${device} à un ordinateur`,
  lastInventory: "Dernier inventaire",
  inbox: "File d’attente",
  notInInbox: "pas en attente",
  linkedNow: "Actuellement liée à",
  computerNumber: (id) => `ordinateur n° ${id}`,
  unlinksElsewhere: "(la lier ailleurs la délie)",
  findComputer: "Trouver l’ordinateur",
  findLabel: "Trouver un ordinateur",
  searchBy: "Nom, numéro de série, UUID ou identifiant",
  search: "Rechercher",
  noComputerMatches: (search) => `Aucun ordinateur ne correspond à « ${search} ».`,
  orGiveId: "Ou indiquez son identifiant",
  linkById: "Lier par identifiant d’ordinateur",
  computerId: "Identifiant de l’ordinateur",
  whyNot: "Pourquoi elle n’a pas été importée",
  computersFound: "Ordinateurs trouvés",
  targetHeaders: ["Ordinateur", "Numéro de série", "Entité", "Dernier inventaire", "Liaison"],
  inTrash: "dans la corbeille",
  linkTo: (name) => `Lier à ${name}`,
  restoreAndLink: "Restaurer et lier",
  linkHere: "Lier ici",
  unknownStatus: (status) => `Statut inconnu « ${status} ».`,
  noEntity: (entity) => `Aucune entité n° ${entity}.`,
  noDevice: (ref) => `Aucune machine n° ${ref}.`,
  noComputer: (ref) => `Aucun ordinateur n° ${ref || "(non indiqué)"}.`,
  notLinked: (why) => `Non liée : ${why}`,
  uploadUnreadable: (limit) => `L’envoi est illisible ou dépasse ${limit} au total.`,
  chooseFile: "Choisissez au moins un fichier .ocs ou .xml.",
  importedAs: (id) => `importé comme ordinateur n° ${id}`,
  linkedTo: (id) => `lié à l’ordinateur n° ${id}`,
  computerUnchanged: (id) => `ordinateur n° ${id} inchangé`,
  computerUpdated: (id) => `ordinateur n° ${id} mis à jour`,
  notImportedBecause: (status, reason) => `non importé (${status}) : ${reason}`,
  notSynchronised: "non synchronisé",
  error: (message) => `erreur : ${message}`,
  selectFirst: "Sélectionnez d’abord au moins une machine.",
  deviceLinked: (id, restored) =>
    `Machine liée à l’ordinateur n° ${id}${restored ? ", restauré depuis la corbeille" : ""}.`,
  batch: (imported, selected, done, left, errors, more) => {
    const devices = (x: number) => `${n(x)} machine${x <= 1 ? "" : "s"}`;
    const parts = [`${devices(done)} désormais dans le parc`];
    if (left) {
      parts.push(
        `${n(left)} toujours non importée${left <= 1 ? "" : "s"} (voir la raison ci-dessous)`,
      );
    }
    if (errors) parts.push(`${n(errors)} erreur${errors <= 1 ? "" : "s"}`);
    return `${imported ? "Import" : "Nouvel essai"} de ${devices(selected)} : ${parts.join(", ")}.${
      more ? " D’autres machines attendent : rejouez encore." : ""
    }`;
  },
  notFound: "Introuvable",
  backToInbox: "Retour aux machines non importées",
};
