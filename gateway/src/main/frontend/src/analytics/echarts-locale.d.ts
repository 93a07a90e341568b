// ECharts ships its Russian locale as a plain module without types; it is the object registerLocale takes.
declare module 'echarts/lib/i18n/langRU.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default locale;
}
