// Colours with at least 4.5:1 contrast (WCAG AA) for white text on them and for them as text on white;
// Ant Design's preset tag colours (light background, mid-tone text) fall short of it.
export const TONE = {
  ok: '#237804',
  bad: '#a8071a',
  warn: '#ad4e00',
  info: '#1d4f91',
  muted: '#595959',
} as const;

export type Tone = keyof typeof TONE;

/** The theme's text colours darkened to AA contrast on white and on the light panels. */
export const ACCESSIBLE_TOKENS = {
  colorPrimary: TONE.info,
  colorInfo: TONE.info,
  colorLink: TONE.info,
  colorError: '#c41d1f',
  colorSuccess: TONE.ok,
  colorWarning: TONE.warn,
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
  colorTextDescription: 'rgba(0, 0, 0, 0.64)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
  borderRadius: 4,
};
