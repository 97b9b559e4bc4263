import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../platform/auth/passwords';

// `npm run user:hash`: reads a password (not echoed into shell history) and prints its scrypt hash for USERS_FILE.
async function main() {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('Password: ');
  const password = (await rl.question('')).trim();
  rl.close();
  if (password.length < 10) {
    console.error('Use at least 10 characters.');
    process.exit(2);
  }
  console.log(await hashPassword(password));
}
void main();
