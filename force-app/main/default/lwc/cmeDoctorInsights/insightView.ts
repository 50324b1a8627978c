// What a doctor row shows of an insight, formatted once when the insight is computed (pure).
import type { InsightView } from 'c/cmeDoctorRow';
import { formatLabel } from 'c/cmeUi';
import { moneyText } from './doctorInsights';
import type { DoctorInsight } from './doctorInsights';
import { LABELS } from './labels';

export function insightView(insight: DoctorInsight, currency: string | undefined): InsightView {
  const total = moneyText(insight.total, currency);
  const view: InsightView = {
    tovText: total,
    hasCap: false,
    barValue: 0,
    barStyle: '',
    barClass: 'slds-progress-bar__value',
    eventsText: formatLabel(LABELS.eventsCountLabel, insight.eventsThisYear),
    warnings: insight.warnings.map((w) => ({
      ...w,
      severityLabel: w.severity === 'block' ? LABELS.severityBlockLabel : LABELS.severityWarnLabel,
      className: w.severity === 'block' ? 'warning warning-block' : 'warning warning-warn',
    })),
  };
  if (insight.cap.cap !== null) {
    const percent = insight.cap.percent ?? 0;
    view.tovText = formatLabel(LABELS.tovOfCapLabel, total, moneyText(insight.cap.cap, currency), percent);
    view.hasCap = true;
    view.barValue = Math.min(100, percent);
    view.barStyle = `width: ${view.barValue}%`;
    const level = insight.cap.level;
    view.barClass =
      level === 'over' || level === 'reached'
        ? 'slds-progress-bar__value bar-over'
        : level === 'near'
          ? 'slds-progress-bar__value bar-near'
          : 'slds-progress-bar__value';
  }
  return view;
}
