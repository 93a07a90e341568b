import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';

export type Report = Core['Report'];
export type ReportOrder = Core['ReportOrder'];

/** Where a made report's document is downloaded from (the gateway passes the session; a plain link works). */
export const fileOf = (report: Report) => `/api/reports/${report.id}/file`;

/** Orders a report; it is made in the background. */
export function useOrderReport(onStarted?: (report: Report) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (order: ReportOrder) => ok(core.POST('/api/reports', { body: order })),
    onSuccess: (report) => {
      client.invalidateQueries({ queryKey: ['reports'] });
      onStarted?.(report);
    },
  });
}

/** One report, asked again every second while it is being made. */
export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: ['report', id],
    enabled: !!id,
    queryFn: () => ok(core.GET('/api/reports/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}
