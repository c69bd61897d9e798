/**
 * Prints an access token for a demo staff member, signed in like staff sign in (Keycloak →
 * BankID broker → identity → the BankID simulator approves as the user's demo person).
 *   DELAKTIG_PROFILE=dev ts-node tools/staff-token.ts [username]   (infra/keycloak.sh token [user] [profile])
 */
import { staffToken } from '../tests/support/staff-sign-in';

const username = process.argv[2] ?? 'handlaggare.skarpnack';
const profile = process.env['DELAKTIG_PROFILE'] ?? 'dev';

staffToken(username, profile).then(
  (token) => console.log(token),
  (err: Error) => {
    console.error(`cannot sign in ${username} (${profile}): ${err.message}`);
    process.exit(1);
  },
);
