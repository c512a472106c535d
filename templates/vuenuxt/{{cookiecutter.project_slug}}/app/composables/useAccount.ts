/** Who is signed in: `/api/auth/session`, fetched once per page load (null for a visitor). */
export interface Account {
  user: { id: number; email: string };
  workspace: { id: number; name: string };
  role: 'owner' | 'member';
}

export function useAccount() {
  return useFetch<Account>('/api/auth/session', { key: 'account', default: () => null as unknown as Account });
}
