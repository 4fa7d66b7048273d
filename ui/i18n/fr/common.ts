/** Words every page uses, the layout, lists and charts (French). */

import type * as en from "../en/common.ts";

const n = (x: number) => x.toLocaleString("fr");
// French: 0 and 1 take the singular.
const s = (x: number, one: string, many: string) => `${n(x)} ${x <= 1 ? one : many}`;

export const common: typeof en.common = {
  product: "inventory",
  skipToContent: "Aller au contenu",
  mainNav: "Principal",
  accountMenuFor: "Menu du compte de",
  preferences: "Préférences",
  apiTokens: "Jetons d’API",
  changePassword: "Changer le mot de passe",
  signOut: "Se déconnecter",
  save: "Enregistrer",
  cancel: "Annuler",
  delete: "Supprimer",
  edit: "Modifier",
  search: "Rechercher",
  exportCsv: "Exporter en CSV",
  filter: "Filtrer",
  apply: "Appliquer",
  clear: "Effacer",
  back: "Retour",
  yes: "Oui",
  no: "Non",
  none: "Aucun",
  unknown: "Inconnu",
  all: "Tous",
  any: "Tous",
  name: "Nom",
  total: "Total",
  dash: "–",
  never: "jamais",
  breadcrumb: "Fil d’Ariane",
  downloadCsv: "Télécharger en CSV",
  separator: " · ",
  pages: "Pages",
  range: (first, last, total) => `${n(first)}–${n(last)} sur ${n(total)}`,
  first: "« Première",
  previous: "‹ Précédente",
  next: "Suivante ›",
  last: "Dernière »",
  pageOf: (page, pages) => `Page ${n(page)} sur ${n(pages)}`,
  computers: (x) => s(x, "ordinateur", "ordinateurs"),
  items: (x) => s(x, "élément", "éléments"),
  notFoundTitle: "Page introuvable",
  notFoundMessage: "Il n’y a aucune page à cette adresse.",
  goToDashboard: "Aller au tableau de bord",
  backToDashboard: "Retour au tableau de bord",
  signInFirst: "Connectez-vous d’abord",
  notSignedIn: "Vous n’êtes pas connecté.",
  signIn: "Se connecter",
  formTooLarge: "Formulaire trop volumineux",
  notAllowed: "Accès refusé",
  badRequest: "Requête invalide",
  somethingWrong: "Une erreur est survenue",
  formExpired:
    "Ce formulaire a expiré ou provient d’un autre site. Rechargez la page et réessayez.",
  changePasswordFirst: "Changez d’abord votre mot de passe",
  scopeTooNarrow: (right) =>
    `Votre profil est limité à certaines entités ; il faut le droit « ${right} » sur toutes les entités`,
  rightMissing: (right) => `Votre profil ne le permet pas (droit « ${right} » requis)`,
};

export const units: typeof en.units = {
  bytes: ["o", "Ko", "Mo", "Go", "To", "Po"],
};

export const charts: typeof en.charts = {
  share: "Part",
  other: (count) => `Autres (${n(count)})`,
  noValues: (unit) => `Aucun élément (${unit}).`,
  valueOf: (label, value, unit, share) => `${label} : ${n(value)} ${unit} (${share})`,
  showAsTable: "Afficher sous forme de tableau",
  none: "(aucun)",
};
