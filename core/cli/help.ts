// The text of `trame --help`, from every command's own help. It names commands whose modules are heavy (signing,
// documents): the build evaluates it once (build/scripts/build-node.mjs, __TRAME_CLI_HELP__) so that `trame --help`
// loads none of them; run from the sources, main.ts imports this module instead.
import { COMMITMENTS_HELP } from '../features/commitments/cli';
import { DOCUMENT_HELP } from '../features/protocole/cli';
import { MEASUREMENTS_HELP } from '../features/indicators/cli';
import { SIGNING_HELP } from '../features/signing/cli';
import { SPREADSHEET_HELP } from '../features/spreadsheet/cli';
import { FIGER_HELP } from '../features/versions/cli';
import { MERGE_HELP } from '../features/merge/cli';

/** The help, with `version` and the settings folder `dataDir` in it. */
export function cliHelp(version: string, dataDir: string): string {
  return `trame ${version} — piloter le pilier emploi d'un contrat de ville

Usage :
  trame import <fichier.trame> <contrat.json>
      Crée le contrat <fichier.trame> à partir d'un document d'échange JSON
      (« - » lit le JSON sur l'entrée standard). Refuse d'écraser un fichier existant.
  trame export <fichier.trame> [--format json] [-o <sortie.json> [--remplacer]]
      Écrit le contrat au format d'échange JSON, sur la sortie standard si -o est absent ou vaut « - ».
      Un fichier <sortie.json> existant n'est remplacé qu'avec --remplacer.
${DOCUMENT_HELP}
  trame show <fichier.trame>
      Affiche le contrat : arbre enjeu → objectif → action → indicateur, étiquettes, partenaires, engagements.
      « show » et « export » ne font que lire : le fichier .trame n'est pas modifié d'un seul octet.
${COMMITMENTS_HELP}
${MEASUREMENTS_HELP}
${SIGNING_HELP}
${FIGER_HELP}
${MERGE_HELP}
${SPREADSHEET_HELP}
  trame --help       Affiche cette aide.
  trame --version    Affiche la version.

Environnement :
  TRAME_DATA_DIR     Dossier des réglages de Trame (ici : ${dataDir}).

Codes de sortie : 0 réussite, 1 erreur (fichier refusé, introuvable…), 2 commande mal formée.`;
}
