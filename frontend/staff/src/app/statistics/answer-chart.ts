import { ChangeDetectionStrategy, Component, ElementRef, OnDestroy, effect, input, viewChild } from '@angular/core';
import type { Chart } from 'chart.js';
import { share, type AnswerQuestion, type Label } from './statistics-api';

/** Colours of the options in order, readable on white and distinct for common colour blindness. */
const PALETTE = ['#1b5e9f', '#e08a00', '#2e8540', '#b3261e', '#6b4fa0', '#00838f', '#8d6e63', '#5f6b7a', '#c2185b', '#827717'];

/**
 * One question's distribution as a horizontal stacked bar per group (shares of the group's
 * respondents), drawn with Chart.js, loaded only when a chart is first shown. The chart is a
 * picture for sighted users; the table under it carries the same numbers for everyone.
 */
@Component({
  selector: 'dk-answer-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart-box" [style.height.px]="48 + groups().length * 34"><canvas #canvas aria-hidden="true"></canvas></div>`,
  styles: `
    .chart-box { position: relative; width: 100%; max-width: 56rem; }
  `,
})
export class AnswerChart implements OnDestroy {
  readonly question = input.required<AnswerQuestion>();
  readonly groups = input.required<{ key: string; label: Label }[]>();
  readonly lang = input<'sv' | 'en'>('sv');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    effect(() => {
      const q = this.question();
      const groups = this.groups();
      const lang = this.lang();
      void this.draw(q, groups, lang);
    });
  }

  private async draw(q: AnswerQuestion, groups: { key: string; label: Label }[], lang: 'sv' | 'en'): Promise<void> {
    const el = this.canvas().nativeElement;
    // Test DOMs have no canvas; the table carries the numbers there.
    if (typeof el.getContext !== 'function' || /jsdom/i.test(navigator.userAgent)) return;
    const { Chart: ChartJs, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } = await import('chart.js');
    ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    const data = {
      labels: groups.map((g) => g.label[lang]),
      datasets: q.options.map((o, i) => ({
        label: o.label[lang],
        data: groups.map((g) => share(q.cells[g.key]?.options[o.optionId], q.cells[g.key]?.respondents) ?? 0),
        backgroundColor: PALETTE[i % PALETTE.length],
      })),
    };
    if (this.chart) {
      this.chart.data = data;
      this.chart.update();
      return;
    }
    // Multiple choice: a child may choose several options, so the shares are bars side by side.
    const stacked = q.type !== 'multiple-choice';
    this.chart = new ChartJs(el, {
      type: 'bar',
      data,
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked, min: 0, max: 100, ticks: { callback: (v) => `${v} %` } },
          y: { stacked },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.x} %` } },
        },
      },
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
