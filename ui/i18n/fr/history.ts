/** The fleet-wide history page (French, GLPI's "Historique"). */

import type * as en from "../en/history.ts";

const n = (x: number) => x.toLocaleString("fr");

export const history: typeof en.history = {
  title: "Historique",
  intro:
    "Chaque modification enregistrée de chaque ordinateur : création, liaison, champs, composants et logiciels, verrous, corbeille et restauration, les plus récentes d’abord.",
  filterLabel: "Filtrer l’historique",
  computer: "Ordinateur",
  computerHint: "Une partie de son nom",
  kind: "Modification",
  allKinds: "Toutes les modifications",
  field: "Champ ou élément",
  fieldHint: "Un champ, un nom de logiciel ou de composant",
  source: "Faite par",
  allSources: "Tous",
  actor: "Identifiant de l’utilisateur",
  from: "Du",
  to: "Au",
  filter: "Filtrer",
  clear: "Effacer les filtres",
  csv: "Exporter en CSV",
  caption: "Modifications de tous les ordinateurs, les plus récentes d’abord",
  headers: [
    "Date",
    "Ordinateur",
    "Modification",
    "Élément",
    "Avant",
    "Après",
    "Faite par",
    "Utilisateur",
  ],
  none: "Aucune modification ne correspond.",
  trashed: "dans la corbeille",
  moreThan: (first, last, total) => `${n(first)}–${n(last)} sur plus de ${n(total)}`,
  badKind: (value) =>
    `Type de modification inconnu « ${value} » : toutes les modifications sont affichées.`,
  badSource: (value) => `Auteur inconnu « ${value} » : tous les auteurs sont affichés.`,
  badDate: (value) => `« ${value} » n’est pas une date (AAAA-MM-JJ) : elle est ignorée.`,
  backwards: "La date de début est postérieure à la date de fin : rien ne peut correspondre.",
  link: "Historique du parc",
};
