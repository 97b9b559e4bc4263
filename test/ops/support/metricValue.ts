import type { Registry } from 'prom-client';

/** The value of one series (counter/gauge), or of a histogram's `_count`, summed over series matching `labels`; 0 when absent. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values, type } = await metric.get();
  const wanted = String(type) === 'histogram' ? values.filter((v) => (v as { metricName?: string }).metricName === `${name}_count`) : values;
  return wanted
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((n, v) => n + v.value, 0);
}
