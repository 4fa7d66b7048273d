/** The users and API tokens pages (French). */

import type * as en from "../en/accounts.ts";

const n = (x: number) => x.toLocaleString("fr");

export const users: typeof en.users = {
  title: "Utilisateurs",
  oneTime1: "Mot de passe à usage unique pour ",
  oneTime2: " (affiché une seule fois ; il devra être changé à la première connexion) :",
  caption: "Utilisateurs et leurs profils",
  headers: ["Identifiant", "Nom", "Profil et entités", "Statut", "Dernière connexion", "Actions"],
  profiles: {
    admin: "administrateur",
    technician: "technicien",
    readonly: "lecture seule",
  },
  none: "aucun",
  profileOf: (login) => `Profil de ${login}`,
  assign: "Affecter",
  disabled: "désactivé",
  enabled: "actif",
  mustChange: "doit changer son mot de passe",
  never: "jamais",
  resetOf: (login) => `Réinitialiser le mot de passe de ${login}`,
  reset: "Réinitialiser le mot de passe",
  enableUser: (login) => `Activer ${login}`,
  disableUser: (login) => `Désactiver ${login}`,
  enable: "Activer",
  disable: "Désactiver",
  addUser: "Ajouter un utilisateur",
  login: "Identifiant",
  name: "Nom",
  add: "Ajouter l’utilisateur",
  oneTimeNote: "Un mot de passe à usage unique est affiché une fois l’utilisateur ajouté.",
  profile: "Profil",
  entity: "Entité",
  allEntities: "Toutes les entités",
  withSub: "Avec les sous-entités",
  entityNumber: (id) => `entité n° ${id}`,
  plusSub: " + sous-entités",
  notices: {
    assigned: "Profil affecté.",
    disabled: "Utilisateur désactivé ; ses sessions sont fermées.",
    enabled: "Utilisateur activé.",
  },
};

export const tokens: typeof en.tokens = {
  title: "Jetons d’API",
  intro1: (profile) => `Un jeton agit en votre nom (${profile}) sur `,
  intro2: " : envoyez-le sous la forme ",
  created1: "Jeton ",
  created2: " créé. Copiez-le maintenant : il ne sera plus affiché.",
  none: "Vous n’avez aucun jeton d’API.",
  caption: "Vos jetons d’API",
  headers: ["Nom", "Commence par", "Créé le", "Dernière utilisation", "Expiration", "Actions"],
  never: "jamais",
  revokeOf: (name) => `Révoquer ${name}`,
  revoke: "Révoquer",
  create: "Créer un jeton",
  name: "Nom",
  days: "Expire après (jours)",
  daysHint: "Vide : jusqu’à sa révocation.",
  createButton: "Créer le jeton",
  notices: {
    revoked: "Jeton révoqué.",
    "not-found": "Ce jeton n’existe pas.",
  },
  nameIt: "Nommez le jeton.",
  daysWhole: (max) => `La durée est un nombre entier de jours, de 1 à ${n(max)}.`,
};
