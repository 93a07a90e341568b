import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Core } from '../api/client';
import { channelsRequest, referenceRequest } from '../start/first';

export type Reference = Core['Reference'];

/** The municipality's blocks, categories, recipients, territories, states and executors, named by its template. */
export const referenceQuery = queryOptions({ queryKey: referenceRequest.key, queryFn: referenceRequest.call, staleTime: 60_000 });
export const channelsQuery = queryOptions({ queryKey: channelsRequest.key, queryFn: channelsRequest.call, staleTime: 60_000 });

export function useReference() {
  return useQuery(referenceQuery);
}

export function useChannels() {
  return useQuery(channelsQuery);
}

/** Every state of every regulation, by code (the same code may name a state in several regulations). */
export function stateOptions(reference: Reference | undefined): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const regulation of reference?.regulations ?? []) {
    for (const state of regulation.states ?? []) if (state.code && !seen.has(state.code)) seen.set(state.code, state.name ?? state.code);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** Blocks, and their categories under them, as one grouped choice (a block is itself a category). */
export function categoryOptions(reference: Reference | undefined) {
  return (reference?.blocks ?? []).map((block) => ({
    label: block.name,
    title: block.name,
    options: [{ value: block.code!, label: block.name }, ...(block.categories ?? []).map((c) => ({ value: c.code!, label: c.name }))],
  }));
}

export function recipientOptions(reference: Reference | undefined, block?: string) {
  const blocks = (reference?.blocks ?? []).filter((b) => !block || b.code === block);
  const seen = new Map<string, string>();
  for (const b of blocks.length ? blocks : reference?.blocks ?? []) for (const r of b.recipients ?? []) seen.set(r.code!, r.name ?? r.code!);
  return [...seen].map(([value, label]) => ({ value, label }));
}

export function executorName(reference: Reference | undefined, username: string | undefined): string {
  if (!username) return '—';
  return reference?.executors?.find((e) => e.username === username)?.name ?? username;
}

/** A category's (or block's, or subcategory's) name from the template. */
export function categoryName(reference: Reference | undefined, code: string | undefined): string {
  if (!code) return '—';
  for (const block of reference?.blocks ?? []) {
    if (block.code === code) return block.name ?? code;
    const found = block.categories?.find((c) => c.code === code);
    if (found) return found.name ?? code;
  }
  return code;
}

export function recipientName(reference: Reference | undefined, code: string | undefined): string {
  if (!code) return '—';
  for (const block of reference?.blocks ?? []) {
    const found = block.recipients?.find((r) => r.code === code);
    if (found) return found.name ?? code;
  }
  return code;
}

/** A state's name in the message's regulation. */
export function stateName(reference: Reference | undefined, regulation: string | undefined, code: string | undefined): string {
  if (!code) return '';
  return reference?.regulations?.find((r) => r.code === regulation)?.states?.find((s) => s.code === code)?.name ?? code;
}

export function blockName(reference: Reference | undefined, code: string | undefined): string {
  if (!code) return '—';
  return reference?.blocks?.find((b) => b.code === code)?.name ?? code;
}
