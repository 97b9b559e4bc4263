import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ROLES = ['agent', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, ".", "_" or "-"'),
  displayName: z.string().min(1).max(60),
  roles: z.array(z.enum(ROLES)).min(1),
  /** From `npm run user:hash` (scrypt). */
  passwordHash: z.string().startsWith('scrypt$'),
  /** Concurrent chats an agent takes (default 3). */
  capacity: z.number().int().min(1).max(20).default(3),
});
export type User = z.infer<typeof userSchema>;
/** What a signed-in person is, without secrets. */
export type PublicUser = Omit<User, 'passwordHash'>;

export const usersFileSchema = z.object({ users: z.array(userSchema).min(1) }).refine((f) => new Set(f.users.map((u) => u.username)).size === f.users.length, {
  message: 'usernames must be unique',
});

/** Reads and validates a users file; errors name the file and the failing entry. */
export function loadUsers(file: string): User[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read users file ${file}: ${(e as Error).message}`);
  }
  const parsed = usersFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Users file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.users;
}

export const publicUser = ({ passwordHash: _omit, ...u }: User): PublicUser => u;
