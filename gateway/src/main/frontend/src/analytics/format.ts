/** How analytics shows its figures: shares as percentages, times in hours, a dash where there is no figure. */
export const percent = (v?: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)} %`);
export const hours = (v?: number | null) => (v == null ? '—' : `${v.toFixed(1)} ч`);
