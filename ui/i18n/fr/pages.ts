/** The navigation, sign-in, password, preferences and dashboard (French). */

import type * as en from "../en/pages.ts";

const n = (x: number) => x.toLocaleString("fr");

export const nav: typeof en.nav = {
  dashboard: "Tableau de bord",
  computers: "Ordinateurs",
  devices: "Machines",
  software: "Logiciels",
  history: "Historique",
  entities: "Entités",
  locations: "Lieux",
  rules: "Règles",
  tasks: "Actions automatiques",
  trash: "Corbeille",
  settings: "Configuration",
  users: "Utilisateurs",
};

export const auth: typeof en.auth = {
  login: "Identifiant",
  password: "Mot de passe",
  signIn: "Se connecter",
  signedOut: "Vous êtes déconnecté.",
  sessionEnded: "Votre session a pris fin. Reconnectez-vous.",
  formExpired: "Le formulaire de connexion a expiré. Veuillez réessayer.",
  wrongCredentials: "Identifiant ou mot de passe incorrect.",
  throttled: (seconds, byAddress) =>
    `Trop d’échecs de connexion ${
      byAddress ? "depuis votre adresse" : "pour ce compte depuis votre adresse"
    }. Réessayez dans ${n(seconds)} seconde${seconds <= 1 ? "" : "s"}.`,
  choosePassword: "Choisissez un nouveau mot de passe avant de continuer.",
  oneTimePassword: "Mot de passe à usage unique",
  currentPassword: "Mot de passe actuel",
  newPassword: "Nouveau mot de passe",
  newPasswordAgain: "Confirmation du nouveau mot de passe",
  passwordHint: (min) => `Au moins ${n(min)} caractères, sans votre identifiant.`,
  currentWrong: "Le mot de passe actuel est incorrect.",
  passwordsDiffer: "Les deux nouveaux mots de passe diffèrent.",
  passwordSame: "Choisissez un mot de passe différent de l’actuel.",
  passwordChanged: "Votre mot de passe a été modifié.",
  passwordTooShort: (min) => `Le mot de passe doit comporter au moins ${n(min)} caractères.`,
  passwordHasLogin: "Le mot de passe ne doit pas contenir l’identifiant.",
  sessionGone: "Votre session a pris fin",
  sessionIdle: "Votre session a pris fin après une période d’inactivité",
  sessionExpired: "Votre session a expiré",
  accountDisabled: "Ce compte est désactivé",
  accountDisabledSignIn: "Ce compte est désactivé.",
  passwordTooLong: "Le mot de passe est trop long.",
};

export const preferences: typeof en.preferences = {
  title: "Préférences",
  intro:
    "La façon dont la console s’adresse à vous. Enregistré sur votre compte, pour tous vos navigateurs.",
  language: "Langue",
  languageAuto: "Celle de mon navigateur",
  timeZone: "Fuseau horaire",
  timeZoneHint: (zone) =>
    `Un fuseau IANA, par exemple Europe/Paris. Vide : celui du serveur (${zone}).`,
  csvSeparator: "Séparateur CSV",
  csvAuto: "Selon la langue (virgule en anglais, point-virgule en français)",
  csvComma: "Virgule (,)",
  csvSemicolon: "Point-virgule (;)",
  csvTab: "Tabulation",
  saved: "Vos préférences sont enregistrées.",
  badTimeZone: (zone) => `« ${zone} » n’est pas un fuseau horaire connu du serveur.`,
  badChoice: "Choisissez l’une des valeurs proposées.",
  languages: { en: "English", fr: "Français" },
};

export const dashboard: typeof en.dashboard = {
  title: "Tableau de bord",
  scoped: "Chiffres des ordinateurs de vos entités uniquement.",
  everyEntity: "Chiffres de toutes les entités.",
  operatingSystems: "Systèmes d’exploitation",
  byOs: "Ordinateurs par système d’exploitation",
  unitComputers: "ordinateurs",
  unitInstallations: "installations",
  operatingSystem: "Système d’exploitation",
  manufacturers: "Fabricants",
  byManufacturer: "Ordinateurs par fabricant",
  manufacturer: "Fabricant",
  computersHeading: "Ordinateurs",
  computers: "ordinateurs",
  newThisWeek: "nouveaux cette semaine",
  newPerWeek: (weeks) => `Nouveaux ordinateurs par semaine, ${n(weeks)} dernières semaines`,
  oldestFirst: (values) => `De la plus ancienne semaine à la plus récente : ${values}.`,
  notSeenFor: (days) => `sans inventaire depuis ${n(days)} jours`,
  inTrash: "dans la corbeille",
  devicesHeading: "Machines",
  devicesAgents: "machines (agents)",
  devicesFeeding: "machines qui alimentent vos ordinateurs",
  inbox: {
    pending: "non importées : en attente d’approbation",
    refused: "non importées : refusées",
    unmatched: "non importées : aucune règle applicable",
    failed: "non importées : en échec",
  },
  inboxNoEntity:
    "Les machines non importées n’appartiennent à aucune entité : seuls les profils sur toutes les entités les voient.",
  topSoftware: "Logiciels les plus installés",
  countedAt: "Par installations sur les ordinateurs actifs, comptées à",
  recounting: " (recomptage en cours)",
  recountedOnce: " ; recomptées au plus une fois par minute.",
  mostInstalled: "Logiciels les plus installés",
  outsideBase: "Les plus installés hors système de base",
  outsideBaseHow:
    "Sans les logiciels présents sur au moins 90 % des ordinateurs d’un même système d’exploitation (la base de ce système), parmi les systèmes d’au moins 3 ordinateurs.",
  mostInstalledOutside: "Logiciels les plus installés hors système de base",
  software: "Logiciel",
  counting: "Comptage des installations (commencé à",
  reload: "Rechargez la page",
  inSeconds: " dans quelques secondes.",
  countFailed: "Les logiciels n’ont pas pu être comptés :",
  automaticActions: "Actions automatiques",
  noTasks:
    "Aucune pour l’instant : le serveur enregistre ses actions automatiques au premier passage de son planificateur.",
  failing: (failing, total) => `${n(failing)} sur ${n(total)} en échec.`,
  healthy: (total) => `Les ${n(total)} fonctionnent.`,
  lastResultCaption: "Dernier résultat de chaque action automatique",
  task: "Action",
  state: "État",
  lastResult: "Dernier résultat",
  lastRun: "Dernière exécution",
  recentErrors: "Erreurs des dernières exécutions",
  failingBadge: "en échec",
  neverRun: "jamais exécutée",
  errorsOf: (errors, runs) => `${n(errors)} sur ${n(runs)}`,
};
