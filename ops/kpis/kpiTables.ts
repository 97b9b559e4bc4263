import type { CsvCell } from '../export/toCsv';
import type { Kpis, KpiSummary } from './computeKpis';

/** The KPI tables that export as CSV. */
export const KPI_TABLES = ['total', 'days', 'intents', 'agents', 'reasons', 'topics'] as const;
export type KpiTable = (typeof KPI_TABLES)[number];

const SUMMARY_HEADER = [
  'conversations',
  'contained',
  'containment_rate',
  'handoffs',
  'handoff_rate',
  'abandoned',
  'abandonment_rate',
  'open',
  'open_rate',
  'routed_messages',
  'fallbacks',
  'fallback_rate',
  'first_reply_median_ms',
  'first_reply_p90_ms',
  'handoff_wait_median_ms',
  'handoff_wait_p90_ms',
  'csat_asked',
  'csat_responses',
  'csat_response_rate',
  'csat_average',
];

/** Rates as fractions with 4 decimals (0.3333), empty when there is no denominator. */
const r4 = (v: number | null): CsvCell => (v === null ? null : Math.round(v * 10_000) / 10_000);

const summaryCells = (s: KpiSummary): CsvCell[] => [
  s.conversations,
  s.contained,
  r4(s.containmentRate),
  s.handoffs,
  r4(s.handoffRate),
  s.abandoned,
  r4(s.abandonmentRate),
  s.open,
  r4(s.openRate),
  s.routedMessages,
  s.fallbacks,
  r4(s.fallbackRate),
  s.firstReplyMs.median,
  s.firstReplyMs.p90,
  s.handoffWaitMs.median,
  s.handoffWaitMs.p90,
  s.csat.asked,
  s.csat.responses,
  r4(s.csat.responseRate),
  s.csat.average,
];

/** One KPI table as a CSV header and rows (the same figures as the API and the dashboard). */
export function kpiTable(k: Kpis, table: KpiTable): { header: string[]; rows: CsvCell[][] } {
  switch (table) {
    case 'total':
      return { header: ['from', 'to', ...SUMMARY_HEADER], rows: [[k.from, k.to, ...summaryCells(k.total)]] };
    case 'days':
      return { header: ['day', ...SUMMARY_HEADER], rows: k.byDay.map((d) => [d.day, ...summaryCells(d)]) };
    case 'intents':
      return { header: ['intent', ...SUMMARY_HEADER], rows: k.byIntent.map((i) => [i.intent, ...summaryCells(i)]) };
    case 'agents':
      return {
        header: ['agent', 'chats', 'handle_median_ms', 'handle_p90_ms', 'csat_average', 'csat_responses'],
        rows: k.agents.map((a) => [a.agent, a.chats, a.handleMs.median, a.handleMs.p90, a.csatAverage, a.csatResponses]),
      };
    case 'reasons':
      return {
        header: ['reason', 'handoffs', 'share_of_conversations'],
        rows: Object.entries(k.total.handoffsByReason)
          .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
          .map(([reason, v]) => [reason, v.count, r4(v.rate)]),
      };
    case 'topics':
      return { header: ['topic', 'handoffs', 'share_of_handoffs'], rows: k.topHandoffIntents.map((t) => [t.intent, t.handoffs, r4(t.share)]) };
  }
}
