import { useQuery } from '@tanstack/react-query';
import { core, ok } from '../api/client';

/** A message's text cut for a list: at most {@code length} characters and «…» where it was cut. */
export const excerpt = (text: string | undefined, length: number) => (text && text.length > length ? `${text.slice(0, length)}…` : text ?? '');

/** The incident the message is in (none or one), shared by the card's incident and its proposed repeats. */
export function useIncidentOf(messageId: string) {
  return useQuery({
    queryKey: ['message', messageId, 'incident'],
    queryFn: () => ok(core.GET('/api/incidents', { params: { query: { message: messageId } } })),
  });
}
