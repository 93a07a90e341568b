import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import langRU from 'echarts/lib/i18n/langRU.js';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);
// Russian tooltips, toolbox and screen-reader descriptions.
echarts.registerLocale('RU', langRU);

/**
 * An ECharts chart that follows its container's width; {@code onPick} gets the index of the category a
 * person clicked (the drill-down to the messages behind it). The chart's description for screen readers is
 * ECharts' own (aria), and every chart's figures are also in a table on the same screen.
 */
export function Chart({ option, label, height = 280, onPick }: {
  option: EChartsCoreOption; label: string; height?: number; onPick?: (index: number) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { locale: 'RU' });
    chart.current = instance;
    instance.on('click', (event) => {
      if (typeof event.dataIndex === 'number') pick.current?.(event.dataIndex);
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, true);
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
