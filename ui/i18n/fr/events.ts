/** The event log page (French, GLPI's "Journal des événements"). */

import type * as en from "../en/events.ts";

export const events: typeof en.events = {
  title: "Journal des événements",
  intro:
    "Alertes envoyées par l’action « alerts », exécutions en échec ou récupérées et autres faits notables, les plus récents d’abord.",
  filterLabel: "Filtrer le journal des événements",
  kind: "Type",
  allKinds: "Tous les types",
  filter: "Filtrer",
  kinds: {
    alert: "Alertes",
    "alert.new_computers": "Alerte : nouveaux ordinateurs",
    "alert.stale_computers": "Alerte : ordinateurs sans inventaire",
    "alert.task_failing": "Alerte : action en échec",
    task: "Actions automatiques",
  },
  levels: { info: "information", warn: "avertissement", error: "erreur" },
  caption: "Événements, les plus récents d’abord",
  headers: ["Date", "Niveau", "Type", "Message"],
  none: "Aucun événement enregistré.",
  link: "Journal des événements",
  latest: (count) => `Les ${count.toLocaleString("fr")} derniers sont affichés.`,
};
